// More labelled input-flow cases, written the way route handlers are written in Express, Koa, Next, Fastify, NestJS,
// Flask, Django, FastAPI, net/http, gin and echo. Labelled by what a security reviewer would say about the code — not
// by what the scanner is documented to find — so a real vulnerability is a positive even where its source (Koa `ctx`,
// Fastify `request`, Nest decorators, FastAPI parameters, gin/echo context) or its flow (through a helper function)
// lies outside the scanner's stated scope. Rows whose flow crosses a function boundary say so in a comment
// (`// beyond intra-procedural scope`); rows whose source is not in the documented list say `// source not in the
// documented list`. `>>` marks the sink's line.
import { labelled, type LabelledCase } from './labelled-case';

type Row = [id: string, kind: string, path: string, source: string];

const P = (rule: string, rows: Row[]): LabelledCase[] => rows.map(([id, kind, path, source]) => labelled('flows', `${rule}/${id}`, rule, kind, path, source));
const N = (rows: Row[]): LabelledCase[] => rows.map(([id, kind, path, source]) => labelled('flows', `neg/${id}`, null, kind, path, source));

const EXPRESS = `import express from 'express';
import { exec, execFile, execSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { db, knex } from './db';
import { logger } from './logger';

const app = express();
app.use(express.json());
`;
const KOA = `import Router from '@koa/router';
import { pool } from '../db';

export const router = new Router();
`;
const NEXT = `import type { NextApiRequest, NextApiResponse } from 'next';
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { prisma } from '@/lib/prisma';
`;
const FASTIFY = `import Fastify from 'fastify';
import { writeFile } from 'node:fs/promises';

const app = Fastify({ logger: true });
`;
const NEST = `import { Controller, Get, Param, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';
`;
const ACTION = `import * as core from '@actions/core';
import * as github from '@actions/github';
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
`;
const FLASK = `import os
import shlex
import subprocess

from flask import Flask, abort, jsonify, request, send_file, send_from_directory

from .db import cursor

app = Flask(__name__)
`;
const DJANGO = `import json
import os
import subprocess

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.storage import default_storage
from django.db import connection
from django.http import FileResponse, HttpResponse, JsonResponse
`;
const FASTAPI = `import os
import sqlite3

from fastapi import FastAPI, HTTPException
from fastapi.responses import FileResponse

app = FastAPI()
conn = sqlite3.connect("app.db")
`;
const GO = `package main

import (
\t"database/sql"
\t"fmt"
\t"io"
\t"net/http"
\t"os"
\t"os/exec"
\t"path/filepath"
\t"strconv"
\t"strings"
)

var db *sql.DB
`;
const GIN = `package handlers

import (
\t"database/sql"
\t"fmt"
\t"net/http"
\t"os/exec"
\t"path/filepath"

\t"github.com/gin-gonic/gin"
)

var db *sql.DB
`;
const ECHO = `package handlers

import (
\t"database/sql"
\t"net/http"

\t"github.com/labstack/echo/v4"
)

var db *sql.DB
`;

/** The second labelled batch: positives by rule, then negatives. */
export const MORE_LABELLED_FLOWS: readonly LabelledCase[] = [
  ...P('flow-shell-injection', [
    ['express-multi-assign', 'req.query → several assignments → exec', 'src/routes/dns.ts', `${EXPRESS}
app.get('/dns', (req, res) => {
  const q = req.query;
  const target = q.target as string;
  const cmd = 'nslookup ' + target;
>>  exec(cmd, (err, out) => res.type('text').send(out));
});
`],
    ['express-spawn-shell-array', 'spawn with an argument array but shell: true', 'src/routes/log.ts', `${EXPRESS}
app.get('/log', (req, res) => {
  const author = String(req.query.author);
>>  const git = spawn('git', ['log', '--oneline', \`--author=\${author}\`], { shell: true });
  git.stdout.pipe(res);
});
`],
    ['express-length-guard', 'guard checks type and length only', 'src/routes/checkout.ts', `${EXPRESS}
app.post('/checkout', (req, res) => {
  const { branch } = req.body;
  if (typeof branch !== 'string' || branch.length > 100) {
    return res.status(400).json({ error: 'invalid branch' });
  }
>>  execSync(\`git -C /srv/repo checkout \${branch}\`);
  res.sendStatus(204);
});
`],
    ['express-converted-other-var', 'parseInt result unused; raw input reaches exec', 'src/routes/tail.ts', `${EXPRESS}
app.get('/tail', (req, res) => {
  const lines = parseInt(String(req.query.lines), 10) || 50;
  res.setHeader('X-Lines', String(lines));
>>  exec(\`tail -n \${req.query.lines} /var/log/app.log\`, (err, out) => res.type('text').send(out));
});
`],
    ['express-loop-build', 'command string built in a loop', 'src/routes/archive.ts', `${EXPRESS}
app.post('/archive', (req, res) => {
  const files: string[] = req.body.files;
  let list = '';
  for (const f of files) {
    list += ' ' + f;
  }
>>  execSync('tar czf /tmp/export.tgz -C /srv/data' + list);
  res.download('/tmp/export.tgz');
});
`],
    ['express-regex-unanchored', 'regex guard without anchors', 'src/routes/containers.ts', `${EXPRESS}
app.get('/containers/:name/logs', (req, res) => {
  const name = req.params.name;
  if (!/[a-z0-9-]+/.test(name)) return res.status(400).end();
>>  exec(\`docker logs --tail 100 \${name}\`, (err, out) => res.type('text').send(out));
});
`],
    // beyond intra-procedural scope: the input crosses into a helper in the same file.
    ['express-helper', 'req.query → helper(param) → execSync', 'src/routes/blame.ts', `${EXPRESS}
function git(args: string): string {
>>  return execSync('git ' + args, { cwd: '/srv/repo' }).toString();
}

app.get('/blame', (req, res) => {
  res.type('text').send(git('blame -- ' + req.query.file));
});
`],
    ['next-api-query', 'Next API route req.query → execSync', 'pages/api/screenshot.ts', `${NEXT}
export default function handler(req: NextApiRequest, res: NextApiResponse) {
  const { url } = req.query;
>>  const png = execSync(\`wkhtmltoimage --quiet \${url} -\`);
  res.setHeader('Content-Type', 'image/png');
  res.send(png);
}
`],
    ['action-event-path', 'GITHUB_EVENT_PATH JSON → execSync', 'src/release.ts', `${ACTION}
export function run(): void {
  const event = JSON.parse(fs.readFileSync(process.env.GITHUB_EVENT_PATH ?? '', 'utf8'));
  const pr = event.pull_request;
  const title: string = pr.title;
>>  execSync(\`git commit --allow-empty -m "Release: \${title}"\`);
  core.info('release commit created');
}
`],
    ['django-popen', 'request.GET → Popen(shell=True)', 'tools/views.py', `${DJANGO}

def whois(request):
    domain = request.GET["domain"]
>>    proc = subprocess.Popen("whois " + domain, shell=True, stdout=subprocess.PIPE)
    return HttpResponse(proc.communicate()[0], content_type="text/plain")
`],
    ['flask-shlex-other-var', 'shlex.quote applied to a copy; raw value reaches os.system', 'app/thumbs.py', `${FLASK}

@app.route("/thumb", methods=["POST"])
def thumb():
    src = request.form["src"]
    quoted = shlex.quote(src)
    app.logger.info("thumbnail for %s", quoted)
>>    os.system("convert " + src + " -resize 128x128 /tmp/thumb.png")
    return send_file("/tmp/thumb.png")
`],
    ['flask-format-check-output', 'request.args → str.format → check_output(shell=True)', 'app/dig.py', `${FLASK}

@app.route("/dig")
def dig():
    name = request.args.get("name", "example.com")
    cmd = "dig {} +short".format(name)
>>    out = subprocess.check_output(cmd, shell=True)
    return out
`],
    // source not in the documented list (gin context).
    ['gin-sh-c', 'gin c.Query → sh -c', 'internal/handlers/ping.go', `${GIN}
func Ping(c *gin.Context) {
\thost := c.Query("host")
>>\tout, err := exec.Command("sh", "-c", "ping -c 1 "+host).CombinedOutput()
\tif err != nil {
\t\tc.String(http.StatusBadGateway, err.Error())
\t\treturn
\t}
\tc.String(http.StatusOK, string(out))
}
`],
  ]),
  ...P('flow-code-injection', [
    ['express-vm', 'req.body → vm.runInNewContext', 'src/routes/rules.ts', `${EXPRESS}
app.post('/rules/evaluate', (req, res) => {
  const { rule, order } = req.body;
>>  const verdict = vm.runInNewContext(rule, { order, Math });
  res.json({ verdict: Boolean(verdict) });
});
`],
    ['express-object-field', 'req.query → object field → eval', 'src/routes/chart.ts', `${EXPRESS}
app.get('/chart', (req, res) => {
  const opts = { title: String(req.query.title), formatter: req.query.formatter as string };
>>  const format = eval('(' + opts.formatter + ')');
  res.json({ title: opts.title, labels: [1, 2, 3].map((p) => format(p)) });
});
`],
    ['express-function-loop', 'function body built in a loop → new Function', 'src/routes/pipeline.ts', `${EXPRESS}
app.post('/pipeline', (req, res) => {
  let body = 'let v = input;\\n';
  for (const step of req.body.steps) {
    body += \`v = \${step};\\n\`;
  }
>>  const run = new Function('input', body + 'return v;');
  res.json({ result: run(req.body.input) });
});
`],
    ['action-comment', 'issue comment payload → regex capture → eval', 'src/calc-bot.ts', `${ACTION}
export function run(): void {
  const body: string = github.context.payload.comment?.body ?? '';
  const match = body.match(/^\\/calc (.+)$/);
  if (!match) return;
>>  core.setOutput('result', String(eval(match[1])));
}
`],
    ['flask-loop', 'expression built in a loop from getlist → eval', 'app/sum.py', `${FLASK}

@app.route("/sum")
def total():
    expr = "0"
    for term in request.args.getlist("term"):
        expr += " + " + term
>>    return jsonify(result=eval(expr))
`],
    ['flask-length-guard', 'length guard + empty __builtins__ (not a sandbox)', 'app/calc.py', `${FLASK}

@app.route("/calc")
def calc():
    expr = request.args.get("expr", "")
    if len(expr) > 64:
        abort(400)
>>    return jsonify(result=eval(expr, {"__builtins__": {}}))
`],
    ['django-exec', 'request.body JSON → exec', 'sandbox/views.py', `${DJANGO}

def run_snippet(request):
    code = json.loads(request.body)["code"]
    scope = {}
>>    exec(code, scope)
    return JsonResponse({"result": repr(scope.get("result"))})
`],
    // source not in the documented list (FastAPI query parameter).
    ['fastapi-param', 'FastAPI query parameter → eval', 'api/compute.py', `${FASTAPI}

@app.get("/compute")
def compute(expr: str):
>>    return {"result": eval(expr)}
`],
  ]),
  ...P('flow-sql-injection', [
    ['express-param-then-concat', 'parameterised query, then a concatenated one in the same handler', 'src/routes/members.ts', `${EXPRESS}
app.get('/orgs/:org/members', async (req, res) => {
  const org = await db.query('SELECT id FROM orgs WHERE slug = $1', [req.params.org]);
  const role = req.query.role;
>>  const members = await db.query("SELECT * FROM members WHERE org_id = " + org.rows[0].id + " AND role = '" + role + "'");
  res.json(members.rows);
});
`],
    ['express-order-default', 'ORDER BY from input with a default (not a sanitizer)', 'src/routes/posts.ts', `${EXPRESS}
app.get('/posts', async (req, res) => {
  const sort = req.query.sort || 'created_at';
  const dir = req.query.dir === 'asc' ? 'ASC' : 'DESC';
>>  const { rows } = await db.query(\`SELECT id, title FROM posts ORDER BY \${sort} \${dir} LIMIT 50\`);
  res.json(rows);
});
`],
    ['express-in-list-loop', 'IN list built in a loop', 'src/routes/products.ts', `${EXPRESS}
app.post('/products/batch', async (req, res) => {
  let sql = 'SELECT * FROM products WHERE sku IN (';
  for (const sku of req.body.skus) {
    sql += \`'\${sku}',\`;
  }
  sql = sql.slice(0, -1) + ')';
>>  const { rows } = await db.query(sql);
  res.json(rows);
});
`],
    ['express-where-builder', 'WHERE clause appended conditionally', 'src/routes/customers.ts', `${EXPRESS}
app.get('/customers', async (req, res) => {
  let where = 'deleted_at IS NULL';
  if (req.query.city) {
    where += \` AND city = '\${req.query.city}'\`;
  }
>>  const { rows } = await db.query('SELECT * FROM customers WHERE ' + where);
  res.json(rows);
});
`],
    ['express-knex-raw', 'req.query → knex.raw template', 'src/routes/search.ts', `${EXPRESS}
app.get('/search', async (req, res) => {
  const term = req.query.q;
>>  const result = await knex.raw(\`SELECT * FROM articles WHERE title ILIKE '%\${term}%'\`);
  res.json(result.rows);
});
`],
    ['next-prisma-unsafe', 'req.body → prisma.$queryRawUnsafe template', 'pages/api/users/by-email.ts', `${NEXT}
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const email = req.body.email as string;
>>  const users = await prisma.$queryRawUnsafe(\`SELECT id, name FROM "User" WHERE email = '\${email}'\`);
  res.json(users);
}
`],
    // source not in the documented list (Koa ctx).
    ['koa-ctx-query', 'Koa ctx.query → pool.query template', 'src/routes/tags.ts', `${KOA}
router.get('/tags', async (ctx) => {
  const { name } = ctx.query;
>>  const { rows } = await pool.query(\`SELECT * FROM tags WHERE name = '\${name}'\`);
  ctx.body = rows;
});
`],
    // source not in the documented list (NestJS @Query parameter).
    ['nest-query-param', 'NestJS @Query → dataSource.query template', 'src/invoices/invoices.controller.ts', `${NEST}
@Controller('invoices')
export class InvoicesController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  list(@Query('customer') customer: string) {
>>    return this.dataSource.query(\`SELECT * FROM invoices WHERE customer_id = '\${customer}'\`);
  }
}
`],
    ['flask-format', 'request.args → str.format → execute', 'app/user_search.py', `${FLASK}

@app.route("/users/search")
def search_users():
    name = request.args["name"]
    sql = "SELECT id, email FROM users WHERE name = '{}'".format(name)
>>    cursor.execute(sql)
    return jsonify(cursor.fetchall())
`],
    ['django-raw-percent', 'request.GET → Model.objects.raw(… % …)', 'accounts/views.py', `${DJANGO}

def profile(request):
    username = request.GET.get("u", "")
>>    users = User.objects.raw("SELECT * FROM auth_user WHERE username = '%s'" % username)
    return JsonResponse({"ids": [u.id for u in users]})
`],
    // beyond intra-procedural scope: the input reaches the query through a helper's parameter.
    ['flask-helper', 'request.args → helper(param) → execute', 'app/orders.py', `${FLASK}

def find_orders(status):
>>    cursor.execute("SELECT * FROM orders WHERE status = '%s'" % status)
    return cursor.fetchall()


@app.route("/orders")
def orders():
    return jsonify(find_orders(request.args["status"]))
`],
    ['go-length-guard', 'r.URL.Query() → several assignments, length guard → Query', 'cmd/search/main.go', `${GO}
func search(w http.ResponseWriter, r *http.Request) {
\tq := r.URL.Query()
\tname := q.Get("name")
\tif len(name) == 0 || len(name) > 64 {
\t\thttp.Error(w, "bad name", http.StatusBadRequest)
\t\treturn
\t}
\tquery := "SELECT id FROM users WHERE name = '" + name + "'"
>>\trows, err := db.Query(query)
\tif err != nil {
\t\thttp.Error(w, err.Error(), http.StatusInternalServerError)
\t\treturn
\t}
\tdefer rows.Close()
}
`],
    // source not in the documented list (gin context).
    ['gin-sprintf', 'gin c.Param → QueryRow(Sprintf)', 'internal/handlers/orders.go', `${GIN}
func GetOrder(c *gin.Context) {
\tid := c.Param("id")
>>\trow := db.QueryRow(fmt.Sprintf("SELECT total FROM orders WHERE id = '%s'", id))
\tvar total float64
\tif err := row.Scan(&total); err != nil {
\t\tc.Status(http.StatusNotFound)
\t\treturn
\t}
\tc.JSON(http.StatusOK, gin.H{"total": total})
}
`],
    // source not in the documented list (echo context).
    ['echo-order-by', 'echo c.QueryParam → ORDER BY concat', 'internal/handlers/users.go', `${ECHO}
func ListUsers(c echo.Context) error {
\tsort := c.QueryParam("sort")
>>\trows, err := db.Query("SELECT id, name FROM users ORDER BY " + sort)
\tif err != nil {
\t\treturn err
\t}
\tdefer rows.Close()
\treturn c.NoContent(http.StatusOK)
}
`],
  ]),
  ...P('flow-path-traversal', [
    ['express-join-no-prefix', 'path.join(base, input) without a prefix check', 'src/routes/exports.ts', `${EXPRESS}
const BASE = path.resolve('storage/exports');
app.get('/exports', (req, res) => {
  const file = path.join(BASE, String(req.query.file));
>>  fs.createReadStream(file).pipe(res);
});
`],
    ['express-resolve-no-check', 'path.resolve(root, input) without a prefix check', 'src/routes/assets.ts', `${EXPRESS}
const PUBLIC_DIR = path.resolve('public');
app.get('/assets/*', (req, res) => {
  const target = path.resolve(PUBLIC_DIR, req.params[0]);
>>  res.sendFile(target);
});
`],
    ['express-basename-other-var', 'basename applied to a copy; raw value is joined', 'src/routes/avatars.ts', `${EXPRESS}
const AVATAR_DIR = path.resolve('avatars');
app.get('/avatars', (req, res) => {
  const name = req.query.name as string;
  const safeName = path.basename(name);
  res.setHeader('Content-Disposition', \`inline; filename="\${safeName}"\`);
>>  fs.readFile(path.join(AVATAR_DIR, name), (err, data) => (err ? res.sendStatus(404) : res.end(data)));
});
`],
    ['express-replace-once', "replace('../', '') strips one occurrence only", 'src/routes/docs.ts', `${EXPRESS}
const DOCS_DIR = path.resolve('docs');
app.get('/docs/:page', (req, res) => {
  const page = req.params.page.replace('../', '');
>>  const md = fs.readFileSync(path.join(DOCS_DIR, page + '.md'), 'utf8');
  res.type('text/markdown').send(md);
});
`],
    // beyond intra-procedural scope: the input reaches the read through a helper's parameter.
    ['express-helper', 'req.query → helper(param) → readFileSync', 'src/routes/preview.ts', `${EXPRESS}
const TEMPLATES = path.resolve('templates');

function readTemplate(name: string): string {
>>  return fs.readFileSync(path.join(TEMPLATES, name), 'utf8');
}

app.get('/preview', (req, res) => {
  res.send(readTemplate(req.query.template as string));
});
`],
    ['next-exists-guard', 'existsSync guard (not a containment check)', 'pages/api/invoices/download.ts', `${NEXT}
export default function handler(req: NextApiRequest, res: NextApiResponse) {
  const { file } = req.query;
  const full = path.join(process.cwd(), 'private', 'invoices', file as string);
  if (!fs.existsSync(full)) return res.status(404).end();
>>  fs.createReadStream(full).pipe(res);
}
`],
    // source not in the documented list (Fastify `request`, not `req`).
    ['fastify-write', 'Fastify request.params → writeFile template', 'src/routes/uploads.ts', `${FASTIFY}
app.post('/uploads/:name', async (request, reply) => {
  const { name } = request.params as { name: string };
>>  await writeFile(\`./uploads/\${name}\`, request.body as Buffer);
  return reply.code(201).send();
});
`],
    ['action-comment', 'comment payload → path.join → readFileSync', 'src/show-doc.ts', `${ACTION}
export function run(): void {
  const body: string = github.context.payload.comment?.body ?? '';
  const [, doc] = body.split(' ');
>>  const text = fs.readFileSync(path.join('docs', doc), 'utf8');
  core.setOutput('doc', text);
}
`],
    ['django-join-open', 'request.GET → os.path.join → open', 'exports/views.py', `${DJANGO}

def download(request):
    name = request.GET["file"]
    path = os.path.join(settings.MEDIA_ROOT, "exports", name)
>>    return FileResponse(open(path, "rb"), as_attachment=True)
`],
    ['flask-normpath', 'normpath(join(base, input)) without a prefix check', 'app/templates_view.py', `${FLASK}
BASE_DIR = "/srv/templates"


@app.route("/template")
def template():
    name = request.args["name"]
    full = os.path.normpath(os.path.join(BASE_DIR, name))
>>    with open(full) as fh:
        return fh.read()
`],
    // source not in the documented list (FastAPI query parameter).
    ['fastapi-query', 'FastAPI query parameter → FileResponse f-string', 'api/exports.py', `${FASTAPI}

@app.get("/export")
def export(name: str):
>>    return FileResponse(f"/srv/exports/{name}")
`],
    ['go-servefile', 'r.URL.Query() → http.ServeFile concat', 'cmd/reports/main.go', `${GO}
func report(w http.ResponseWriter, r *http.Request) {
\tname := r.URL.Query().Get("name")
>>\thttp.ServeFile(w, r, "/srv/reports/"+name)
}
`],
    // source not in the documented list (gin context).
    ['gin-query-file', 'gin c.Query → filepath.Join → c.File', 'internal/handlers/attachments.go', `${GIN}
func Attachment(c *gin.Context) {
\tname := c.Query("file")
>>\tc.File(filepath.Join("/srv/attachments", name))
}
`],
  ]),
  ...N([
    // Shell.
    ['express-execfile-body', 'execFile argument array', 'src/routes/deploy.ts', `${EXPRESS}
app.post('/deploy', (req, res) => {
  const { ref } = req.body;
  execFile('git', ['-C', '/srv/app', 'fetch', 'origin', '--', ref], (err) => res.sendStatus(err ? 500 : 204));
});
`],
    ['express-spawn-no-shell', 'spawn with an argument array, no shell', 'src/routes/grep.ts', `${EXPRESS}
app.get('/grep', (req, res) => {
  const child = spawn('grep', ['-F', '-n', '--', String(req.query.q), '/srv/data/catalog.txt']);
  child.stdout.pipe(res);
});
`],
    ['express-reassigned-safe', 'reassigned to a constant before the sink', 'src/routes/rebuild.ts', `${EXPRESS}
app.post('/rebuild', (req, res) => {
  let branch = req.body.branch;
  // Only main is deployable until per-branch previews are back (#412).
  branch = 'main';
  execSync(\`git -C /srv/app checkout \${branch} && npm run build\`);
  res.sendStatus(202);
});
`],
    ['express-log-only', 'input only in a log message; template of constants', 'src/routes/cache.ts', `${EXPRESS}
const SCRIPTS = '/opt/shop/scripts';
app.post('/cache/flush', (req, res) => {
  logger.info(\`cache flush requested by \${req.body.user} from \${req.headers['x-forwarded-for']}\`);
  execSync(\`\${SCRIPTS}/flush-cache.sh --all\`);
  res.sendStatus(204);
});
`],
    ['express-switch-allowlist', 'switch maps input to constant commands', 'src/routes/service.ts', `${EXPRESS}
app.post('/service/:action', (req, res) => {
  let cmd: string;
  switch (req.params.action) {
    case 'start':
      cmd = 'systemctl start shop';
      break;
    case 'restart':
      cmd = 'systemctl restart shop';
      break;
    default:
      return res.status(400).end();
  }
  exec(cmd, (err) => res.sendStatus(err ? 500 : 204));
});
`],
    ['express-map-lookup', 'own-key lookup in a constant table', 'src/routes/tasks.ts', `${EXPRESS}
const TASKS: Record<string, string> = { build: 'npm run build', test: 'npm test', lint: 'npm run lint' };
app.post('/tasks', (req, res) => {
  const task = String(req.body.task);
  if (!Object.hasOwn(TASKS, task)) return res.status(400).end();
  execSync(TASKS[task], { cwd: '/srv/app' });
  res.sendStatus(204);
});
`],
    ['express-regex-anchored', 'anchored regex allowlist in an early return', 'src/routes/containers.ts', `${EXPRESS}
app.get('/containers/:name/logs', (req, res) => {
  const { name } = req.params;
  if (!/^[a-z0-9][a-z0-9_.-]{0,62}$/.test(name)) return res.status(400).end();
  exec(\`docker logs --tail 100 \${name}\`, (err, out) => res.type('text').send(out));
});
`],
    ['action-env-var', 'payload passed through an environment variable', 'src/summary.ts', `${ACTION}
export function run(): void {
  const title = github.context.payload.pull_request?.title ?? '';
  execSync('echo "PR title: $TITLE" >> "$GITHUB_STEP_SUMMARY"', { env: { ...process.env, TITLE: title } });
  core.info('summary written');
}
`],
    ['django-popen-list', 'Popen argument list, no shell', 'tools/views.py', `${DJANGO}

def whois(request):
    domain = request.GET["domain"]
    out = subprocess.run(["whois", domain], capture_output=True, text=True).stdout
    return HttpResponse(out, content_type="text/plain")
`],
    ['flask-allowlist-shell', 'tuple allowlist in an early return', 'app/convert.py', `${FLASK}
FORMATS = ("png", "jpg", "webp")


@app.route("/convert", methods=["POST"])
def convert():
    fmt = request.form.get("format", "png")
    if fmt not in FORMATS:
        abort(400)
    subprocess.run(f"convert /tmp/in.bmp /tmp/out.{fmt}", shell=True, check=True)
    return send_file(f"/tmp/out.{fmt}")
`],
    ['go-arg-concat', 'input concatenated into one argument, no shell', 'cmd/gitlog/main.go', `${GO}
func gitLog(w http.ResponseWriter, r *http.Request) {
\tauthor := r.URL.Query().Get("author")
\tout, err := exec.Command("git", "-C", "/srv/repo", "log", "--author="+author, "--oneline").Output()
\tif err != nil {
\t\thttp.Error(w, "git failed", http.StatusInternalServerError)
\t\treturn
\t}
\tw.Write(out)
}
`],
    ['go-atoi-sh', 'strconv.Atoi before sh -c', 'cmd/tail/main.go', `${GO}
func tail(w http.ResponseWriter, r *http.Request) {
\tn, err := strconv.Atoi(r.URL.Query().Get("n"))
\tif err != nil || n <= 0 {
\t\thttp.Error(w, "bad n", http.StatusBadRequest)
\t\treturn
\t}
\tout, _ := exec.Command("sh", "-c", fmt.Sprintf("tail -n %d /var/log/app.log | grep -v DEBUG", n)).Output()
\tw.Write(out)
}
`],
    // Code.
    ['express-json-parse', 'JSON.parse, not eval', 'src/routes/settings.ts', `${EXPRESS}
app.post('/settings', (req, res) => {
  const settings = JSON.parse(req.body.settings);
  res.json({ saved: Object.keys(settings) });
});
`],
    ['express-vm-constant-code', 'constant script; input only as context data', 'src/routes/quote.ts', `${EXPRESS}
app.post('/quote', (req, res) => {
  const total = vm.runInNewContext('price * qty * (1 + taxRate)', { price: req.body.price, qty: req.body.qty, taxRate: 0.2 });
  res.json({ total });
});
`],
    ['express-function-constant', 'new Function with constant body, called with input', 'src/routes/add.ts', `${EXPRESS}
const add = new Function('a', 'b', 'return a + b');
app.get('/add', (req, res) => {
  res.json({ sum: add(Number(req.query.a), Number(req.query.b)) });
});
`],
    ['express-eval-constant', "eval('require') of a constant beside request input", 'src/routes/version.ts', `${EXPRESS}
app.get('/version', (req, res) => {
  const verbose = req.query.verbose === '1';
  const pkg = eval('require')('../package.json');
  res.json(verbose ? { version: pkg.version, deps: pkg.dependencies } : { version: pkg.version });
});
`],
    ['django-json-loads', 'json.loads, not eval', 'accounts/settings_views.py', `${DJANGO}

def update_settings(request):
    payload = json.loads(request.body)
    request.user.profile.settings = payload
    request.user.profile.save()
    return JsonResponse({"ok": True})
`],
    ['flask-eval-allowlist', 'set allowlist guard before eval; input only as data', 'app/aggregate.py', `${FLASK}
ALLOWED = {"sum(values)", "max(values)", "min(values)", "len(values)"}


@app.route("/aggregate", methods=["POST"])
def aggregate():
    expr = request.json["expr"]
    if expr not in ALLOWED:
        abort(400)
    return jsonify(result=eval(expr, {"sum": sum, "max": max, "min": min, "len": len}, {"values": request.json["values"]}))
`],
    // SQL.
    ['express-tagged-sql', 'postgres.js tagged template (parameterised)', 'src/routes/users-pg.ts', `${EXPRESS}
import postgres from 'postgres';

const sql = postgres(process.env.DATABASE_URL ?? '');
app.get('/users/:id', async (req, res) => {
  const [user] = await sql\`SELECT id, name FROM users WHERE id = \${req.params.id}\`;
  res.json(user);
});
`],
    ['express-placeholders-loop', 'placeholders built from indices; values bound', 'src/routes/products.ts', `${EXPRESS}
app.post('/products/batch', async (req, res) => {
  const skus: string[] = req.body.skus;
  const placeholders = skus.map((_, i) => \`$\${i + 1}\`).join(', ');
  const { rows } = await db.query(\`SELECT * FROM products WHERE sku IN (\${placeholders})\`, skus);
  res.json(rows);
});
`],
    ['express-order-allowlist', 'ternary allowlist for ORDER BY', 'src/routes/posts.ts', `${EXPRESS}
const SORTABLE = ['created_at', 'title', 'score'];
app.get('/posts', async (req, res) => {
  const sort = SORTABLE.includes(String(req.query.sort)) ? String(req.query.sort) : 'created_at';
  const { rows } = await db.query(\`SELECT id, title FROM posts ORDER BY \${sort} DESC LIMIT 50\`);
  res.json(rows);
});
`],
    ['express-number-limit', 'Number/parseInt with clamping', 'src/routes/events.ts', `${EXPRESS}
app.get('/events', async (req, res) => {
  const limit = Math.min(Number(req.query.limit) || 20, 100);
  const offset = Math.max(parseInt(String(req.query.offset ?? '0'), 10) || 0, 0);
  const { rows } = await db.query(\`SELECT * FROM events ORDER BY id DESC LIMIT \${limit} OFFSET \${offset}\`);
  res.json(rows);
});
`],
    ['express-constant-template', 'template of constants; input bound as a parameter', 'src/routes/audit.ts', `${EXPRESS}
const TABLE = 'audit_log';
app.get('/audit', async (req, res) => {
  const { rows } = await db.query(\`SELECT * FROM \${TABLE} WHERE actor = $1 ORDER BY at DESC\`, [req.query.actor]);
  res.json(rows);
});
`],
    ['nest-parameterised', 'NestJS @Param bound as a parameter', 'src/invoices/invoices.controller.ts', `${NEST}
@Controller('invoices')
export class InvoicesController {
  constructor(private readonly dataSource: DataSource) {}

  @Get(':id')
  findOne(@Param('id') id: string) {
    return this.dataSource.query('SELECT * FROM invoices WHERE id = $1', [id]);
  }
}
`],
    ['next-prisma-tagged', 'prisma.$queryRaw tagged template (parameterised)', 'pages/api/users/by-email.ts', `${NEXT}
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const email = req.body.email as string;
  const users = await prisma.$queryRaw\`SELECT id, name FROM "User" WHERE email = \${email}\`;
  res.json(users);
}
`],
    ['django-params', 'cursor.execute with a parameter list', 'orders/views.py', `${DJANGO}

def orders(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, total FROM orders WHERE customer_id = %s AND status = %s", [request.GET["customer"], request.GET.get("status", "open")])
        return JsonResponse({"orders": cursor.fetchall()})
`],
    ['flask-fstring-constant', 'f-string of a constant; input bound as a parameter', 'app/invoices.py', `${FLASK}
TABLE = "invoices"


@app.route("/invoices")
def invoices():
    cursor.execute(f"SELECT * FROM {TABLE} WHERE customer = %s", (request.args["customer"],))
    return jsonify(cursor.fetchall())
`],
    ['flask-dict-order', 'dict lookup with a constant default for ORDER BY', 'app/products.py', `${FLASK}
SORT_COLUMNS = {"name": "name", "newest": "created_at DESC", "price": "price"}


@app.route("/products")
def products():
    order = SORT_COLUMNS.get(request.args.get("sort"), "name")
    cursor.execute(f"SELECT id, name, price FROM products ORDER BY {order}")
    return jsonify(cursor.fetchall())
`],
    ['fastapi-int-param', 'FastAPI int-typed parameter (validated)', 'api/events.py', `${FASTAPI}

@app.get("/events")
def events(limit: int = 20):
    rows = conn.execute(f"SELECT * FROM events ORDER BY id DESC LIMIT {limit}").fetchall()
    return {"events": rows}
`],
    ['gin-parameterised', 'gin c.Param bound as a parameter', 'internal/handlers/orders.go', `${GIN}
func GetOrder(c *gin.Context) {
\tvar total float64
\tif err := db.QueryRow("SELECT total FROM orders WHERE id = $1", c.Param("id")).Scan(&total); err != nil {
\t\tc.Status(http.StatusNotFound)
\t\treturn
\t}
\tc.JSON(http.StatusOK, gin.H{"total": total})
}
`],
    ['go-map-allowlist', 'map lookup with a constant fallback for ORDER BY', 'cmd/products/main.go', `${GO}
var sortable = map[string]string{"name": "name", "newest": "created_at DESC"}

func list(w http.ResponseWriter, r *http.Request) {
\tcol, ok := sortable[r.URL.Query().Get("sort")]
\tif !ok {
\t\tcol = "name"
\t}
\trows, err := db.Query("SELECT id, name FROM products ORDER BY " + col)
\tif err != nil {
\t\thttp.Error(w, err.Error(), http.StatusInternalServerError)
\t\treturn
\t}
\tdefer rows.Close()
}
`],
    // Paths.
    ['express-join-startswith', 'path.join(base, input) + startsWith(base + sep)', 'src/routes/exports.ts', `${EXPRESS}
const BASE = path.resolve('storage/exports');
app.get('/exports', (req, res) => {
  const file = path.join(BASE, String(req.query.file));
  if (!file.startsWith(BASE + path.sep)) return res.status(403).end();
  fs.createReadStream(file).pipe(res);
});
`],
    ['express-resolve-prefix', 'path.resolve then prefix check', 'src/routes/assets.ts', `${EXPRESS}
const PUBLIC_DIR = path.resolve('public');
app.get('/assets/*', (req, res) => {
  const target = path.resolve(PUBLIC_DIR, req.params[0]);
  if (!target.startsWith(PUBLIC_DIR + path.sep)) {
    return res.sendStatus(403);
  }
  res.sendFile(target);
});
`],
    ['express-sendfile-root', 'res.sendFile with the root option (send rejects ..)', 'src/routes/static.ts', `${EXPRESS}
app.get('/static/:file', (req, res) => {
  res.sendFile(req.params.file, { root: path.join(__dirname, 'public') });
});
`],
    ['express-lookup-table', 'constant table maps input to file names', 'src/routes/legal.ts', `${EXPRESS}
const LEGAL: Record<string, string> = { terms: 'terms-2024.pdf', privacy: 'privacy-2024.pdf' };
app.get('/legal/:doc', (req, res) => {
  const file = Object.hasOwn(LEGAL, req.params.doc) ? LEGAL[req.params.doc] : undefined;
  if (!file) return res.sendStatus(404);
  res.sendFile(path.join(__dirname, 'legal', file));
});
`],
    ['express-uuid-guard', 'anchored UUID regex in an early return', 'src/routes/receipts.ts', `${EXPRESS}
const RECEIPTS_DIR = path.resolve('receipts');
app.get('/receipts/:id', (req, res) => {
  const { id } = req.params;
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) return res.sendStatus(400);
  fs.readFile(path.join(RECEIPTS_DIR, \`\${id}.pdf\`), (err, pdf) => (err ? res.sendStatus(404) : res.type('pdf').send(pdf)));
});
`],
    ['express-helper-constant', 'helper called only with a constant; input escaped into HTML', 'src/routes/welcome.ts', `${EXPRESS}
import { escapeHtml } from '../html';

const TEMPLATES = path.resolve('templates');

function readTemplate(name: string): string {
  return fs.readFileSync(path.join(TEMPLATES, name), 'utf8');
}

app.get('/welcome', (req, res) => {
  res.send(readTemplate('welcome.html').replace('{{name}}', escapeHtml(String(req.query.name))));
});
`],
    ['next-resolve-prefix', 'Next API route: path.resolve + prefix check', 'pages/api/invoices/download.ts', `${NEXT}
const ROOT = path.join(process.cwd(), 'private', 'invoices');

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  const full = path.resolve(ROOT, String(req.query.file));
  if (!full.startsWith(ROOT + path.sep)) return res.status(400).end();
  fs.createReadStream(full).pipe(res);
}
`],
    ['flask-send-from-directory', 'send_from_directory (safe_join)', 'app/downloads.py', `${FLASK}
DOWNLOAD_DIR = "/srv/downloads"


@app.route("/download")
def download():
    return send_from_directory(DOWNLOAD_DIR, request.args["file"], as_attachment=True)
`],
    ['flask-realpath-prefix', 'os.path.join + realpath + startswith(base + sep)', 'app/templates_view.py', `${FLASK}
BASE_DIR = os.path.realpath("/srv/templates")


@app.route("/template")
def template():
    full = os.path.realpath(os.path.join(BASE_DIR, request.args["name"]))
    if not full.startswith(BASE_DIR + os.sep):
        abort(403)
    with open(full) as fh:
        return fh.read()
`],
    ['django-storage', 'default_storage.open (FileSystemStorage uses safe_join)', 'attachments/views.py', `${DJANGO}

def attachment(request):
    name = request.GET["name"]
    return FileResponse(default_storage.open(f"attachments/{name}"), as_attachment=True)
`],
    ['fastapi-basename-prefix', 'basename + prefix check', 'api/exports.py', `${FASTAPI}
EXPORT_DIR = "/srv/exports"


@app.get("/export")
def export(name: str):
    full = os.path.join(EXPORT_DIR, os.path.basename(name))
    if not full.startswith(EXPORT_DIR + os.sep) or not os.path.isfile(full):
        raise HTTPException(status_code=404)
    return FileResponse(full)
`],
    ['go-join-hasprefix', 'filepath.Join + strings.HasPrefix(root + sep)', 'cmd/reports/main.go', `${GO}
const root = "/srv/reports"

func report(w http.ResponseWriter, r *http.Request) {
\tp := filepath.Join(root, r.URL.Query().Get("name"))
\tif !strings.HasPrefix(p, root+string(os.PathSeparator)) {
\t\thttp.Error(w, "forbidden", http.StatusForbidden)
\t\treturn
\t}
\thttp.ServeFile(w, r, p)
}
`],
    ['go-http-dir', 'http.Dir.Open (cleans against a rooted path)', 'cmd/assets/main.go', `${GO}
func asset(w http.ResponseWriter, r *http.Request) {
\tf, err := http.Dir("/srv/assets").Open(r.URL.Query().Get("f"))
\tif err != nil {
\t\thttp.NotFound(w, r)
\t\treturn
\t}
\tdefer f.Close()
\tio.Copy(w, f)
}
`],
    ['gin-attachment-name', 'input only as the download name; constant path', 'internal/handlers/reports.go', `${GIN}
func Monthly(c *gin.Context) {
\tc.FileAttachment("/srv/reports/monthly.pdf", c.Query("name")+".pdf")
}
`],
  ]),
];
