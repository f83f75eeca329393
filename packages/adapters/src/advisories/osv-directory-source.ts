import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { osvAdvisorySchema, type AdvisoryLookup, type AdvisorySource, type Dependency, type OsvAdvisory } from '@safe-deploy/core';
import { readZipEntries } from './read-zip-entries';

/** Where the offline database is. */
export interface OsvDirectoryOptions {
  /** A directory of OSV JSON files (searched recursively, `.zip` files in it included), or one `.zip` such as OSV's per-ecosystem `all.zip`. */
  path: string;
  name?: string;
}

const SERVICE = 'Offline OSV database';
const MAX_LISTED_PROBLEMS = 20;

/**
 * Advisories from an offline OSV database: OSV JSON files in a directory tree, or zipped as OSV publishes them
 * (`gs://osv-vulnerabilities/<ecosystem>/all.zip`). Read on every lookup, keeping only the advisories that name a
 * package asked about (by ecosystem and name, PyPI names normalised), so a large database is never held whole.
 * A file that is not valid OSV JSON is a problem naming it, and the rest are still used; a database that cannot be
 * read, or holds no advisory at all, is a problem too — never a silent "no vulnerabilities".
 */
export class OsvDirectorySource implements AdvisorySource {
  readonly name: string;
  private readonly path: string;

  constructor(options: OsvDirectoryOptions) {
    this.name = options.name ?? 'osv-dir';
    this.path = options.path;
  }

  async fetchAdvisories(deps: readonly Dependency[]): Promise<AdvisoryLookup> {
    const wanted = new Set(deps.map((dep) => packageKey(dep.ecosystem, dep.name)));
    const state: ReadState = { wanted, found: new Map(), problems: [], files: 0, advisories: 0 };
    let kind;
    try {
      kind = await stat(this.path);
    } catch (error) {
      return { advisories: [], problems: [`${SERVICE} ${this.path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}), so no dependency was checked against it. Retrying will not help until the path is fixed.`] };
    }
    if (kind.isDirectory()) await this.readDirectory(this.path, state);
    else await this.readFile(this.path, state);
    const problems = state.problems.length > MAX_LISTED_PROBLEMS ? [...state.problems.slice(0, MAX_LISTED_PROBLEMS), `${SERVICE} ${this.path}: ${state.problems.length - MAX_LISTED_PROBLEMS} more files could not be read.`] : state.problems;
    if (state.advisories === 0) {
      problems.push(`${SERVICE} ${this.path}: holds no readable OSV advisory (${state.files} files looked at), so no dependency was checked against it. Point it at an unpacked or zipped OSV export (e.g. npm/all.zip).`);
    }
    return { advisories: [...state.found.values()].sort((a, b) => a.id.localeCompare(b.id)), problems };
  }

  private async readDirectory(directory: string, state: ReadState): Promise<void> {
    let entries;
    try {
      entries = await readdir(directory, { withFileTypes: true });
    } catch (error) {
      state.problems.push(`${SERVICE}: directory ${this.relative(directory)} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); its advisories are missing.`);
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) await this.readDirectory(full, state);
      else if (entry.isFile() && /\.(json|zip)$/i.test(entry.name)) await this.readFile(full, state);
    }
  }

  private async readFile(file: string, state: ReadState): Promise<void> {
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (error) {
      state.problems.push(`${SERVICE}: ${this.relative(file)} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); skipped.`);
      return;
    }
    if (!/\.zip$/i.test(file)) {
      state.files++;
      addAdvisories(bytes, this.relative(file), state);
      return;
    }
    try {
      for (const entry of readZipEntries(bytes, (name) => /\.json$/i.test(name))) {
        state.files++;
        const where = `${this.relative(file)}!${entry.name}`;
        if ('problem' in entry) state.problems.push(`${SERVICE}: ${where} cannot be read: ${entry.problem}; skipped.`);
        else addAdvisories(entry.data, where, state);
      }
    } catch (error) {
      state.problems.push(`${SERVICE}: ${this.relative(file)} cannot be read as a zip: ${(error as Error).message}; its advisories are missing.`);
    }
  }

  private relative(file: string): string {
    const relative = path.relative(this.path, file);
    return relative === '' ? file : relative;
  }
}

interface ReadState {
  wanted: Set<string>;
  found: Map<string, OsvAdvisory>;
  problems: string[];
  files: number;
  advisories: number;
}

/** Parses one OSV JSON document (one advisory, or a list of them) and keeps those naming a wanted package. */
function addAdvisories(bytes: Buffer, where: string, state: ReadState): void {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    state.problems.push(`${SERVICE}: ${where} is not valid JSON (${(error as Error).message}); skipped, the other files were used.`);
    return;
  }
  const documents = Array.isArray(json) ? json : [json];
  documents.forEach((document, index) => {
    const parsed = osvAdvisorySchema.safeParse(document);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const at = [...(Array.isArray(json) ? [index] : []), ...(issue?.path ?? [])].map(String).join('.') || '(top level)';
      state.problems.push(`${SERVICE}: ${where} is not an OSV advisory (${at}: ${issue?.message ?? 'invalid'}); skipped, the other files were used.`);
      return;
    }
    state.advisories++;
    const advisory = parsed.data;
    if (advisory.affected.some((entry) => state.wanted.has(packageKey(entry.package.ecosystem, entry.package.name))) && !state.found.has(advisory.id)) {
      state.found.set(advisory.id, advisory);
    }
  });
}

function packageKey(ecosystem: string, name: string): string {
  return `${ecosystem}\u0000${ecosystem === 'PyPI' ? name.toLowerCase().replace(/[-_.]+/g, '-') : name}`;
}
