import { describe, expect, it } from '@jest/globals';
import { scanPatterns } from './scan-patterns';

const rulesIn = (path: string, text: string) => scanPatterns(text, { path }).map((f) => `${f.ruleId}@${f.line}:${f.column}`);

describe('scanPatterns: dangerous patterns, positives', () => {
  it.each([
    ['shell rm -rf of a variable', 'deploy.sh', 'set -e\nrm -rf "$BUILD_DIR/"\n', 'shell-rm-rf-variable@2:1'],
    ['shell rm -fr of ${VAR}', 'clean.sh', 'rm -fr ${OUT}/cache', 'shell-rm-rf-variable@1:1'],
    ['shell rm -r -f of a command substitution', 'x.sh', 'rm -r -f $(dirname "$0")/tmp', 'shell-rm-rf-variable@1:1'],
    ['a shebang script without an extension', 'bin/reset', '#!/usr/bin/env bash\nrm -rf $HOME/.cache', 'shell-rm-rf-variable@2:1'],
    ['Dockerfile RUN with a continuation', 'Dockerfile', 'FROM node:24\nRUN npm ci && \\\n    rm -rf $NPM_CACHE\n', 'shell-rm-rf-variable@3:5'],
    ['DROP TABLE in a .sql migration', 'db/migrations/002_drop.sql', '-- cleanup\nDROP TABLE users;\n', 'sql-destructive-migration@2:1'],
    ['TRUNCATE in a JS migration (SQL in a string)', 'migrations/20240101-reset.js', "exports.up = (knex) => knex.raw('TRUNCATE TABLE orders');\n", 'sql-destructive-migration@1:34'],
    ['eval of a variable', 'src/a.js', 'const out = eval(userCode);\n', 'js-eval@1:13'],
    ['eval of a template with interpolation', 'src/a.ts', 'eval(`run(${input})`);', 'js-eval@1:1'],
    ['new Function with a non-literal body', 'src/a.ts', 'const f = new Function("a", body);', 'js-eval@1:11'],
    ['child_process.exec with a template', 'src/run.ts', "import { exec } from 'node:child_process';\nexec(`git log ${ref}`, cb);", 'js-child-process-exec@2:1'],
    ['cp.execSync with concatenation', 'src/run.js', "const cp = require('child_process');\ncp.execSync('rm -rf ' + dir);", 'js-child-process-exec@2:1'],
    ['subprocess with shell=True', 'tool.py', 'import subprocess\nsubprocess.call(cmd, shell=True)\n', 'py-subprocess-shell@2:1'],
    ['os.system of an f-string', 'tool.py', 'import os\nos.system(f"tar xf {path}")\n', 'py-os-system@2:1'],
    ['python eval of a variable', 'calc.py', 'result = eval(expression)\n', 'py-eval@1:10'],
    ['Go sh -c with a built script', 'main.go', 'cmd := exec.Command("sh", "-c", "git log " + ref)\n', 'go-shell-command@1:8'],
    ['a workflow run: block expanding an issue title', '.github/workflows/triage.yml', 'jobs:\n  t:\n    steps:\n      - run: |\n          echo "${{ github.event.issue.title }}"\n', 'workflow-expression-injection@5:17'],
    ['an inline workflow run: with the head ref', '.github/workflows/ci.yml', 'steps:\n  - run: git checkout ${{ github.head_ref }}\n', 'workflow-expression-injection@2:23'],
  ])('%s', (_name, path, text, expected) => {
    expect(rulesIn(path, text)).toEqual([expected]);
  });
});

describe('scanPatterns: what is not dangerous', () => {
  it.each([
    ['rm -rf of a constant path', 'a.sh', 'rm -rf /tmp/build dist'],
    ['rm -rf guarded with ${VAR:?}', 'a.sh', 'rm -rf "${BUILD_DIR:?}/out"'],
    ['rm -rf in a shell comment', 'a.sh', '# never: rm -rf $DIR\necho ok'],
    ['rm -f (not recursive) of a variable', 'a.sh', 'rm -f "$PIDFILE"'],
    ['DROP TABLE in a migration comment', 'migrations/003.sql', '-- DROP TABLE users; (kept for history)\nALTER TABLE users ADD COLUMN x int;'],
    ['DROP TABLE in a SQL string literal', 'migrations/004.sql', "INSERT INTO notes VALUES ('DROP TABLE is forbidden');"],
    ['DROP TABLE in docs', 'docs/migrations.md', 'Never run DROP TABLE users;'],
    ['DROP TABLE in application code outside migrations', 'src/admin.js', "db.query('DROP TABLE tmp_import');"],
    ['eval of a literal', 'a.js', 'eval("1 + 1");'],
    ['model.eval()', 'train.py', 'model.eval()\nwith torch.no_grad():\n    pass\n'],
    ['a method called eval in JS', 'a.ts', 'const v = parser.eval(node);'],
    ['evaluate()', 'a.ts', 'const v = evaluate(expr);'],
    ['RegExp exec', 'a.ts', "import { exec } from 'node:child_process';\nconst m = /a(b)/.exec(text);\nconst n = re.exec(input + suffix);"],
    ['exec without child_process imported', 'a.ts', 'const m = exec(`${a}`);'],
    ['exec with a literal command', 'a.ts', "import { exec } from 'child_process';\nexec('git status', cb);"],
    ['eval in a comment or string', 'a.js', '// eval(userCode)\nconst s = "eval(userCode)";'],
    ['subprocess without shell=True', 'a.py', 'subprocess.run(["git", "log", ref], check=True)'],
    ['os.system of a literal', 'a.py', 'os.system("clear")'],
    ['Go exec.Command of a program with arguments', 'main.go', 'cmd := exec.Command("git", "log", ref)'],
    ['Go sh -c with a literal script', 'main.go', 'cmd := exec.Command("sh", "-c", "ls -la")'],
    ['a workflow passing event data through env', '.github/workflows/a.yml', 'steps:\n  - env:\n      TITLE: ${{ github.event.issue.title }}\n    run: echo "$TITLE"\n'],
    ['a workflow if: using event data', '.github/workflows/a.yml', "steps:\n  - if: github.event.pull_request.draft == false\n    run: npm test\n"],
    ['a file of no known language', 'README.md', 'rm -rf $DIR and eval(x)'],
  ])('%s', (_name, path, text) => {
    expect(rulesIn(path, text)).toEqual([]);
  });
});

describe('scanPatterns: controls', () => {
  it('honours an inline allow comment, for all rules or the named one', () => {
    expect(rulesIn('a.js', 'eval(code); // safe-deploy:allow')).toEqual([]);
    expect(rulesIn('a.js', 'eval(code); // safe-deploy:allow js-eval')).toEqual([]);
    expect(rulesIn('a.js', 'eval(code); // safe-deploy:allow py-eval')).toEqual(['js-eval@1:1']);
  });

  it('skips disabled rules and lines outside the diff', () => {
    expect(scanPatterns('eval(a);\neval(b);', { path: 'a.js', disabledRules: ['js-eval'] })).toEqual([]);
    expect(scanPatterns('eval(a);\neval(b);', { path: 'a.js', lineFilter: (line) => line === 2 }).map((f) => f.line)).toEqual([2]);
  });

  it('fingerprints by rule, path and code, not by line, and says why and how to fix', () => {
    const [before] = scanPatterns('eval(code);', { path: 'a.js' });
    const [after] = scanPatterns('\n\n// moved\neval(code);', { path: 'a.js' });
    expect(before?.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(after?.fingerprint).toBe(before?.fingerprint);
    expect(before).toMatchObject({ category: 'dangerous-pattern', severity: 'high', message: expect.stringContaining('JSON.parse') });
  });
});
