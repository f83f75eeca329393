// The labelled input-flow set, written from the scanner's definition (intra-procedural; sources: req.query/body/params/
// headers, Flask request.*, Go r.URL.Query()/FormValue, event payloads; sinks: shell, eval, SQL built by concatenation,
// templates or f-strings, file paths; sanitizers: parameterised queries, path.basename + prefix check, secure_filename,
// argument arrays, number conversions, shlex.quote, allowlist guards) and from what the code would do — not from the
// scanner's code. `>>` marks the sink's line, where the finding is expected.
import { labelled, type LabelledCase } from './labelled-case';
import { MORE_LABELLED_FLOWS } from './labelled-flows-more';

type Row = [id: string, kind: string, path: string, source: string];

const P = (rule: string, rows: Row[]): LabelledCase[] => rows.map(([id, kind, path, source]) => labelled('flows', `${rule}/${id}`, rule, kind, path, source));
const N = (rows: Row[]): LabelledCase[] => rows.map(([id, kind, path, source]) => labelled('flows', `neg/${id}`, null, kind, path, source));

const EXPRESS = "import express from 'express';\nimport { exec, execSync, execFile } from 'node:child_process';\nimport fs from 'node:fs';\nimport path from 'node:path';\nimport { db } from './db';\n\nconst app = express();\n";
const FLASK = 'import os\nimport shlex\nimport subprocess\nfrom flask import Flask, request, send_file, abort\nfrom werkzeug.utils import secure_filename\n\napp = Flask(__name__)\n';
const GO = 'package main\n\nimport (\n\t"database/sql"\n\t"fmt"\n\t"net/http"\n\t"os"\n\t"os/exec"\n\t"path/filepath"\n\t"strconv"\n\t"strings"\n)\n\nvar db *sql.DB\n';

/** Every labelled flow case: positives by rule, then negatives (sanitised, constant, or no path from source to sink); then the second batch. */
export const LABELLED_FLOWS: readonly LabelledCase[] = [
  ...P('flow-shell-injection', [
    ['js-query-template', 'req.query → exec template', 'src/routes/ping.ts', `${EXPRESS}app.get('/ping', (req, res) => {\n  const host = req.query.host;\n>>  exec(\`ping -c 1 \${host}\`, (err, out) => res.send(out));\n});\n`],
    ['js-body-concat', 'req.body → execSync concat', 'src/routes/convert.js', `${EXPRESS}app.post('/convert', (req, res) => {\n>>  execSync('convert ' + req.body.file + ' out.png');\n  res.sendStatus(204);\n});\n`],
    ['js-header', 'req.headers → exec', 'src/routes/locale.js', `${EXPRESS}app.get('/locale', (req, res) => {\n  const lang = req.headers['accept-language'];\n>>  exec('locale -a | grep ' + lang, (e, out) => res.send(out));\n});\n`],
    ['js-event-payload', 'event payload → execSync', 'src/label.ts', "import * as github from '@actions/github';\nimport { execSync } from 'node:child_process';\n\nexport function run(): void {\n  const title = github.context.payload.issue?.title;\n>>  execSync(`echo \"Triaging ${title}\"`);\n}\n"],
    ['py-fstring-shell', 'request.args → run(f…, shell=True)', 'app/ping.py', `${FLASK}\n@app.route("/ping")\ndef ping():\n    host = request.args.get("host")\n>>    return subprocess.run(f"ping -c 1 {host}", shell=True, capture_output=True).stdout\n`],
    ['py-os-system', 'request.form → os.system concat', 'app/dns.py', `${FLASK}\n@app.route("/lookup", methods=["POST"])\ndef lookup():\n>>    os.system("nslookup " + request.form["domain"])\n    return "ok"\n`],
    ['go-sh-c', 'r.URL.Query() → sh -c', 'cmd/ping/main.go', `${GO}\nfunc ping(w http.ResponseWriter, r *http.Request) {\n\thost := r.URL.Query().Get("host")\n>>\tout, _ := exec.Command("sh", "-c", "ping -c 1 "+host).Output()\n\tw.Write(out)\n}\n`],
    ['go-formvalue-sprintf', 'FormValue → bash -c Sprintf', 'cmd/archive/main.go', `${GO}\nfunc archive(w http.ResponseWriter, r *http.Request) {\n\tname := r.FormValue("name")\n>>\texec.Command("bash", "-c", fmt.Sprintf("tar czf /tmp/%s.tgz /srv/data", name)).Run()\n}\n`],
  ]),
  ...P('flow-code-injection', [
    ['js-eval-body', 'req.body → eval', 'src/routes/calc.js', `${EXPRESS}app.post('/calc', (req, res) => {\n>>  const result = eval(req.body.expr);\n  res.json({ result });\n});\n`],
    ['js-new-function', 'req.query → new Function', 'src/routes/filter.ts', `${EXPRESS}app.get('/filter', (req, res) => {\n  const predicate = req.query.where as string;\n>>  const fn = new Function('row', 'return ' + predicate);\n  res.json(rows.filter((r) => fn(r)));\n});\n`],
    ['py-eval-args', 'request.args → eval', 'app/calc.py', `${FLASK}\n@app.route("/calc")\ndef calc():\n>>    return str(eval(request.args["expr"]))\n`],
    ['py-exec-form', 'request.form → exec', 'app/snippet.py', `${FLASK}\n@app.route("/run", methods=["POST"])\ndef run():\n    snippet = request.form["snippet"]\n>>    exec(snippet)\n    return "done"\n`],
  ]),
  ...P('flow-sql-injection', [
    ['js-params-template', 'req.params → query template', 'src/routes/users.ts', `${EXPRESS}app.get('/users/:id', async (req, res) => {\n>>  const rows = await db.query(\`SELECT * FROM users WHERE id = \${req.params.id}\`);\n  res.json(rows);\n});\n`],
    ['js-query-concat', 'req.query → query concat', 'src/routes/orders.js', `${EXPRESS}app.get('/orders', async (req, res) => {\n  const status = req.query.status;\n>>  const rows = await db.query("SELECT * FROM orders WHERE status = '" + status + "'");\n  res.json(rows);\n});\n`],
    ['js-destructured', 'destructured req.params → concat', 'src/routes/carts.ts', `${EXPRESS}app.delete('/carts/:id', async (req, res) => {\n  const { id } = req.params;\n>>  await db.query('DELETE FROM carts WHERE id = ' + id);\n  res.sendStatus(204);\n});\n`],
    ['py-fstring', 'request.args → execute(f…)', 'app/users.py', `${FLASK}\n@app.route("/users")\ndef users():\n    name = request.args.get("name")\n>>    cursor.execute(f"SELECT * FROM users WHERE name = '{name}'")\n    return jsonify(cursor.fetchall())\n`],
    ['py-percent', 'request.args → execute(… % …)', 'app/items.py', `${FLASK}\n@app.route("/items")\ndef items():\n>>    cursor.execute("SELECT * FROM items WHERE id = %s" % request.args["id"])\n    return jsonify(cursor.fetchall())\n`],
    ['py-json-body', 'request.get_json() → concat', 'app/accounts.py', `${FLASK}\n@app.route("/accounts", methods=["POST"])\ndef find_account():\n    data = request.get_json()\n>>    cursor.execute("SELECT id FROM accounts WHERE email = '" + data["email"] + "'")\n    return jsonify(cursor.fetchone())\n`],
    ['go-formvalue-concat', 'FormValue → Query concat', 'cmd/users/main.go', `${GO}\nfunc user(w http.ResponseWriter, r *http.Request) {\n\tid := r.FormValue("id")\n>>\trows, _ := db.Query("SELECT * FROM users WHERE id = " + id)\n\tdefer rows.Close()\n}\n`],
    ['go-sprintf', 'r.URL.Query() → Exec(Sprintf)', 'cmd/sessions/main.go', `${GO}\nfunc logout(w http.ResponseWriter, r *http.Request) {\n>>\tdb.Exec(fmt.Sprintf("DELETE FROM sessions WHERE token = '%s'", r.URL.Query().Get("t")))\n}\n`],
  ]),
  ...P('flow-path-traversal', [
    ['js-sendfile-join', 'req.params → path.join → sendFile', 'src/routes/files.ts', `${EXPRESS}app.get('/files/:name', (req, res) => {\n>>  res.sendFile(path.join(__dirname, 'uploads', req.params.name));\n});\n`],
    ['js-readfile-concat', 'req.query → readFile concat', 'src/routes/docs.js', `${EXPRESS}app.get('/docs', (req, res) => {\n>>  fs.readFile('/srv/docs/' + req.query.file, 'utf8', (err, text) => res.send(text));\n});\n`],
    ['js-trim-write', 'req.body → trim → writeFileSync template', 'src/routes/save.ts', `${EXPRESS}app.post('/save', (req, res) => {\n  let name = req.body.name;\n  name = name.trim();\n>>  fs.writeFileSync(\`/data/\${name}.json\`, JSON.stringify(req.body.doc));\n  res.sendStatus(201);\n});\n`],
    ['py-open-join', 'request.args → os.path.join → open', 'app/files.py', `${FLASK}\nUPLOAD_DIR = "/srv/uploads"\n\n@app.route("/file")\ndef get_file():\n>>    with open(os.path.join(UPLOAD_DIR, request.args["file"])) as f:\n        return f.read()\n`],
    ['py-send-file', 'request.args → send_file concat', 'app/reports.py', `${FLASK}\n@app.route("/report")\ndef report():\n    name = request.args.get("name")\n>>    return send_file("/srv/reports/" + name)\n`],
    ['go-readfile-join', 'r.URL.Query() → filepath.Join → ReadFile', 'cmd/files/main.go', `${GO}\nfunc file(w http.ResponseWriter, r *http.Request) {\n\tname := r.URL.Query().Get("file")\n>>\tdata, err := os.ReadFile(filepath.Join("/srv/files", name))\n\tif err != nil {\n\t\thttp.Error(w, "not found", 404)\n\t\treturn\n\t}\n\tw.Write(data)\n}\n`],
    ['go-open-concat', 'FormValue → os.Open concat', 'cmd/download/main.go', `${GO}\nfunc download(w http.ResponseWriter, r *http.Request) {\n>>\tf, err := os.Open("/data/" + r.FormValue("name"))\n\tif err != nil {\n\t\treturn\n\t}\n\tdefer f.Close()\n}\n`],
  ]),
  ...N([
    ['js-parameterised', 'parameterised query', 'src/routes/users.ts', `${EXPRESS}app.get('/users/:id', async (req, res) => {\n  const rows = await db.query('SELECT * FROM users WHERE id = $1', [req.params.id]);\n  res.json(rows);\n});\n`],
    ['js-execfile-array', 'argument array', 'src/routes/ping.ts', `${EXPRESS}app.get('/ping', (req, res) => {\n  execFile('ping', ['-c', '1', String(req.query.host)], (e, out) => res.send(out));\n});\n`],
    ['js-number', 'Number() conversion', 'src/routes/orders.ts', `${EXPRESS}app.get('/orders/:id', async (req, res) => {\n  const id = Number(req.params.id);\n  res.json(await db.query(\`SELECT * FROM orders WHERE id = \${id}\`));\n});\n`],
    ['js-parseint', 'parseInt conversion', 'src/routes/seq.js', `${EXPRESS}app.get('/seq', (req, res) => {\n  const n = parseInt(req.query.n, 10);\n  exec(\`seq \${n}\`, (e, out) => res.send(out));\n});\n`],
    ['js-basename-prefix', 'path.basename + prefix check', 'src/routes/files.ts', `${EXPRESS}const ROOT = path.resolve('uploads');\napp.get('/files/:name', (req, res) => {\n  const full = path.join(ROOT, path.basename(req.params.name));\n  if (!full.startsWith(ROOT + path.sep)) return res.sendStatus(403);\n  res.sendFile(full);\n});\n`],
    ['js-allowlist', 'allowlist guard', 'src/routes/export.ts', `${EXPRESS}const FORMATS = ['png', 'jpg', 'webp'];\napp.get('/export', (req, res) => {\n  const fmt = String(req.query.format);\n  if (!FORMATS.includes(fmt)) return res.status(400).end();\n  exec(\`convert in.bmp out.\${fmt}\`, () => res.sendStatus(204));\n});\n`],
    ['js-unrelated-sink', 'source and sink unrelated', 'src/routes/health.js', `${EXPRESS}app.get('/health', (req, res) => {\n  const q = req.query.verbose;\n  console.log('health', q);\n  exec('uptime', (e, out) => res.send(out));\n});\n`],
    ['js-constant-path', 'constant path', 'src/config.ts', `${EXPRESS}export function readConfig() {\n  const dir = '/etc/shop';\n  return fs.readFileSync(path.join(dir, 'config.json'), 'utf8');\n}\n`],
    ['js-other-function', 'same name in another function', 'src/routes/mixed.js', `${EXPRESS}app.get('/echo', (req, res) => {\n  const name = req.query.name;\n  res.json({ name });\n});\n\nfunction cleanup() {\n  const name = 'tmp-cache';\n  execSync('rm -rf /var/cache/shop/' + name);\n}\n`],
    ['js-query-builder', 'query builder', 'src/routes/users.js', `${EXPRESS}app.get('/users/:id', async (req, res) => {\n  res.json(await knex('users').where({ id: req.params.id }).first());\n});\n`],
    ['py-parameterised', 'parameterised query', 'app/users.py', `${FLASK}\n@app.route("/users")\ndef users():\n    cursor.execute("SELECT * FROM users WHERE name = %s", (request.args.get("name"),))\n    return jsonify(cursor.fetchall())\n`],
    ['py-secure-filename', 'secure_filename', 'app/upload.py', `${FLASK}\nUPLOAD_DIR = "/srv/uploads"\n\n@app.route("/upload", methods=["POST"])\ndef upload():\n    f = request.files["file"]\n    name = secure_filename(f.filename)\n    f.save(os.path.join(UPLOAD_DIR, name))\n    return "ok"\n`],
    ['py-shlex-quote', 'shlex.quote', 'app/ping.py', `${FLASK}\n@app.route("/ping")\ndef ping():\n    host = shlex.quote(request.args.get("host", ""))\n    return subprocess.run(f"ping -c 1 {host}", shell=True, capture_output=True).stdout\n`],
    ['py-int', 'int() conversion', 'app/latest.py', `${FLASK}\n@app.route("/latest")\ndef latest():\n    n = int(request.args["n"])\n    cursor.execute(f"SELECT * FROM events ORDER BY id DESC LIMIT {n}")\n    return jsonify(cursor.fetchall())\n`],
    ['py-arg-list', 'argument list', 'app/ping2.py', `${FLASK}\n@app.route("/ping2")\ndef ping2():\n    host = request.args.get("host")\n    return subprocess.run(["ping", "-c", "1", host], capture_output=True).stdout\n`],
    ['py-allowlist', 'allowlist guard', 'app/tables.py', `${FLASK}\nTABLES = {"users", "orders"}\n\n@app.route("/count")\ndef count():\n    table = request.args["table"]\n    if table not in TABLES:\n        abort(400)\n    cursor.execute(f"SELECT count(*) FROM {table}")\n    return jsonify(cursor.fetchone())\n`],
    ['py-literal-eval', 'ast.literal_eval', 'app/parse.py', `${FLASK}\nimport ast\n\n@app.route("/parse")\ndef parse():\n    return jsonify(ast.literal_eval(request.args["value"]))\n`],
    ['go-parameterised', 'parameterised query', 'cmd/users/main.go', `${GO}\nfunc user(w http.ResponseWriter, r *http.Request) {\n\trows, _ := db.Query("SELECT * FROM users WHERE id = $1", r.URL.Query().Get("id"))\n\tdefer rows.Close()\n}\n`],
    ['go-args', 'argument list', 'cmd/ping/main.go', `${GO}\nfunc ping(w http.ResponseWriter, r *http.Request) {\n\thost := r.URL.Query().Get("host")\n\tout, _ := exec.Command("ping", "-c", "1", host).Output()\n\tw.Write(out)\n}\n`],
    ['go-atoi', 'strconv.Atoi conversion', 'cmd/latest/main.go', `${GO}\nfunc latest(w http.ResponseWriter, r *http.Request) {\n\tn, err := strconv.Atoi(r.FormValue("n"))\n\tif err != nil {\n\t\treturn\n\t}\n\tdb.Query(fmt.Sprintf("SELECT * FROM events LIMIT %d", n))\n}\n`],
    ['go-base-prefix', 'filepath.Base + prefix check', 'cmd/files/main.go', `${GO}\nconst root = "/srv/files/"\n\nfunc file(w http.ResponseWriter, r *http.Request) {\n\tp := filepath.Join(root, filepath.Base(r.URL.Query().Get("file")))\n\tif !strings.HasPrefix(p, root) {\n\t\treturn\n\t}\n\tdata, _ := os.ReadFile(p)\n\tw.Write(data)\n}\n`],
  ]),
  // A second, larger batch across frameworks (Koa, Next, Fastify, NestJS, Django, FastAPI, gin, echo), incl. cases beyond the documented scope.
  ...MORE_LABELLED_FLOWS,
];
