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
    ['exec of a command built from a template first', 'src/unpack.ts', "import * as childProcess from 'node:child_process';\nexport function unpack(archive: string) {\n  const cmd = `tar xzf ${archive}`;\n  childProcess.exec(cmd);\n}\n", 'js-child-process-exec@4:3'],
    ['execSync of a command concatenated first', 'a.js', "const { execSync } = require('child_process');\nlet cmd: string = 'rm -rf ' + dir;\nexecSync(cmd);\n", 'js-child-process-exec@3:1'],
    ['sudo rm -Rf (capital R)', 'scripts/uninstall.sh', '#!/bin/sh\nsudo rm -Rf "$PREFIX"/lib/myapp\n', 'shell-rm-rf-variable@2:6'],
    ['rm -R -f', 'a.sh', 'rm -R -f "$CACHE"', 'shell-rm-rf-variable@1:1'],
    ['rm -rfv (more flags)', 'a.sh', 'rm -rfv "$CACHE"', 'shell-rm-rf-variable@1:1'],
    ['rm -rf of a positional parameter', 'scripts/lib.sh', 'cleanup() {\n  rm -rf "$1"\n}\n', 'shell-rm-rf-variable@2:3'],
    ['rm -rf of "$@"', 'a.sh', 'rm -rf "$@"', 'shell-rm-rf-variable@1:1'],
    ['rm -rf in a string a remote shell runs', 'a.sh', 'ssh deploy@host "rm -rf $RELEASE_DIR"', 'shell-rm-rf-variable@1:18'],
    ['rm -rf in the else branch of a -n test', 'a.sh', 'if [ -n "$OUT" ]; then\n  echo kept\nelse\n  rm -rf "$OUT/"\nfi\n', 'shell-rm-rf-variable@4:3'],
    ['rm -rf after a test of another variable', 'a.sh', 'if [ -n "$SRC" ]; then\n  rm -rf "$DEST/"\nfi\n', 'shell-rm-rf-variable@2:3'],
    ['rm -rf after an if block that has closed', 'a.sh', 'if [ -n "$OUT" ]; then\n  echo ok\nfi\nrm -rf "$OUT/"\n', 'shell-rm-rf-variable@4:1'],
    ['rm -rf with a -d test of a longer path', 'a.sh', 'if [ -d "$OUT/cache" ]; then rm -rf "$OUT/cache"; fi', 'shell-rm-rf-variable@1:30'],
    ['rm -rf inside a negated -d test', 'a.sh', 'if [ ! -d "$OUT" ]; then rm -rf "$OUT"; fi', 'shell-rm-rf-variable@1:26'],
    ['the whole commit list through toJSON', '.github/workflows/a.yml', 'steps:\n  - run: echo \'${{ toJSON(github.event.commits) }}\'\n', 'workflow-expression-injection@2:16'],
    ['Function(src) without new', 'src/sandbox.js', 'const fn = Function(src);', 'js-eval@1:12'],
    ['window.eval(code)', 'public/widget.js', 'function load(code) {\n  window.eval(code);\n}\n', 'js-eval@2:3'],
    ['globalThis.eval of a template', 'src/a.ts', 'globalThis.eval(`${a}`);', 'js-eval@1:1'],
    ['from subprocess import run', 'tools/deploy.py', 'from subprocess import run\n\ndef deploy(host):\n    run(f"ssh {host} ./deploy.sh", shell=True)\n', 'py-subprocess-shell@4:5'],
    ['an aliased import from subprocess', 'tools/a.py', 'from subprocess import PIPE, check_output as co\nco(cmd, shell=True)\n', 'py-subprocess-shell@2:1'],
    ['import subprocess as sp', 'tools/a.py', 'import subprocess as sp\nsp.call(cmd, shell=True)\n', 'py-subprocess-shell@2:1'],
    ['from os import system', 'tools/pull.py', 'from os import system\nsystem("git pull origin " + branch)\n', 'py-os-system@2:1'],
    ['Go /bin/sh -c', 'internal/unpack/unpack.go', 'func Unpack(path string) error {\n\treturn exec.Command("/bin/sh", "-c", "tar xzf "+path).Run()\n}\n', 'go-shell-command@2:9'],
    ['Go /usr/bin/bash -c', 'main.go', 'cmd := exec.Command("/usr/bin/bash", "-c", script)', 'go-shell-command@1:8'],
    ['alembic op.drop_table in upgrade()', 'alembic/versions/7c1d_drop_carts.py', 'from alembic import op\n\ndef upgrade():\n    op.drop_table("carts")\n', 'sql-destructive-migration@4:5'],
    ['sequelize dropTable in up()', 'migrations/20240301-drop-wishlist.js', "module.exports = {\n  async up(queryInterface) {\n    await queryInterface.dropTable('wishlists');\n  },\n};\n", 'sql-destructive-migration@3:26'],
    ['knex dropTableIfExists in exports.up', 'db/migrations/20240301_drop.ts', "export async function up(knex) {\n  await knex.schema.dropTableIfExists('carts');\n}\n", 'sql-destructive-migration@2:21'],
    ['a goose Up section', 'db/migrations/00003_x.sql', '-- +goose Up\nDROP TABLE a;\n-- +goose Down\nCREATE TABLE a (id int);\n', 'sql-destructive-migration@2:1'],
    ['a flyway file outside a migrations folder', 'src/main/resources/db/V3__drop_audit.sql', 'DROP TABLE audit;\n', 'sql-destructive-migration@1:1'],
    ['a golang-migrate up file', 'sql/000012_drop_tags.up.sql', 'DROP TABLE tags;\n', 'sql-destructive-migration@1:1'],
    ['DROP in up() of a file whose down() creates', 'migrations/20240401_drop_tags.js', "exports.up = (knex) => knex.raw('DROP TABLE tags');\nexports.down = (knex) => knex.raw('CREATE TABLE tags (id int)');\n", 'sql-destructive-migration@1:34'],
    ['a composite action run step', '.github/actions/notify/action.yml', 'name: notify\nruns:\n  using: composite\n  steps:\n    - shell: bash\n      run: echo "New issue: ${{ github.event.issue.title }}"\n', 'workflow-expression-injection@6:29'],
    ['a safe field beside an unsafe one in one expression', '.github/workflows/a.yml', 'steps:\n  - run: echo ${{ github.event.pull_request.number || github.event.issue.title }}\n', 'workflow-expression-injection@2:15'],
    ['a dispatch input named like a safe field', '.github/workflows/a.yml', 'steps:\n  - run: echo ${{ github.event.inputs.number }}\n', 'workflow-expression-injection@2:15'],
    ['a repository_dispatch payload id', '.github/workflows/a.yml', 'steps:\n  - run: echo ${{ github.event.client_payload.id }}\n', 'workflow-expression-injection@2:15'],
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
    ['a method named eval or Function, and a function declaration', 'src/a.ts', 'class P {\n  eval(node: Node): number {\n    return 1;\n  }\n  Function(params, returns) {\n    return {};\n  }\n}\nexport function Function(a, b) {}\n'],
    ['a module-local Function', 'src/parser.mjs', 'export const Function = (input) => input;\nconst out = Function(input, context);\n'],
    ['Function inside a regex literal', 'src/a.js', 'const FN = /^(?:Function(?:Declaration|Expression))$/u;'],
    ['a Python method named eval', 'a.py', 'class Model:\n    def eval(self, mode):\n        return self\n'],
    ['exec of a variable holding a literal command', 'src/a.ts', "import { exec } from 'child_process';\nconst cmd = 'git status';\nexec(cmd, cb);\nconst tpl = `ls -la`;\nexec(tpl);\n"],
    ['rm -rf inside an echo string', 'scripts/dry-run.sh', '#!/bin/sh\necho "would run: rm -rf $TARGET"\n'],
    ['rm -rf inside a printf argument', 'a.sh', "printf '%s\\n' 'rm -rf $TARGET' && echo \"then rm -rf $X\""],
    ['rm -rf guarded by an enclosing -n test', 'scripts/clean.sh', '#!/bin/bash\nif [ -n "$OUT" ] && [ "$OUT" != "/" ]; then\n  rm -rf "$OUT/"\nfi\n'],
    ['rm -rf guarded by an outer -n test, in a nested if', 'a.sh', 'if [[ -n ${OUT} ]]; then\n  if [ -f x ]; then echo; fi\n  if [ -d y ]; then\n    rm -rf "$OUT/y"\n  fi\nfi\n'],
    ['rm -rf guarded by a -d test on one line', 'a.sh', 'if [ -d "$CACHE" ]; then rm -rf "$CACHE"; fi'],
    ['rm -rf guarded by an elif -n test', 'a.sh', 'if [ -z "$A" ]; then\n  exit 1\nelif [ -n "$B" ]; then\n  rm -rf "$B"/*\nfi\n'],
    ['rm -rf after [ -n ] &&', 'a.sh', '[ -n "$OUT" ] && rm -rf "$OUT/"'],
    ['rm -rf of ${1:?}', 'a.sh', 'rm -rf "${1:?usage: clean DIR}"'],
    ['DROP TABLE in a docstring of a Python migration', 'alembic/versions/9b_archive.py', 'def upgrade():\n    """Archives orders instead of DROP TABLE orders."""\n    op.rename_table("orders", "orders_archive")\n'],
    ['DROP TABLE in exports.down (knex)', 'migrations/20240401_create_tags.js', "exports.up = (knex) => knex.raw('CREATE TABLE tags (id serial primary key)');\nexports.down = (knex) => knex.raw('DROP TABLE tags');\n"],
    ['dropTable in down() (sequelize)', 'migrations/20240401-create-tags.js', "module.exports = {\n  async up(queryInterface) {\n    await queryInterface.createTable('tags', {});\n  },\n  async down(queryInterface) {\n    await queryInterface.dropTable('tags');\n  },\n};\n"],
    ['a golang-migrate .down.sql file', 'db/migrations/000012_create_tags.down.sql', 'DROP TABLE IF EXISTS tags;\n'],
    ['a flyway undo file', 'db/migration/U3__create_audit.sql', 'DROP TABLE audit;\n'],
    ['a goose Down section', 'db/migrations/00003_x.sql', '-- +goose Up\nCREATE TABLE a (id int);\n-- +goose Down\nDROP TABLE a;\n'],
    ['a dbmate down section', 'db/migrations/20240101_a.sql', '-- migrate:up\nCREATE TABLE a (id int);\n\n-- migrate:down\nDROP TABLE a;\n'],
    ['alembic downgrade()', 'alembic/versions/7c1d_create_carts.py', 'def upgrade():\n    op.create_table("carts")\n\n\ndef downgrade():\n    op.drop_table("carts")\n    op.execute("DROP TABLE cart_items")\n'],
    ['a goose Go Down function', 'migrations/00002_sessions.go', 'package migrations\n\nfunc upSessions(tx *sql.Tx) error { return nil }\n\nfunc downSessions(tx *sql.Tx) error {\n\t_, err := tx.Exec("DROP TABLE sessions")\n\treturn err\n}\n'],
    ['a test fixture .sql outside migrations', 'test/fixtures/reset.sql', 'DROP TABLE IF EXISTS users;\nCREATE TABLE users (id int);\n'],
    ['a schema dump outside migrations', 'schema.sql', 'DROP TABLE IF EXISTS users;\n'],
    ['numeric, boolean, timestamp and sha event fields', '.github/workflows/e.yml', 'steps:\n  - run: |\n      gh pr view ${{ github.event.pull_request.number }}\n      echo ${{ github.event.issue.id }} ${{ github.event.pull_request.merged_at }} ${{ github.event.pull_request.draft }}\n      git checkout ${{ github.event.pull_request.head.sha }} ${{ github.event.release.assets[0].size }}\n'],
    ['an action.yml of a node action', 'action.yml', "name: x\nruns:\n  using: node24\n  main: dist/index.js\n"],
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
