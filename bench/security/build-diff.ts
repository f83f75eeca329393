// Builds a realistic pull-request diff from real files: copies them into a temporary base tree, edits a head copy
// (inserted blocks taken from other real files, changed and deleted lines, a few secrets and risky calls), and asks
// git for the unified diff the action reads (`git diff --unified=0`). Everything is written under os.tmpdir().
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { seededRandom } from '../../packages/core/src/security/secrets/secret-fixtures.test-support';
import type { TreeFile } from './measure-throughput';
import { secretValues } from './secret-values';

/** The diff and the head tree it applies to. */
export interface BuiltDiff {
  readonly directory: string;
  readonly diff: string;
  /** Head text of every changed file, by path. */
  readonly head: ReadonlyMap<string, string>;
  readonly headDirectory: string;
  readonly planted: number;
}

const EDITABLE = /\.(?:[cm]?js|ts|md|json|ya?ml|py|go|sh)$/;

/** Picks files by a seeded walk, edits them until the planned added text reaches `targetBytes`, and diffs with git. */
export function buildDiff(files: readonly TreeFile[], targetBytes: number, seed = 7): BuiltDiff {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const candidates = files.filter((f) => EDITABLE.test(f.path) && f.bytes > 2_000 && f.bytes < 80_000 && !f.path.includes('.min.'));
  const donors = candidates.map((f) => f.text.split('\n'));
  const v = secretValues(seed);
  const risky = [
    () => `const token = "${v.github('p')}";`,
    () => `AWS_ACCESS_KEY_ID=${v.awsAccessKeyId()}`,
    () => `  password: "${v.password(20)}"`,
    () => 'eval(userInput);',
    () => "require('child_process').exec('rm -rf ' + target);",
  ];
  const directory = mkdtempSync(path.join(tmpdir(), 'security-bench-diff-'));
  const head = new Map<string, string>();
  let planned = 0;
  let planted = 0;
  const used = new Set<number>();
  while (planned < targetBytes && used.size < candidates.length) {
    let index = Math.floor(random() * candidates.length);
    while (used.has(index)) index = (index + 1) % candidates.length;
    used.add(index);
    const file = candidates[index]!;
    const lines = file.text.split('\n');
    const out: string[] = [];
    for (let i = 0; i < lines.length; i++) {
      const r = random();
      if (r < 0.02) {
        const donor = pick(donors);
        const start = Math.floor(random() * donor.length);
        const block = donor.slice(start, start + 5 + Math.floor(random() * 40));
        if (random() < 0.05) {
          block.push(pick(risky)());
          planted++;
        }
        out.push(...block, lines[i]!);
        planned += block.join('\n').length;
      } else if (r < 0.05) {
        out.push(`${lines[i]} // reviewed`);
        planned += 2 * lines[i]!.length;
      } else if (r < 0.06) {
        planned += lines[i]!.length;
      } else out.push(lines[i]!);
    }
    const relative = `src/${file.path.replace(/^node_modules\//, '')}`;
    for (const [side, text] of [['base', file.text], ['head', out.join('\n')]] as const) {
      const target = path.join(directory, side, relative);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, text);
    }
    head.set(relative, out.join('\n'));
  }
  const git = spawnSync('git', ['diff', '--no-index', '--unified=0', '--no-color', '--no-ext-diff', 'base', 'head'], { cwd: directory, encoding: 'utf8', maxBuffer: 256 * 2 ** 20 });
  if (git.status !== 1) throw new Error(`git diff --no-index exited with ${git.status}: ${git.stderr}`);
  // --no-index names both sides after their directories; rewrite to the a/ b/ repository paths a PR diff has.
  const diff = git.stdout.replace(/^(diff --git a\/)base\/(\S+) b\/head\//gm, '$1$2 b/').replace(/^--- a\/base\//gm, '--- a/').replace(/^\+\+\+ b\/head\//gm, '+++ b/');
  return { directory, diff, head, headDirectory: path.join(directory, 'head'), planted };
}
