import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { npmBulkAnswerSchema } from '../npm-advisory-source';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** The GHSA advisories in `fixtures/ghsa`, as OSV JSON documents (see fixtures/README.md). */
export function ghsaRecords(): Record<string, unknown>[] {
  const directory = path.join(fixtures, 'ghsa');
  return readdirSync(directory)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(path.join(directory, name), 'utf8')) as Record<string, unknown>);
}

/** npm's recorded bulk advisory answer for `{"lodash":["4.17.20"],"minimist":["1.2.0"]}` (see fixtures/README.md). */
export function recordedNpmBulkAnswer() {
  return npmBulkAnswerSchema.parse(JSON.parse(readFileSync(path.join(fixtures, 'npm-bulk-answer.json'), 'utf8')));
}
