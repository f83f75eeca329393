import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { createInputFlowScanner, type InputFlowScanner } from './create-input-flow-scanner';

let scanner: InputFlowScanner;
beforeAll(async () => {
  scanner = await createInputFlowScanner();
});

/** `rule@line:column` of every finding, the shape the tables below expect. */
const found = (path: string, text: string, options?: Parameters<InputFlowScanner['scan']>[2]) =>
  scanner.scan(path, text, options).findings.map((f) => `${f.ruleId}@${f.line}:${f.column}`);

const SHELL = 'flow-shell-injection';
const CODE = 'flow-code-injection';
const SQL = 'flow-sql-injection';
const PATH = 'flow-path-traversal';

describe('JavaScript and TypeScript: input reaching a sink is reported', () => {
  it.each([
    ['req.query into exec through a template', 'src/a.js', "const { exec } = require('child_process');\napp.get('/', (req, res) => {\n  exec(`ping ${req.query.host}`);\n});", [`${SHELL}@3:3`]],
    ['req.body into execSync by concatenation via a variable', 'src/a.ts', "import { execSync } from 'node:child_process';\nexport function h(req, res) {\n  const dir = req.body.dir;\n  const cmd = 'ls ' + dir;\n  execSync(cmd);\n}", [`${SHELL}@5:3`]],
    ['req.params into spawn with shell: true', 'src/a.js', "const cp = require('child_process');\nfunction h(req) {\n  cp.spawn(req.params.cmd, { shell: true });\n}", [`${SHELL}@3:3`]],
    ['req.headers into child_process.exec', 'src/a.js', "const child_process = require('child_process');\nfunction h(req) { child_process.exec('echo ' + req.headers['x-name']); }", [`${SHELL}@2:19`]],
    ['spawn of sh -c with input', 'src/a.js', "const { spawn } = require('child_process');\nfunction h(req) { spawn('sh', ['-c', req.query.script]); }", [`${SHELL}@2:19`]],
    ['execFile of a program named by input', 'src/a.js', "const { execFile } = require('child_process');\nfunction h(req) { execFile(req.query.prog, ['--version']); }", [`${SHELL}@2:19`]],
    ['shelljs exec', 'src/a.js', "const shell = require('shelljs');\nfunction h(req) { shell.exec('git checkout ' + req.body.branch); }", [`${SHELL}@2:19`]],
    ['a promisified exec', 'src/a.js', "const { exec } = require('child_process');\nconst execAsync = promisify(exec);\nasync function h(req) { await execAsync(`git log ${req.query.ref}`); }", [`${SHELL}@3:31`]],
    ['an array joined into a command', 'src/a.js', "const { exec } = require('child_process');\nfunction h(req) { const args = ['ls', req.query.dir].join(' '); exec(args); }", [`${SHELL}@2:65`]],
    ['+= onto a command', 'src/a.js', "const { exec } = require('child_process');\nfunction h(req) {\n  let cmd = 'ls ';\n  cmd += req.query.dir;\n  exec(cmd);\n}", [`${SHELL}@5:3`]],
    ['a ternary that may pick the input', 'src/a.js', "const { exec } = require('child_process');\nfunction h(req) { const d = req.query.d ? req.query.d : '.'; exec('ls ' + d); }", [`${SHELL}@2:62`]],
    ['destructuring the request', 'src/a.js', "const { exec } = require('child_process');\nfunction h(req) { const { query } = req; exec(query.cmd); }", [`${SHELL}@2:42`]],
    ['destructuring the query', 'src/a.js', "const { exec } = require('child_process');\nfunction h(req) { const { cmd, other: renamed } = req.query; exec(renamed); }", [`${SHELL}@2:62`]],
    ['a bracketed query field', 'src/a.js', "const { exec } = require('child_process');\nfunction h(req) { const q = req.query['q']; exec(q); }", [`${SHELL}@2:45`]],
    ['a closure called later', 'src/a.js', "const { exec } = require('child_process');\napp.post('/x', (req, res) => {\n  const name = req.body.name;\n  setImmediate(() => exec('touch ' + name));\n});", [`${SHELL}@4:22`]],
    ['a for-of over request input', 'src/a.js', "const fs = require('fs');\nfunction h(req) {\n  for (const f of req.body.files) {\n    fs.unlinkSync(f);\n  }\n}", [`${PATH}@4:5`]],
    ['GitHub event payload (github.context)', 'src/main.ts', "import * as github from '@actions/github';\nimport { execSync } from 'child_process';\nconst title = github.context.payload.issue.title;\nexecSync(`echo \"${title}\"`);", [`${SHELL}@4:1`]],
    ['GitHub event payload (context.payload)', 'src/main.js', "const { exec } = require('child_process');\nmodule.exports = async ({ context }) => {\n  exec('git checkout ' + context.payload.pull_request.head.ref);\n};", [`${SHELL}@3:3`]],
    ['the head ref from the environment', 'src/main.js', "const { execSync } = require('child_process');\nexecSync(`git fetch origin ${process.env.GITHUB_HEAD_REF}`);", [`${SHELL}@2:1`]],
    ['the parsed event payload file', 'src/main.js', "const fs = require('fs');\nconst { exec } = require('child_process');\nconst event = JSON.parse(fs.readFileSync(process.env.GITHUB_EVENT_PATH, 'utf8'));\nexec('echo ' + event.comment.body);", [`${SHELL}@4:1`]],
    ['eval of the body', 'src/a.js', 'function h(req) { return eval(req.body.expr); }', [`${CODE}@1:26`]],
    ['new Function of the query', 'src/a.js', "function h(req) { const f = new Function('a', req.query.code); }", [`${CODE}@1:29`]],
    ['vm.runInNewContext', 'src/a.js', "const vm = require('vm');\nfunction h(req) { vm.runInNewContext(req.body.code, {}); }", [`${CODE}@2:19`]],
    ['require of a module named by input', 'src/a.js', 'function h(req) { const plugin = require(`./plugins/${req.params.name}`); }', [`${CODE}@1:34`]],
    ['SQL by template literal', 'src/a.ts', 'export async function h(req) {\n  return db.query(`SELECT * FROM users WHERE id = ${req.params.id}`);\n}', [`${SQL}@2:10`]],
    ['SQL by concatenation via a variable', 'src/a.js', "async function h(req) {\n  const sql = 'SELECT * FROM users WHERE name = \\'' + req.query.name + '\\'';\n  await pool.query(sql);\n}", [`${SQL}@3:9`]],
    ['knex.raw', 'src/a.js', 'function h(req) { return knex.raw("SELECT * FROM t WHERE a = " + req.query.a); }', [`${SQL}@1:26`]],
    ['sequelize.query', 'src/a.js', 'async function h(req) { await sequelize.query(`DELETE FROM t WHERE id = ${req.body.id}`); }', [`${SQL}@1:31`]],
    ['prisma $queryRawUnsafe', 'src/a.ts', 'async function h(req) { await prisma.$queryRawUnsafe(`SELECT * FROM t WHERE a = ${req.query.a}`); }', [`${SQL}@1:31`]],
    ['an unnamed receiver with SQL text', 'src/a.js', 'async function h(req) { await this.repo.manager.query("SELECT * FROM t WHERE a = \'" + req.query.a + "\'"); }', [`${SQL}@1:31`]],
    ['sqlite db.all with SQL text', 'src/a.js', 'function h(req) { db.all("SELECT * FROM t WHERE a = " + req.query.a, cb); }', [`${SQL}@1:19`]],
    ['fs.readFile of a joined path', 'src/a.js', "const fs = require('fs');\nconst path = require('path');\nfunction h(req) { fs.readFile(path.join(__dirname, 'files', req.query.file), cb); }", [`${PATH}@3:19`]],
    ['fs/promises writeFile', 'src/a.ts', "import { writeFile } from 'node:fs/promises';\nexport async function h(req) { await writeFile(`/tmp/${req.body.name}`, req.body.data); }", [`${PATH}@2:38`]],
    ['res.sendFile without a root', 'src/a.js', "app.get('/f/:name', (req, res) => res.sendFile(__dirname + '/public/' + req.params.name));", [`${PATH}@1:35`]],
    ['Koa ctx.request.body', 'src/a.js', "const { exec } = require('child_process');\nrouter.post('/x', async (ctx) => { exec(ctx.request.body.cmd); });", [`${SHELL}@2:36`]],
    ['Lambda event query parameters', 'src/handler.js', "const { execSync } = require('child_process');\nexports.handler = async (event) => {\n  const host = event.queryStringParameters.host;\n  return execSync('nslookup ' + host).toString();\n};", [`${SHELL}@4:10`]],
    ['TypeScript casts and annotations', 'src/a.ts', "import { exec } from 'child_process';\nexport function h(req: Request): void {\n  const q = <string>req.query.q;\n  const r = (req.query.r as string)!;\n  exec(q);\n  exec(r);\n}", [`${SHELL}@5:3`, `${SHELL}@6:3`]],
    ['a TSX component file', 'src/page.tsx', "import { exec } from 'child_process';\nexport default function Page({ items }: Props) {\n  return <ul>{items.map((i) => <li key={i}>{i}</li>)}</ul>;\n}\nexport function handler(req, res) { exec(`ls ${req.query.dir}`); }", [`${SHELL}@5:37`]],
    ['a JSX file', 'src/a.jsx', "const { exec } = require('child_process');\nconst A = () => <div onClick={() => exec(window.x)} />;\nfunction h(req) { exec(req.query.c); }", [`${SHELL}@3:19`]],
  ])('%s', (_name, path, text, expected) => {
    expect(found(path, text)).toEqual(expected);
  });
});

describe('JavaScript and TypeScript: sanitizers and traps are not reported', () => {
  it.each([
    ['reassigned to a constant before the sink', 'src/a.js', "const { exec } = require('child_process');\nfunction h(req) { let d = req.query.d; d = 'logs'; exec('ls ' + d); }"],
    ['clean on both branches', 'src/a.js', "const { exec } = require('child_process');\nfunction h(req) { let d = req.query.d; if (x) { d = 'a'; } else { d = 'b'; } exec('ls ' + d); }"],
    ['Number() conversion', 'src/a.js', "function h(req) { const id = Number(req.params.id); return db.query('SELECT * FROM t WHERE id = ' + id); }"],
    ['parseInt conversion', 'src/a.js', 'function h(req) { return db.query(`SELECT * FROM t LIMIT ${parseInt(req.query.limit, 10)}`); }'],
    ['the length of the input', 'src/a.js', "function h(req) { return db.query('SELECT * FROM t LIMIT ' + req.query.q.length); }"],
    ['an allowlist guard that returns', 'src/a.js', "const { exec } = require('child_process');\nfunction h(req, res) {\n  const env = req.query.env;\n  if (!ALLOWED.includes(env)) return res.status(400).end();\n  exec('deploy ' + env);\n}"],
    ['an allowlist guard that throws (Set.has)', 'src/a.js', "const { exec } = require('child_process');\nfunction h(req) {\n  const env = req.query.env;\n  if (!ENVS.has(env)) { throw new Error('bad env'); }\n  exec('deploy ' + env);\n}"],
    ['a regex allowlist guard', 'src/a.js', "const { exec } = require('child_process');\nfunction h(req) {\n  const b = req.body.branch;\n  if (!/^[a-z0-9-]+$/.test(b)) return;\n  exec('git checkout ' + b);\n}"],
    ['equality with literals joined by &&', 'src/a.js', "const { exec } = require('child_process');\nfunction h(req) {\n  const m = req.query.mode;\n  if (m !== 'fast' && m !== 'slow') return;\n  exec('run --' + m);\n}"],
    ['the sink inside a positive allowlist check', 'src/a.js', "const { exec } = require('child_process');\nfunction h(req) { const t = req.query.t; if (TARGETS.includes(t)) { exec('make ' + t); } }"],
    ['an indexOf guard', 'src/a.js', "const { exec } = require('child_process');\nfunction h(req) { const t = req.query.t; if (TARGETS.indexOf(t) === -1) return; exec('make ' + t); }"],
    ['a parameterised query', 'src/a.js', "function h(req) { return db.query('SELECT * FROM users WHERE id = $1', [req.params.id]); }"],
    ['a pg query config object', 'src/a.js', "function h(req) { return client.query({ text: 'SELECT * FROM t WHERE id = $1', values: [req.params.id] }); }"],
    ['a tagged sql template', 'src/a.ts', 'async function h(req) { await prisma.$queryRaw(sql`SELECT * FROM t WHERE a = ${req.query.a}`); await db.query(sql`SELECT ${req.query.b}`); }'],
    ['execFile with an argument array', 'src/a.js', "const { execFile } = require('child_process');\nfunction h(req) { execFile('ls', ['-l', req.query.dir], cb); }"],
    ['spawn with an argument array and no shell', 'src/a.js', "const { spawn } = require('child_process');\nfunction h(req) { spawn('ls', [req.query.dir], { shell: false }); }"],
    ['a shell-escaped argument', 'src/a.js', "const { exec } = require('child_process');\nconst shellescape = require('shell-escape');\nfunction h(req) { exec('ls ' + shellescape([req.query.dir])); }"],
    ['RegExp.prototype.exec is not a shell', 'src/a.js', "const { exec } = require('child_process');\nfunction h(req) { const m = /a(b)/.exec(req.query.s); const r = re.exec(req.query.s); }"],
    ['path.basename before the join', 'src/a.js', "const fs = require('fs');\nfunction h(req) { const name = path.basename(req.query.file); fs.readFile(path.join(DIR, name), cb); }"],
    ['a resolved path checked against the base', 'src/a.js', "const fs = require('fs');\nfunction h(req, res) {\n  const full = path.resolve(BASE, req.query.file);\n  if (!full.startsWith(BASE + path.sep)) return res.sendStatus(403);\n  fs.createReadStream(full).pipe(res);\n}"],
    ['a rejected ..', 'src/a.js', "const fs = require('fs');\nfunction h(req) { const f = req.query.f; if (f.includes('..')) { throw new Error('no'); } fs.readFileSync('/srv/' + f); }"],
    ['sendFile with a root', 'src/a.js', "app.get('/f/:name', (req, res) => res.sendFile(req.params.name, { root: PUBLIC }));"],
    ['a variable of another function', 'src/a.js', "const { exec } = require('child_process');\nfunction a(req) { const cmd = req.query.cmd; }\nfunction b() { exec(cmd); }"],
    ['input only in comments and strings', 'src/a.js', "const { exec } = require('child_process');\n// exec(req.query.cmd)\nconst s = 'exec(req.query.cmd)';\nexec('ls');"],
    ['exec without child_process in the file', 'src/a.js', 'function h(req) { exec(req.query.cmd); }'],
    ['a comparison result', 'src/a.js', "const { exec } = require('child_process');\nfunction h(req) { const v = req.query.v === 'yes'; exec('run ' + (v ? '-v' : '')); }"],
    ['the event payload file path itself', 'src/main.js', "const fs = require('fs');\nconst raw = fs.readFileSync(process.env.GITHUB_EVENT_PATH, 'utf8');"],
    ['a setTimeout of a function', 'src/a.js', 'function h(req) { setTimeout(() => log(req.query.a), 10); }'],
    ['rows a query returned', 'src/a.js', "const { exec } = require('child_process');\nasync function h(req) { const { rows } = await db.query('SELECT name FROM t WHERE id = $1', [req.params.id]); exec('echo ' + rows[0].name); }"],
  ])('%s', (_name, path, text) => {
    expect(found(path, text)).toEqual([]);
  });
});

describe('Python: input reaching a sink is reported', () => {
  it.each([
    ['Flask args into os.system', 'app.py', 'import os\nfrom flask import request\n\n@app.route("/ping")\ndef ping():\n    host = request.args.get("host")\n    os.system("ping -c 1 " + host)\n', [`${SHELL}@7:5`]],
    ['form into subprocess with shell=True (f-string)', 'app.py', 'import subprocess\ndef h():\n    subprocess.run(f"tar xf {request.form[\'name\']}", shell=True)\n', [`${SHELL}@3:5`]],
    ['Popen with shell=True via a variable', 'app.py', 'import subprocess\ndef h():\n    cmd = "grep %s /var/log/app.log" % request.values["q"]\n    subprocess.Popen(cmd, shell=True)\n', [`${SHELL}@4:5`]],
    ['os.popen of .format()', 'app.py', 'import os\ndef h():\n    os.popen("ls {}".format(request.args["d"])).read()\n', [`${SHELL}@3:5`]],
    ['sh -c in an argument list', 'app.py', 'import subprocess\ndef h():\n    subprocess.run(["sh", "-c", request.json["script"]])\n', [`${SHELL}@3:5`]],
    ['eval of JSON input', 'app.py', 'def calc():\n    return eval(request.get_json()["expr"])\n', [`${CODE}@2:12`]],
    ['exec of form data', 'app.py', 'def run():\n    code = request.form.get("code")\n    exec(code)\n', [`${CODE}@3:5`]],
    ['SQL by % formatting', 'app.py', 'def user():\n    uid = request.args["id"]\n    cursor.execute("SELECT * FROM users WHERE id = %s" % uid)\n', [`${SQL}@3:5`]],
    ['SQL by f-string', 'app.py', 'def user():\n    cursor.execute(f"SELECT * FROM users WHERE name = \'{request.args[\'n\']}\'")\n', [`${SQL}@2:5`]],
    ['SQL by concatenation via a variable', 'app.py', 'def user():\n    q = "DELETE FROM t WHERE id = " + request.form["id"]\n    db.session.execute(text(q))\n', [`${SQL}@3:5`]],
    ['SQL by .format() on a connection', 'app.py', 'def user():\n    conn.execute("SELECT * FROM t WHERE a = \'{}\'".format(request.args["a"]))\n', [`${SQL}@2:5`]],
    ['Django request.GET into raw()', 'views.py', 'def search(request):\n    q = request.GET["q"]\n    return User.objects.raw("SELECT * FROM auth_user WHERE username = \'%s\'" % q)\n', [`${SQL}@3:12`]],
    ['open() of a joined path', 'app.py', 'import os\ndef dl():\n    name = request.args["file"]\n    with open(os.path.join("/srv/files", name)) as f:\n        return f.read()\n', [`${PATH}@4:10`]],
    ['a Flask route parameter into send_file', 'app.py', 'from flask import send_file\n\n@app.route("/files/<path:filename>")\ndef files(filename):\n    return send_file(os.path.join(BASE, filename))\n', [`${PATH}@5:12`]],
    ['a FastAPI str parameter into os.system', 'api.py', 'import os\n\n@app.get("/lookup")\ndef lookup(host: str):\n    os.system("nslookup " + host)\n', [`${SHELL}@5:5`]],
    ['pathlib read_text', 'app.py', 'from pathlib import Path\ndef h():\n    return (Path(BASE) / request.args["f"]).read_text()\n', [`${PATH}@3:12`]],
    ['the GitHub event payload', 'scripts/notify.py', 'import json, os\n\nwith open(os.environ["GITHUB_EVENT_PATH"]) as f:\n    event = json.load(f)\ntitle = event["issue"]["title"]\nos.system(f"echo {title}")\n', [`${SHELL}@6:1`]],
    ['the event payload in one expression', 'scripts/notify.py', 'import json, os, subprocess\nevent = json.load(open(os.environ["GITHUB_EVENT_PATH"]))\nsubprocess.call("git checkout " + event["pull_request"]["head"]["ref"], shell=True)\n', [`${SHELL}@3:1`]],
    ['the head ref from os.getenv', 'scripts/ci.py', 'import os\nos.system("git fetch " + os.getenv("GITHUB_HEAD_REF"))\n', [`${SHELL}@2:1`]],
    ['a Lambda event', 'handler.py', 'import os\ndef handler(event, context):\n    os.system("echo " + event["queryStringParameters"]["msg"])\n', [`${SHELL}@3:5`]],
  ])('%s', (_name, path, text, expected) => {
    expect(found(path, text)).toEqual(expected);
  });
});

describe('Python: sanitizers and traps are not reported', () => {
  it.each([
    ['an argument list without shell=True', 'import subprocess\ndef h():\n    subprocess.run(["ping", "-c", "1", request.args["host"]])\n'],
    ['shlex.quote', 'import shlex, subprocess\ndef h():\n    subprocess.run("ping " + shlex.quote(request.args["host"]), shell=True)\n'],
    ['int() conversion', 'import os\ndef h():\n    n = int(request.args["n"])\n    os.system("sleep %d" % n)\n'],
    ['a parameterised query', 'def h():\n    cursor.execute("SELECT * FROM users WHERE id = %s", (request.args["id"],))\n'],
    ['secure_filename', 'from werkzeug.utils import secure_filename\ndef h():\n    name = secure_filename(request.files["f"].filename)\n    open(os.path.join(UPLOADS, name), "wb")\n'],
    ['os.path.basename', 'def h():\n    open(os.path.join(BASE, os.path.basename(request.args["f"])))\n'],
    ['an allowlist check that aborts', 'import os\ndef h():\n    env = request.args["env"]\n    if env not in ALLOWED_ENVS:\n        abort(400)\n    os.system("deploy " + env)\n'],
    ['an isdigit check that raises', 'import os\ndef h():\n    n = request.args["n"]\n    if not n.isdigit():\n        raise ValueError("n")\n    os.system("sleep " + n)\n'],
    ['a regex check that returns', 'import os, re\ndef h():\n    b = request.args["b"]\n    if not re.fullmatch(r"[a-z0-9-]+", b):\n        return "bad", 400\n    os.system("git checkout " + b)\n'],
    ['a realpath prefix check', 'import os\ndef h():\n    p = os.path.realpath(os.path.join(BASE, request.args["p"]))\n    if not p.startswith(BASE + os.sep):\n        abort(403)\n    return open(p).read()\n'],
    ['reassigned to a constant', 'import os\ndef h():\n    d = request.args["d"]\n    d = "/tmp"\n    os.system("ls " + d)\n'],
    ['send_from_directory', 'from flask import send_from_directory\n@app.route("/f/<name>")\ndef f(name):\n    return send_from_directory(BASE, name)\n'],
    ['a route parameter of another function', 'import os\n@app.route("/a/<x>")\ndef a(x):\n    pass\ndef b(x):\n    os.system("echo " + x)\n'],
    ['a typed args.get', 'import os\ndef h():\n    n = request.args.get("n", 1, type=int)\n    os.system("sleep %d" % n)\n'],
    ['re.compile is not a code sink', 'import re\ndef h():\n    return re.compile(request.args["p"])\n'],
  ])('%s', (_name, text) => {
    expect(found('app.py', text)).toEqual([]);
  });
});

describe('Go: input reaching a sink is reported', () => {
  const handler = (body: string) => `package main\n\nfunc handler(w http.ResponseWriter, r *http.Request) {\n${body}\n}\n`;
  it.each([
    ['query into sh -c', handler('\tq := r.URL.Query().Get("q")\n\texec.Command("sh", "-c", "ls "+q).Run()'), [`${SHELL}@5:2`]],
    ['FormValue into bash -c via Sprintf', handler('\tname := r.FormValue("name")\n\tscript := fmt.Sprintf("echo %s", name)\n\tout, _ := exec.Command("bash", "-c", script).Output()\n\t_ = out'), [`${SHELL}@6:12`]],
    ['a program named by input', handler('\texec.Command(r.URL.Query().Get("prog")).Run()'), [`${SHELL}@4:2`]],
    ['SQL by concatenation', handler('\tid := r.FormValue("id")\n\tdb.Query("SELECT * FROM users WHERE id = " + id)'), [`${SQL}@5:2`]],
    ['SQL by Sprintf via a variable', handler('\tname := r.URL.Query().Get("name")\n\tq := fmt.Sprintf("SELECT * FROM users WHERE name = \'%s\'", name)\n\trows, err := db.Query(q)\n\t_, _ = rows, err'), [`${SQL}@6:15`]],
    ['ExecContext with the query second', handler('\tdb.ExecContext(ctx, "DELETE FROM t WHERE id = "+r.PostFormValue("id"))'), [`${SQL}@4:2`]],
    ['os.Open of a joined path', handler('\tf := r.URL.Query().Get("file")\n\tos.Open(filepath.Join("/srv", f))'), [`${PATH}@5:2`]],
    ['http.ServeFile', handler('\thttp.ServeFile(w, r, "/srv/"+r.URL.Path)'), [`${PATH}@4:2`]],
    ['a header value', handler('\texec.Command("sh", "-c", "echo "+r.Header.Get("X-Name")).Run()'), [`${SHELL}@4:2`]],
    ['the body, decoded', handler('\tvar req struct{ Cmd string }\n\tjson.NewDecoder(r.Body).Decode(&req)\n\texec.Command("sh", "-c", req.Cmd).Run()'), [`${SHELL}@6:2`]],
    ['gorilla mux vars', handler('\tid := mux.Vars(r)["id"]\n\tos.ReadFile("/data/" + id)'), [`${PATH}@5:2`]],
    ['a request named otherwise', 'package main\n\nfunc h(w http.ResponseWriter, in *http.Request) {\n\tos.Remove(in.FormValue("f"))\n}\n', [`${PATH}@4:2`]],
    ['gin context query and File', 'package main\n\nfunc h(c *gin.Context) {\n\tname := c.Query("name")\n\tc.File("/srv/" + name)\n}\n', [`${PATH}@5:2`]],
    ['gin ShouldBindJSON', 'package main\n\nfunc h(c *gin.Context) {\n\tvar in Input\n\tif err := c.ShouldBindJSON(&in); err != nil {\n\t\treturn\n\t}\n\tdb.Exec("UPDATE t SET a = \'" + in.A + "\'")\n}\n', [`${SQL}@8:2`]],
    ['echo QueryParam', 'package main\n\nfunc h(c echo.Context) error {\n\treturn exec.Command("sh", "-c", c.QueryParam("cmd")).Run()\n}\n', [`${SHELL}@4:9`]],
    ['a goroutine closure', handler('\tq := r.FormValue("q")\n\tgo func() {\n\t\texec.Command("sh", "-c", q).Run()\n\t}()'), [`${SHELL}@6:3`]],
  ])('%s', (_name, text, expected) => {
    expect(found('main.go', text)).toEqual(expected);
  });
});

describe('Go: sanitizers and traps are not reported', () => {
  const handler = (body: string) => `package main\n\nfunc handler(w http.ResponseWriter, r *http.Request) {\n${body}\n}\n`;
  it.each([
    ['exec.Command with an argument list', handler('\texec.Command("ls", "-l", r.URL.Query().Get("dir")).Run()')],
    ['a placeholder query', handler('\tdb.Query("SELECT * FROM users WHERE id = ?", r.FormValue("id"))')],
    ['a $1 query', handler('\tdb.QueryRow("SELECT * FROM users WHERE id = $1", r.FormValue("id")).Scan(&u)')],
    ['strconv.Atoi', handler('\tn, err := strconv.Atoi(r.FormValue("n"))\n\tif err != nil {\n\t\treturn\n\t}\n\tdb.Query(fmt.Sprintf("SELECT * FROM t LIMIT %d", n))')],
    ['filepath.Base', handler('\tname := filepath.Base(r.URL.Query().Get("f"))\n\tos.Open(filepath.Join("/srv", name))')],
    ['a map allowlist', handler('\tenv := r.FormValue("env")\n\tif !allowed[env] {\n\t\thttp.Error(w, "bad", 400)\n\t\treturn\n\t}\n\texec.Command("sh", "-c", "deploy "+env).Run()')],
    ['a comma-ok allowlist', handler('\tenv := r.FormValue("env")\n\tif _, ok := allowed[env]; !ok {\n\t\treturn\n\t}\n\texec.Command("sh", "-c", "deploy "+env).Run()')],
    ['a regexp check', handler('\tb := r.FormValue("b")\n\tif !validName.MatchString(b) {\n\t\treturn\n\t}\n\texec.Command("sh", "-c", "git checkout "+b).Run()')],
    ['a rejected ..', handler('\tf := r.FormValue("f")\n\tif strings.Contains(f, "..") {\n\t\treturn\n\t}\n\tos.Open("/srv/" + f)')],
    ['a prefix check of the cleaned path', handler('\tp := filepath.Join(base, r.FormValue("f"))\n\tif !strings.HasPrefix(filepath.Clean(p), base) {\n\t\treturn\n\t}\n\tos.ReadFile(p)')],
    ['a validating function that returns an error', handler('\tname := r.FormValue("name")\n\tif err := validateName(name); err != nil {\n\t\treturn\n\t}\n\texec.Command("sh", "-c", "echo "+name).Run()')],
    ['reassigned to a constant', handler('\tq := r.FormValue("q")\n\tq = "default"\n\texec.Command("sh", "-c", "ls "+q).Run()')],
    ['filepath.Clean of a rooted path', handler('\tname := filepath.Clean("/" + r.URL.Query().Get("f"))\n\tos.Open(filepath.Join(base, name))')],
    ['a method receiver named r that is no request', 'package main\n\nfunc (r *Repo) Find(id string) {\n\tos.Open(r.URL)\n}\n'],
    ['a reader named r that is no request', 'package main\n\nfunc f() {\n\tr := bufio.NewReader(os.Stdin)\n\tline, _ := r.ReadString(10)\n\texec.Command("sh", "-c", line).Run()\n}\n'],
  ])('%s', (_name, text) => {
    expect(found('main.go', text)).toEqual([]);
  });
});

describe('findings: location, message, fingerprint and filters', () => {
  const js = "const { exec } = require('child_process');\nfunction h(req) {\n  const cmd = req.query.cmd;\n  exec('ls ' + cmd);\n}\n";

  it('gives the rule, severity, category, 1-based line and UTF-16 columns, and a message naming source, sink and fix', () => {
    const [finding] = scanner.scan('src/a.js', "const { exec } = require('child_process');\nfunction h(req) { const s = '😀é'; exec(s + req.query.cmd); }\n").findings;
    expect(finding).toMatchObject({ category: 'input-flow', ruleId: SHELL, severity: 'critical', path: "src/a.js", line: 2, column: 36, endColumn: 59 });
    expect(finding?.message).toContain('`req.query.cmd` (line 2)');
    expect(finding?.message).toContain('`exec(…)`');
    expect(finding?.message).toMatch(/execFile\/spawn/);
    expect(finding?.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives SQL findings severity high and the parameterised-query fix', () => {
    const [finding] = scanner.scan('app.py', 'def h():\n    cursor.execute("SELECT * FROM t WHERE id = " + request.args["id"])\n').findings;
    expect(finding).toMatchObject({ ruleId: SQL, severity: 'high' });
    expect(finding?.message).toContain('parameterised query');
  });

  it('keeps the fingerprint when lines move and changes it when the sink changes', () => {
    const [a] = scanner.scan('src/a.js', js).findings;
    const [b] = scanner.scan('src/a.js', `\n\n${js}`).findings;
    const [c] = scanner.scan('src/a.js', js.replace("exec('ls ' + cmd)", "exec('cat ' + cmd)")).findings;
    expect(b?.line).toBe((a?.line ?? 0) + 2);
    expect(b?.fingerprint).toBe(a?.fingerprint);
    expect(c?.fingerprint).not.toBe(a?.fingerprint);
  });

  it.each([
    ['a bare allow comment', '// safe-deploy:allow', []],
    ['an allow comment naming the rule', '// safe-deploy:allow flow-shell-injection', []],
    ['an allow comment naming another rule', '// safe-deploy:allow flow-sql-injection', [`${SHELL}@4:3`]],
  ])('honours %s on the sink line', (_name, comment, expected) => {
    expect(found('src/a.js', js.replace("exec('ls ' + cmd);", `exec('ls ' + cmd); ${comment}`))).toEqual(expected);
  });

  it('reports only sinks on lines the line filter accepts', () => {
    expect(found('src/a.js', js, { lineFilter: (line) => line === 4 })).toEqual([`${SHELL}@4:3`]);
    expect(found('src/a.js', js, { lineFilter: (line) => line === 3 })).toEqual([]);
  });

  it('skips disabled rules', () => {
    expect(found('src/a.js', js, { disabledRules: [SHELL] })).toEqual([]);
    expect(found('src/a.js', js, { disabledRules: [SQL] })).toEqual([`${SHELL}@4:3`]);
  });

  it('says which files it supports', () => {
    expect(['a.ts', 'a.mts', 'a.cts', 'a.tsx', 'a.js', 'a.jsx', 'a.mjs', 'a.cjs', 'a.py', 'a.go'].every((p) => scanner.supports(p))).toBe(true);
    expect(['a.rb', 'a.d.ts', 'Dockerfile', 'a.sh', 'README.md'].some((p) => scanner.supports(p))).toBe(false);
    expect(scanner.scan('a.rb', 'system(params[:x])')).toEqual({ findings: [] });
  });

  it('still analyses a file with syntax errors (tree-sitter recovers)', () => {
    const broken = "const { exec } = require('child_process');\nfunction h(req) {\n  const cmd = req.query.cmd;\n  exec('ls ' + cmd);\n}\nfunction broken( {\n  if (\n";
    const result = scanner.scan('src/broken.js', broken);
    expect(result.problem).toBeUndefined();
    expect(result.findings.map((f) => `${f.ruleId}@${f.line}`)).toEqual([`${SHELL}@4`]);
    expect(scanner.scan('bad.py', 'def (:\n  ))))\n').findings).toEqual([]);
    expect(scanner.scan('bad.go', 'package main\nfunc {{{{\n').findings).toEqual([]);
  });

  it('finishes a 1 MB minified one-line bundle and finds the flow in it', () => {
    const chunk = 'function a0(e,t){var n=e.x+t.y,r=[n,1,2].map(function(o){return o*2});if(n>1){return r.join(",")}else{n=n+"a"}return n};';
    const body = Array.from({ length: Math.ceil(1_000_000 / chunk.length) }, (_, i) => chunk.replace('a0', `a${i}`)).join('');
    const text = `var cp=require("child_process");${body}function h(req,res){cp.exec("ls "+req.query.d)}`;
    expect(text.length).toBeGreaterThan(1_000_000);
    const result = scanner.scan('dist/bundle.min.js', text);
    expect(result.problem).toBeUndefined();
    expect(result.findings.map((f) => `${f.ruleId}@${f.line}`)).toEqual([`${SHELL}@1`]);
  });

  it('survives deeply nested expressions without a stack overflow', () => {
    const deep = `const { exec } = require('child_process');\nfunction h(req) { exec(${'('.repeat(3000)}req.query.a${')'.repeat(3000)}); const s = ${Array.from({ length: 5000 }, (_, i) => `x${i}`).join(' + ')}; }\n`;
    const result = scanner.scan('src/deep.js', deep);
    expect(result.problem).toBeUndefined();
  });
});

describe('createInputFlowScanner: where the WebAssembly comes from', () => {
  it('loads the grammars from one flat directory, as the action bundle ships them', async () => {
    const require = createRequire(import.meta.url);
    const packageFile = (pkg: string, file: string) => path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
    const directory = await mkdtemp(path.join(os.tmpdir(), 'input-flow-wasm-'));
    try {
      const files = [
        require.resolve('web-tree-sitter/tree-sitter.wasm'),
        packageFile('tree-sitter-typescript', 'tree-sitter-typescript.wasm'),
        packageFile('tree-sitter-typescript', 'tree-sitter-tsx.wasm'),
        packageFile('tree-sitter-python', 'tree-sitter-python.wasm'),
        packageFile('tree-sitter-go', 'tree-sitter-go.wasm'),
      ];
      await Promise.all(files.map((file) => copyFile(file, path.join(directory, path.basename(file)))));
      const bundled = await createInputFlowScanner({ wasmDirectory: directory });
      expect(bundled.scan('app.py', 'import os\ndef h():\n    os.system("ls " + request.args["d"])\n').findings.map((f) => f.ruleId)).toEqual([SHELL]);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('rejects with the missing file named when the directory lacks the grammars', async () => {
    await expect(createInputFlowScanner({ wasmDirectory: path.join(os.tmpdir(), 'no-such-input-flow-wasm') })).rejects.toThrow(/tree-sitter-(typescript|tsx|python|go)\.wasm/);
  });
});
