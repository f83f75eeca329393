// The labelled secrets set: every rule family in realistic files (env, YAML, JSON, code, tests, Dockerfiles, docs), and
// the look-alikes the issue names as non-secrets. Values come from `secretValues` at run time; nothing here is a credential.
import { labelled, type LabelledCase } from './labelled-case';
import { secretValues, type SecretValues } from './secret-values';

const join = (...parts: string[]): string => parts.join('');
const upper = (key: string): string => key.toUpperCase();
const camel = (key: string): string => key.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
const pascal = (key: string): string => camel(key).replace(/^./, (c) => c.toUpperCase());

/** A file that holds `value` under `key` on its `>>` line. */
type Placement = (key: string, value: string) => readonly [path: string, source: string];

/** Where people leave secrets. Unquoted forms (env, YAML, Dockerfile) take values without spaces or `#`. */
const PLACEMENTS: Record<string, Placement> = {
  env: (k, v) => ['.env', `# local overrides\nNODE_ENV=production\n>>${upper(k)}=${v}\nLOG_LEVEL=info\n`],
  envQuoted: (k, v) => ['config/.env.production', `PORT=8080\n>>${upper(k)}="${v}"\n`],
  yaml: (k, v) => ['deploy/values.yaml', `app:\n  name: shop\n  replicas: 3\n  env:\n>>    ${k}: ${v}\n    region: eu-west-1\n`],
  yamlQuoted: (k, v) => ['config/application.yml', `server:\n  port: 8080\nintegrations:\n>>  ${k}: "${v}"\n`],
  json: (k, v) => ['config/settings.json', `{\n  "region": "eu-west-1",\n>>  "${camel(k)}": "${v}",\n  "debug": false\n}\n`],
  js: (k, v) => ['src/config.js', `export const config = {\n  region: 'eu-west-1',\n>>  ${camel(k)}: '${v}',\n  timeoutMs: 5000,\n};\n`],
  tsTest: (k, v) => ['src/client.test.ts', `import { createClient } from './client';\n\ndescribe('client', () => {\n  it('authenticates', async () => {\n>>    const client = createClient({ ${camel(k)}: "${v}" });\n    expect(await client.ping()).toBe(true);\n  });\n});\n`],
  python: (k, v) => ['app/settings.py', `import os\n\nDEBUG = False\nALLOWED_HOSTS = ["shop.internal"]\n>>${upper(k)} = "${v}"\n`],
  go: (k, v) => ['internal/config/config.go', `package config\n\n// Defaults for the staging cluster.\nconst (\n\tRegion = "eu-west-1"\n>>\t${pascal(k)} = "${v}"\n)\n`],
  dockerfile: (k, v) => ['Dockerfile', `FROM node:24-slim\nWORKDIR /app\n>>ENV ${upper(k)}=${v}\nCMD ["node", "server.js"]\n`],
  shell: (k, v) => ['scripts/deploy.sh', `#!/usr/bin/env bash\nset -euo pipefail\n>>export ${upper(k)}="${v}"\n./bin/deploy --env prod\n`],
  toml: (k, v) => ['config/prod.toml', `[service]\nname = "billing"\n\n[credentials]\n>>${k} = "${v}"\n`],
  k8sSecret: (k, v) => ['k8s/secret.yaml', `apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\nstringData:\n>>  ${upper(k)}: "${v}"\n`],
  properties: (k, v) => ['src/main/resources/application.properties', `spring.application.name=orders\n>>app.${k.replace(/_/g, '-')}=${v}\n`],
  markdown: (_k, v) => ['docs/setup.md', `## Calling the API\n\nRun:\n\n\`\`\`sh\n>>curl -H "Authorization: Bearer ${v}" https://api.internal/v1/me\n\`\`\`\n`],
};

/** One rule's positives: the value maker, the key people store it under, and the placements to use. */
interface PositiveFamily {
  rule: string;
  kind: string;
  key: string;
  make: (v: SecretValues) => string;
  placements: readonly (keyof typeof PLACEMENTS)[];
}

const ALL_PLACES = Object.keys(PLACEMENTS) as (keyof typeof PLACEMENTS)[];
/** A rotating choice of `n` placements, so each family sees different file kinds. */
const some = (offset: number, n: number): (keyof typeof PLACEMENTS)[] => Array.from({ length: n }, (_, i) => ALL_PLACES[(offset * 3 + i * 2) % ALL_PLACES.length]!);

const FAMILIES: readonly PositiveFamily[] = [
  { rule: 'aws-access-key-id', kind: 'AKIA key id', key: 'aws_access_key_id', make: (v) => v.awsAccessKeyId(), placements: some(0, 5) },
  { rule: 'aws-access-key-id', kind: 'ASIA (STS) key id', key: 'aws_access_key_id', make: (v) => v.awsAccessKeyId('ASIA'), placements: some(1, 2) },
  { rule: 'aws-secret-access-key', kind: 'AWS secret key', key: 'aws_secret_access_key', make: (v) => v.awsSecretAccessKey(), placements: ['env', 'yamlQuoted', 'json', 'python', 'k8sSecret', 'toml'] },
  { rule: 'github-pat', kind: 'ghp_', key: 'github_token', make: (v) => v.github('p'), placements: some(2, 6) },
  { rule: 'github-oauth-token', kind: 'gho_', key: 'gh_oauth_token', make: (v) => v.github('o'), placements: some(3, 3) },
  { rule: 'github-app-token', kind: 'ghs_/ghu_', key: 'installation_token', make: (v) => v.github('s'), placements: some(4, 2) },
  { rule: 'github-app-token', kind: 'ghu_', key: 'user_token', make: (v) => v.github('u'), placements: some(5, 2) },
  { rule: 'github-refresh-token', kind: 'ghr_', key: 'refresh_token', make: (v) => v.github('r'), placements: some(6, 3) },
  { rule: 'github-fine-grained-pat', kind: 'github_pat_', key: 'gh_pat', make: (v) => v.githubFineGrained(), placements: some(7, 4) },
  { rule: 'gitlab-pat', kind: 'glpat-', key: 'gitlab_token', make: (v) => v.gitlab(), placements: some(8, 4) },
  { rule: 'slack-token', kind: 'xoxb-', key: 'slack_bot_token', make: (v) => v.slack('b'), placements: some(9, 4) },
  { rule: 'slack-token', kind: 'xoxp-', key: 'slack_user_token', make: (v) => v.slack('p'), placements: some(10, 2) },
  { rule: 'slack-webhook', kind: 'hooks.slack.com', key: 'slack_webhook_url', make: (v) => v.slackWebhook(), placements: ['env', 'yaml', 'json', 'python', 'shell'] },
  { rule: 'stripe-secret-key', kind: 'sk_live_', key: 'stripe_secret_key', make: (v) => v.stripe('sk'), placements: some(11, 4) },
  { rule: 'stripe-secret-key', kind: 'sk_live_ (99 chars)', key: 'stripe_api_key', make: (v) => v.stripe('sk', 99), placements: some(12, 2) },
  { rule: 'stripe-secret-key', kind: 'rk_live_', key: 'stripe_restricted_key', make: (v) => v.stripe('rk'), placements: some(13, 2) },
  { rule: 'npm-token', kind: 'npm_', key: 'npm_token', make: (v) => v.npm(), placements: some(14, 4) },
  { rule: 'pypi-token', kind: 'pypi-', key: 'pypi_token', make: (v) => v.pypi(), placements: some(15, 4) },
  { rule: 'openai-api-key', kind: 'sk-proj-', key: 'openai_api_key', make: (v) => v.openaiProject(), placements: some(16, 4) },
  { rule: 'openai-api-key', kind: 'legacy sk- with T3BlbkFJ', key: 'openai_key', make: (v) => v.openaiLegacy(), placements: some(17, 2) },
  { rule: 'anthropic-api-key', kind: 'sk-ant-api03-', key: 'anthropic_api_key', make: (v) => v.anthropic(), placements: some(18, 4) },
  { rule: 'google-api-key', kind: 'AIza', key: 'google_maps_key', make: (v) => v.google(), placements: some(19, 4) },
  { rule: 'jwt', kind: 'HS256 JWT', key: 'session_jwt', make: (v) => v.jwt(), placements: some(20, 4) },
  { rule: 'twilio-api-key', kind: 'SK + 32 hex', key: 'twilio_api_key', make: (v) => v.twilio(), placements: some(21, 4) },
  { rule: 'sendgrid-api-key', kind: 'SG.', key: 'sendgrid_api_key', make: (v) => v.sendgrid(), placements: some(22, 4) },
  { rule: 'discord-webhook', kind: 'discord webhook', key: 'discord_webhook', make: (v) => v.discordWebhook(), placements: ['env', 'yaml', 'json', 'js'] },
  { rule: 'generic-secret-assignment', kind: 'db password (quoted)', key: 'db_password', make: (v) => v.password(20), placements: ['envQuoted', 'yamlQuoted', 'json', 'js', 'tsTest', 'python', 'go', 'toml', 'k8sSecret', 'shell'] },
  { rule: 'generic-secret-assignment', kind: 'client secret (unquoted)', key: 'client_secret', make: (v) => v.base62(32), placements: ['env', 'yaml', 'dockerfile', 'properties'] },
  { rule: 'generic-secret-assignment', kind: 'api key (unquoted)', key: 'api_key', make: (v) => v.base62(40), placements: ['env', 'yaml', 'properties'] },
  { rule: 'generic-secret-assignment', kind: 'webhook secret', key: 'webhook_secret', make: (v) => v.urlSafe(32), placements: ['envQuoted', 'json', 'python'] },
];

/** Positives whose shape needs its own file: URLs, multi-line keys, escaped keys, tokens inside other syntax. */
function specialPositives(v: SecretValues): [id: string, rule: string, kind: string, path: string, source: string][] {
  const key = v.privateKey('RSA PRIVATE KEY');
  const pkcs8 = v.privateKey('PRIVATE KEY');
  const ec = v.privateKey('EC PRIVATE KEY');
  const ssh = v.privateKey('OPENSSH PRIVATE KEY');
  const pw = v.base62(18);
  return [
    ['pem-file', 'private-key', 'RSA PEM file', 'certs/server.key', `>>${key}\n`],
    ['pem-pkcs8-yaml', 'private-key', 'PKCS#8 in a YAML block', 'deploy/tls.yaml', `tls:\n  certFile: /etc/tls/cert.pem\n  key: |\n>>    ${pkcs8.split('\n').join('\n    ')}\n`],
    ['pem-ec', 'private-key', 'EC key', 'infra/signing/ec.pem', `>>${ec}\n`],
    ['pem-openssh', 'private-key', 'OpenSSH key in a script heredoc', 'scripts/ci-ssh.sh', `#!/bin/sh\ncat > ~/.ssh/id_ed25519 <<'EOF'\n>>${ssh}\nEOF\nchmod 600 ~/.ssh/id_ed25519\n`],
    ['pem-json-escaped', 'private-key', 'service-account JSON, escaped newlines', 'gcp/service-account.json', `{\n  "type": "service_account",\n  "project_id": "shop-prod",\n>>  "private_key": "${pkcs8.split('\n').join('\\n')}\\n",\n  "client_email": "deployer@shop-prod.iam.gserviceaccount.com"\n}\n`],
    ['pg-url-env', 'connection-string-password', 'postgres URL in .env', '.env', `>>DATABASE_URL=postgres://app:${pw}@db.internal:5432/shop\n`],
    ['mysql-url-yaml', 'connection-string-password', 'mysql URL in YAML', 'config/database.yml', `production:\n>>  url: "mysql://orders:${v.password(16).replace(/[@:/#]/g, 'x')}@mysql.prod.internal:3306/orders"\n`],
    ['mongo-srv-js', 'connection-string-password', 'mongodb+srv in code', 'src/db.ts', `import { MongoClient } from 'mongodb';\n>>const client = new MongoClient('mongodb+srv://api:${v.base62(24)}@cluster0.a1b2c.mongodb.net/prod');\n`],
    ['redis-url-py', 'connection-string-password', 'rediss URL in Python', 'worker/settings.py', `>>BROKER_URL = "rediss://default:${v.base62(32)}@cache.internal:6380/0"\n`],
    ['redis-empty-user', 'connection-string-password', 'redis URL with an empty user', 'config/.env.production', `>>REDIS_URL=redis://:${v.base62(32)}@redis.prod.internal:6379/0\n`],
    ['amqp-url-compose', 'connection-string-password', 'amqp URL in docker-compose', 'docker-compose.yml', `services:\n  worker:\n    environment:\n>>      - AMQP_URL=amqp://worker:${v.base62(20)}@rabbitmq:5672/\n`],
    ['mssql-url', 'connection-string-password', 'sqlserver URL in Go', 'cmd/report/main.go', `package main\n\n>>const dsn = "sqlserver://report:${v.base62(22)}@sql.prod.internal:1433?database=reports"\n`],
    ['ghp-in-remote-url', 'github-pat', 'token in a git remote URL', 'scripts/mirror.sh', `#!/bin/sh\n>>git push https://x-access-token:${v.github('p')}@github.com/acme/mirror.git HEAD:main\n`],
    ['ghs-bearer-http', 'github-app-token', 'Authorization header in a .http file', 'api/requests.http', `GET https://api.github.com/repos/acme/shop\n>>Authorization: Bearer ${v.github('s')}\nAccept: application/vnd.github+json\n`],
    ['npmrc', 'npm-token', '.npmrc auth line', '.npmrc', `registry=https://registry.npmjs.org/\n>>//registry.npmjs.org/:_authToken=${v.npm()}\n`],
    ['pypirc', 'pypi-token', '.pypirc password', '.pypirc', `[pypi]\nusername = __token__\n>>password = ${v.pypi()}\n`],
    ['slack-webhook-curl', 'slack-webhook', 'webhook in a workflow step', '.github/workflows/notify.yml', `jobs:\n  notify:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n>>          curl -X POST -H 'Content-type: application/json' --data '{"text":"deployed"}' ${v.slackWebhook()}\n`],
    ['discord-webhook-py', 'discord-webhook', 'webhook in a Python call', 'bot/notify.py', `import requests\n\n>>requests.post("${v.discordWebhook()}", json={"content": "deploy done"})\n`],
    ['jwt-cookie-test', 'jwt', 'JWT in a test fixture', 'test/fixtures/session.ts', `export const session = {\n  user: 'alice',\n>>  cookie: 'sid=${v.jwt()}',\n};\n`],
    ['jwt-curl-md', 'jwt', 'JWT in docs', 'docs/api.md', `Example:\n\n    curl https://api.internal/orders \\\n>>      -H "Authorization: Bearer ${v.jwt()}"\n`],
    ['google-key-html', 'google-api-key', 'key in a script URL', 'public/index.html', `<!doctype html>\n<html><head>\n>><script src="https://maps.googleapis.com/maps/api/js?key=${v.google()}&callback=initMap" async></script>\n</head></html>\n`],
    ['aws-key-boto3', 'aws-access-key-id', 'key id passed to boto3', 'jobs/export.py', `import boto3\n\ns3 = boto3.client(\n    "s3",\n>>    aws_access_key_id="${v.awsAccessKeyId()}",\n    region_name="eu-west-1",\n)\n`],
    ['aws-secret-credentials-file', 'aws-secret-access-key', '~/.aws/credentials', 'ops/aws-credentials', `[default]\nregion = eu-west-1\n>>aws_secret_access_key = ${v.awsSecretAccessKey()}\n`],
    ['aws-secret-js-camel', 'aws-secret-access-key', 'secretAccessKey in JS', 'src/s3.ts', `import { S3Client } from '@aws-sdk/client-s3';\nexport const s3 = new S3Client({\n  region: 'eu-west-1',\n  credentials: {\n>>    secretAccessKey: '${v.awsSecretAccessKey()}',\n  },\n});\n`],
    ['stripe-in-readme-table', 'stripe-secret-key', 'key in a markdown table', 'README.md', `| env | key |\n|---|---|\n>>| prod | \`${v.stripe('sk')}\` |\n`],
    ['anthropic-header', 'anthropic-api-key', 'x-api-key header in a script', 'scripts/ask.sh', `#!/usr/bin/env bash\ncurl https://api.anthropic.com/v1/messages \\\n>>  -H "x-api-key: ${v.anthropic()}" \\\n  -d @request.json\n`],
    ['generic-password-go-struct', 'generic-secret-assignment', 'password in a Go struct literal', 'internal/db/db.go', `package db\n\nvar Default = Config{\n\tHost: "db.internal",\n>>\tPassword: "${v.password(22)}",\n}\n`],
    ['generic-secret-key-django', 'generic-secret-assignment', 'Django SECRET_KEY', 'shop/settings/production.py', `from .base import *\n\n>>SECRET_KEY = "${v.password(50)}"\nDEBUG = False\n`],
    ['generic-pwd-ini', 'generic-secret-assignment', 'pwd in an INI file', 'conf/odbc.ini', `[reports]\nDriver = PostgreSQL\nUID = report\n>>PWD = ${v.base62(24)}\n`],
    ['generic-auth-token-compose', 'generic-secret-assignment', 'token in docker-compose env', 'docker-compose.yml', `services:\n  agent:\n    environment:\n>>      AGENT_AUTH_TOKEN: ${v.base62(40)}\n`],
    ['generic-kwarg', 'generic-secret-assignment', 'password= keyword argument', 'jobs/etl.py', `import psycopg2\n\n>>conn = psycopg2.connect(host="db.internal", user="etl", password="${v.password(20)}", dbname="dw")\n`],
    ['generic-cli-flag', 'generic-secret-assignment', '--password=… followed by more arguments', 'scripts/backup.sh', `#!/bin/sh\n>>mysqldump --user=backup --password=${v.base62(20)} --single-transaction shop > /backups/shop.sql\n`],
    ['generic-ado-net', 'generic-secret-assignment', 'Password= inside an ADO.NET connection string', 'src/Shop/appsettings.Production.json', `{\n  "ConnectionStrings": {\n>>    "Default": "Server=sql.internal;Database=shop;User Id=shop;Password=${v.base62(20)};"\n  }\n}\n`],
    ['generic-jdbc', 'generic-secret-assignment', 'password= in a JDBC URL query', 'src/main/resources/application-prod.properties', `>>spring.datasource.url=jdbc:postgresql://db.internal:5432/shop?user=shop&password=${v.base62(20)}&ssl=true\n`],
    ['generic-php-define', 'generic-secret-assignment', "PHP define('DB_PASSWORD', …)", 'wp-config.php', `<?php\ndefine('DB_NAME', 'wordpress');\n>>define('DB_PASSWORD', '${v.password(24).replace(/'/g, '!')}');\n`],
  ];
}

/** Negatives: the look-alike classes the issue names, each in a realistic file. */
function negatives(v: SecretValues): [id: string, kind: string, path: string, source: string][] {
  const aws = v.awsDocExample();
  const x = (n: number): string => 'x'.repeat(n);
  const X = (n: number): string => 'X'.repeat(n);
  const b64 = (n: number): string => v.base64(n);
  const longB64 = (): string => `${b64(1200)}=`;
  return [
    // Placeholders
    ['ph-your-api-key', 'placeholder', '.env.example', `# copy to .env\nSTRIPE_SECRET_KEY=YOUR_API_KEY\nAPI_TOKEN=your-api-token\n`],
    ['ph-xxxx-env', 'placeholder', '.env.example', `API_KEY=${x(32)}\nDB_PASSWORD=${x(16)}\n`],
    ['ph-angle-token', 'placeholder', 'docs/auth.md', `Set the header:\n\n    Authorization: token <token>\n\n\`\`\`yaml\napi_key: <your-api-key>\npassword: "<password>"\n\`\`\`\n`],
    ['ph-dollar-brace', 'placeholder', 'config/app.yaml', `github:\n  token: \${GITHUB_TOKEN}\ndatabase:\n  password: "\${DB_PASSWORD}"\n`],
    ['ph-process-env', 'reference', 'src/config.ts', `export const config = {\n  apiKey: process.env.API_KEY,\n  secret: process.env.SESSION_SECRET ?? '',\n  token: import.meta.env.VITE_TOKEN,\n};\n`],
    ['ph-changeme', 'placeholder', 'deploy/values.yaml', `postgresql:\n  auth:\n    password: changeme123\n    postgresPassword: "CHANGE_ME_BEFORE_DEPLOY"\n`],
    ['ph-replace-me', 'placeholder', '.env.sample', `SECRET_KEY=replace-me-with-a-long-random-string\n`],
    ['ph-stars', 'placeholder', 'docs/output.md', `Output:\n\n    auth_token: "********"\n    password: ************\n`],
    ['ph-ghp-xxxx', 'placeholder', 'docs/tokens.md', `export GITHUB_TOKEN=${join('gh', 'p_')}${x(36)}\n`],
    ['ph-npm-XXXX', 'placeholder', '.npmrc.example', `//registry.npmjs.org/:_authToken=${join('np', 'm_')}${X(36)}\n`],
    ['ph-akia-XXXX', 'placeholder', 'docs/aws.md', `aws_access_key_id = ${join('AK', 'IA')}${X(16)}\n`],
    ['ph-sk-live-xxxx', 'placeholder', 'docs/payments.md', `Stripe.api_key = "${join('sk', '_live_')}${x(24)}"\n`],
    ['ph-your-password', 'placeholder', 'scripts/setup_db.py', `conn = connect(host="localhost", user="admin", password="your_password")\n`],
    ['ph-dummy-token', 'placeholder', '.github/workflows/ci.yml', `env:\n  NPM_TOKEN: dummy-token-for-ci-only\n`],
    ['ph-pg-user-password', 'placeholder', 'README.md', `DATABASE_URL=postgres://user:password@localhost:5432/app\n`],
    ['ph-pg-upper', 'placeholder', 'docs/config.md', `DATABASE_URL=postgres://USER:PASSWORD@HOST:5432/DB\n`],
    ['ph-mongo-angle', 'placeholder', 'docs/atlas.md', `mongodb+srv://<username>:<password>@cluster0.example.mongodb.net/test\n`],
    ['ph-redis-ref', 'reference', 'config/.env.production', `REDIS_URL=redis://default:\${REDIS_PASSWORD}@redis:6379/0\n`],
    ['ph-bearer-your-token', 'placeholder', 'docs/api.md', `curl -H "Authorization: Bearer <YOUR_TOKEN>" https://api.internal/v1/me\n`],
    ['ph-percent', 'placeholder', 'config/web.config.json', `{\n  "apiKey": "%API_KEY%"\n}\n`],
    ['ph-helm', 'reference', 'charts/app/templates/secret.yaml', `stringData:\n  password: {{ .Values.db.password | quote }}\n  token: "{{ .Values.apiToken }}"\n`],
    ['ph-actions-secret', 'reference', '.github/workflows/deploy.yml', `      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          aws-access-key-id: \${{ secrets.AWS_ACCESS_KEY_ID }}\n          aws-secret-access-key: \${{ secrets.AWS_SECRET_ACCESS_KEY }}\n`],
    ['ph-vault-subshell', 'reference', 'scripts/release.sh', `#!/bin/bash\nexport NPM_TOKEN=$(vault kv get -field=token secret/ci/npm)\nexport PASSWORD="$(cat /run/secrets/db_password)"\n`],
    ['ph-dollar-var', 'reference', 'scripts/login.sh', `docker login -u ci --password $REGISTRY_PASSWORD registry.internal\nTOKEN=$CI_JOB_TOKEN\n`],
    ['ref-os-environ', 'reference', 'app/settings.py', `CLIENT_SECRET = os.environ["CLIENT_SECRET"]\nAPI_TOKEN = os.getenv("API_TOKEN", "")\n`],
    ['ref-go-getenv', 'reference', 'cmd/api/main.go', `package main\n\nimport "os"\n\nvar token = os.Getenv("API_TOKEN")\n`],
    ['ref-config-get', 'reference', 'src/payments.js', `const apiKey = config.get('stripe.apiKey');\nconst secret = await secrets.fetch('billing/webhook');\n`],
    ['ref-cfn', 'reference', 'infra/stack.yaml', `MasterUserPassword: !Sub '{{resolve:secretsmanager:prod/db:SecretString:password}}'\nSecretString: !Ref DbSecret\n`],
    ['ref-password-file', 'path', 'config/app.yaml', `db:\n  password_file: /run/secrets/db_password\n  tokenUrl: https://auth.internal/oauth2/token\n`],
    ['ref-ssm-param', 'reference', 'serverless.yml', `environment:\n  API_KEY: \${ssm:/shop/prod/api-key}\n`],
    // Vendor documentation examples
    ['doc-aws-example-id', 'vendor example', 'docs/aws.md', `[default]\naws_access_key_id = ${aws.id}\n`],
    ['doc-aws-example-secret', 'vendor example', 'docs/aws.md', `[default]\naws_secret_access_key = ${aws.secret}\n`],
    ['doc-aws-example-env', 'vendor example', 'test/fixtures/aws.env', `AWS_ACCESS_KEY_ID=${aws.id}\nAWS_SECRET_ACCESS_KEY=${aws.secret}\n`],
    ['doc-jwt-io', 'vendor example', 'docs/auth.md', `A token looks like this (from jwt.io):\n\n    ${v.jwtIoExample()}\n`],
    ['doc-slack-not-real', 'vendor example', 'docs/slack.md', `SLACK_BOT_TOKEN=${join('xo', 'xb-')}not-a-real-token-this-will-not-work\n`],
    ['doc-twilio-sk-x', 'vendor example', 'docs/sms.md', `TWILIO_API_KEY=${join('S', 'K')}${x(32)}\n`],
    ['doc-sendgrid-x', 'vendor example', 'docs/email.md', `SENDGRID_API_KEY=${join('S', 'G.')}${x(22)}.${x(43)}\n`],
    ['doc-pem-ellipsis', 'vendor example', 'docs/tls.md', `\`\`\`\n${join('-----BEGIN RSA ', 'PRIVATE KEY-----')}\nMIIEpAIBAAKCAQEA...\n...\n${join('-----END RSA ', 'PRIVATE KEY-----')}\n\`\`\`\n`],
    ['doc-stripe-publishable', 'publishable key', 'public/checkout.js', `const stripe = Stripe('${v.stripePublishable()}');\n`],
    ['doc-twilio-account-sid', 'identifier', 'config/sms.yaml', `twilio:\n  account_sid: ${v.twilioAccountSid()}\n`],
    // Hashes
    ['hash-sha1-commit', 'hash', 'package.json', `{\n  "name": "left-pad",\n  "gitHead": "${v.hex(40)}"\n}\n`],
    ['hash-sha256-token-hash', 'hash', 'db/seeds/tokens.sql', `INSERT INTO api_tokens (name, token_hash) VALUES ('ci', '${v.hex(64)}');\n`],
    ['hash-sha256-checksum', 'hash', 'tools/versions.yaml', `terraform:\n  version: 1.9.5\n  sha256: ${v.hex(64)}\n`],
    ['hash-sha256-secret-digest', 'hash', 'config/app.yaml', `webhook:\n  secret_sha256: "${v.hex(64)}"\n`],
    ['hash-md5-token', 'hash', 'test/cache.test.ts', `const token = '${v.hex(32)}';\nexpect(cacheKey(input)).toBe(token);\n`],
    ['hash-sha1-api-key-hash', 'hash', 'fixtures/users.json', `[{ "id": 1, "api_key_sha1": "${v.hex(40)}" }]\n`],
    ['hash-bcrypt-yaml', 'bcrypt hash', 'config/users.yaml', `users:\n  - name: admin\n    password: "${v.bcrypt()}"\n`],
    ['hash-bcrypt-json', 'bcrypt hash', 'fixtures/accounts.json', `{ "email": "a@example.org", "passwordHash": "${v.bcrypt()}" }\n`],
    ['hash-bcrypt-htpasswd', 'bcrypt hash', 'nginx/.htpasswd', `deploy:${v.bcrypt()}\n`],
    ['hash-sha256-docker-digest', 'hash', 'Dockerfile', `FROM node:24-slim@sha256:${v.hex(64)}\n`],
    ['hash-cargo-checksum', 'hash', 'Cargo.lock', `[[package]]\nname = "serde"\nversion = "1.0.210"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\nchecksum = "${v.hex(64)}"\n`],
    ['hash-poetry', 'hash', 'poetry.lock', `files = [\n    {file = "requests-2.32.3-py3-none-any.whl", hash = "sha256:${v.hex(64)}"},\n]\n`],
    // UUIDs
    ['uuid-client-id', 'uuid', 'config/oauth.yaml', `oauth:\n  client_id: ${v.uuid()}\n  tenant_id: ${v.uuid()}\n`],
    ['uuid-token-id', 'uuid', 'fixtures/tokens.json', `{ "token_id": "${v.uuid()}", "scopes": ["read"] }\n`],
    ['uuid-api-key-id', 'uuid', 'src/ids.ts', `export const API_KEY_ID = '${v.uuid().toUpperCase()}';\n`],
    ['uuid-secret-ref', 'uuid', 'terraform/main.tf', `secret_id = "${v.uuid()}"\n`],
    // Lockfile integrity
    ['lock-npm', 'integrity', 'package-lock.json', `    "node_modules/left-pad": {\n      "version": "1.3.0",\n      "resolved": "https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz",\n      "integrity": "${v.integrity()}",\n      "license": "WTFPL"\n    },\n`],
    ['lock-yarn', 'integrity', 'yarn.lock', `left-pad@^1.3.0:\n  version "1.3.0"\n  resolved "https://registry.yarnpkg.com/left-pad/-/left-pad-1.3.0.tgz#${v.hex(40)}"\n  integrity ${v.integrity()}\n`],
    ['lock-pnpm', 'integrity', 'pnpm-lock.yaml', `packages:\n  left-pad@1.3.0:\n    resolution: {integrity: ${v.integrity()}}\n`],
    ['lock-sri-html', 'integrity', 'public/index.html', `<script src="https://cdn.example.org/lib.js" integrity="sha384-${v.base64(64)}" crossorigin="anonymous"></script>\n`],
    ['lock-go-sum', 'integrity', 'go.sum', `github.com/google/uuid v1.6.0 h1:${v.base64(43)}=\ngithub.com/google/uuid v1.6.0/go.mod h1:${v.base64(43)}=\n`],
    // Data URIs
    ['data-css', 'data uri', 'src/styles/app.css', `.logo {\n  background: url(data:image/png;base64,${longB64()});\n}\n`],
    ['data-html', 'data uri', 'public/email.html', `<img alt="logo" src="data:image/jpeg;base64,${longB64()}">\n`],
    ['data-js-token-icon', 'data uri', 'src/icons.ts', `export const tokenIcon = 'data:image/svg+xml;base64,${b64(600)}';\n`],
    ['data-md', 'data uri', 'docs/diagram.md', `![flow](data:image/png;base64,${longB64()})\n`],
    // Bad checksums
    ['crc-ghp', 'bad checksum', 'test/fixtures/github.ts', `export const token = '${v.githubBadChecksum('p')}';\n`],
    ['crc-gho', 'bad checksum', 'docs/oauth.md', `oauth_token=${v.githubBadChecksum('o')}\n`],
    ['crc-ghs', 'bad checksum', 'test/app.test.ts', `const installationToken = "${v.githubBadChecksum('s')}";\n`],
    ['crc-ghu', 'bad checksum', 'src/fixtures.py', `USER_TOKEN = "${v.githubBadChecksum('u')}"\n`],
    ['crc-ghr', 'bad checksum', 'config/test.env', `GH_REFRESH=${v.githubBadChecksum('r')}\n`],
    ['crc-npm', 'bad checksum', '.npmrc', `//registry.npmjs.org/:_authToken=${v.npmBadChecksum()}\n`],
    ['crc-npm-yaml', 'bad checksum', '.github/workflows/publish.yml', `env:\n  NODE_AUTH_TOKEN: ${v.npmBadChecksum()}\n`],
    // Random-looking non-secret identifiers
    ['rand-b64-image-json', 'base64 image', 'fixtures/products.json', `{\n  "sku": "A-100",\n  "thumbnail": "${longB64()}"\n}\n`],
    ['rand-b64-image-lines', 'base64 image', 'assets/logo.png.b64', Array.from({ length: 20 }, () => b64(76)).join('\n') + '\n'],
    ['rand-sourcemap', 'source map', 'dist/app.js.map', `{"version":3,"sources":["../src/app.ts"],"names":[],"mappings":"${Array.from({ length: 40 }, () => Array.from({ length: 8 }, () => v.base64(4 + (v.digits(1) === '0' ? 2 : 0))).join(',')).join(';')}"}\n`],
    ['rand-chunk-hashes', 'build hash', 'dist/asset-manifest.json', `{\n  "main.js": "/static/js/main.${v.hex(8)}.js",\n  "runtime.js": "/static/js/runtime.${v.hex(20)}.js"\n}\n`],
    ['rand-nonce', 'nonce', 'public/index.html', `<script nonce="${v.base64(24)}">window.__APP__ = {};</script>\n`],
    ['rand-ids', 'identifier', 'fixtures/videos.json', `[{ "id": "${v.urlSafe(11)}", "playlist": "PL${v.urlSafe(32)}" }]\n`],
    ['rand-ssh-pub', 'public key', 'deploy/authorized_keys', `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${v.base64(43)} deploy@ci\n`],
    ['rand-pem-public', 'public key', 'keys/signing.pub', `${v.publicPem('PUBLIC KEY')}\n`],
    ['rand-pem-cert', 'certificate', 'certs/ca.crt', `${v.publicPem('CERTIFICATE')}\n`],
    ['rand-arn', 'identifier', '.github/workflows/deploy.yml', `      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          role-to-assume: arn:aws:iam::${v.digits(12)}:role/deploy\n`],
    ['rand-oauth-client-id', 'identifier', 'src/auth.ts', `export const GOOGLE_CLIENT_ID = '${v.digits(12)}-${v.base62(32).toLowerCase()}.apps.googleusercontent.com';\n`],
    ['rand-sentry-dsn', 'public DSN', 'src/sentry.ts', `Sentry.init({ dsn: 'https://${v.hex(32)}@o${v.digits(6)}.ingest.sentry.io/${v.digits(7)}' });\n`],
    ['word-token-type', 'word', 'src/oauth.ts', `const response = { token_type: 'Bearer', expires_in: 3600 };\n`],
    ['word-password-min', 'word', 'config/security.yaml', `password_min_length: 12\npassword_policy: strong\nsecret: false\n`],
    ['word-secret-name', 'k8s name', 'k8s/deployment.yaml', `        envFrom:\n          - secretRef:\n              name: shop-db-credentials\n        env:\n          - name: DB_PASSWORD\n            valueFrom:\n              secretKeyRef:\n                name: shop-db-credentials-v2\n                key: password\n`],
    ['word-tokenizer', 'word', 'ml/config.yaml', `model:\n  tokenizer: bert-base-uncased-whole-word-masking\n  max_tokens: 512\n`],
    ['word-i18n', 'text', 'locales/en.json', `{\n  "password_label": "Password",\n  "password_hint": "At least 12 characters",\n  "token_expired": "Your session has expired"\n}\n`],
    ['word-csrf-name', 'word', 'config/app.rb', `config.csrf_token_name = "authenticity_token"\n`],
    ['word-auth-key-path', 'path', 'ansible/hosts.ini', `[web]\nweb1 ansible_ssh_private_key_file=~/.ssh/id_ed25519\n[all:vars]\nauth_key_path=/etc/ssh/keys/deploy\n`],
    ['code-hash-call', 'code', 'app/users.py', `password = hashlib.sha256(raw.encode()).hexdigest()\ntoken = secrets.token_urlsafe(32)\n`],
    ['code-jwt-sign', 'code', 'src/auth.ts', `const token = jwt.sign(payload, process.env.JWT_SECRET!, { expiresIn: '1h' });\n`],
    ['code-token-regex', 'code', 'src/detect.ts', `const TOKEN_PATTERN = /^gh[pousr]_[A-Za-z0-9]{36}$/;\nconst apiKeyHeader = 'X-Api-Key';\n`],
    ['code-member', 'code', 'src/client.ts', `const client = new Client({ apiKey: settings.apiKey, secret: this.secretStore.current() });\n`],
    ['test-fake-values', 'test placeholder', 'src/login.test.ts', `const password = 'fake-password-123';\nconst apiKey = 'test-api-key-0000';\nconst token = 'FAKE_TOKEN_FOR_TESTS';\n`],
    ['test-short', 'short value', 'src/login.test.ts', `await login({ user: 'alice', password: 'hunter2' });\n`],
  ];
}

/** The labelled secrets set for one seed: positives of every rule family, then the negatives. */
export function labelledSecrets(seed = 20251201): LabelledCase[] {
  const v = secretValues(seed);
  const cases: LabelledCase[] = [];
  for (const family of FAMILIES) {
    for (const place of family.placements) {
      const [path, source] = PLACEMENTS[place]!(family.key, family.make(v));
      cases.push(labelled('secrets', `${family.rule}/${family.kind}/${place}`, family.rule, family.kind, path, source));
    }
  }
  for (const [id, rule, kind, path, source] of specialPositives(v)) cases.push(labelled('secrets', `${rule}/${id}`, rule, kind, path, source));
  for (const [id, kind, path, source] of negatives(v)) cases.push(labelled('secrets', `neg/${id}`, null, kind, path, source));
  return cases;
}

/** Negatives from real minified files of the tree (read by the caller), which no generator imitates well. */
export function minifiedNegatives(files: readonly { path: string; text: string }[]): LabelledCase[] {
  return files.map((f) => labelled('secrets', `neg/minified:${f.path}`, null, 'minified code', f.path, f.text));
}
