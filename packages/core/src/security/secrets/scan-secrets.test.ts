import { createHmac, generateKeyPairSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { ConfigurationError } from '../../errors/configuration-error';
import { sha256 } from '../../text/sha256';
import { compileUserRules } from './compile-user-rules';
import { SECRET_RULES } from './rules';
import { scanSecrets } from './scan-secrets';
import { fixtureGenerator, secretFixtures } from './secret-fixtures.test-support';

const path = 'src/config.ts';
const fixtures = secretFixtures();
const fixture = (ruleId: string) => fixtures.find((f) => f.ruleId === ruleId)!;
const g = fixtureGenerator(7);
const ids = (text: string, options: Partial<Parameters<typeof scanSecrets>[1]> = {}) => scanSecrets(text, { path, ...options }).map((f) => f.ruleId);
const join = (...parts: string[]): string => parts.join('');
const base64url = (text: string): string => Buffer.from(text).toString('base64url');

/** A fresh, unencrypted ed25519 key in OpenSSH's own format (`openssh-key-v1`, what `ssh-keygen` writes by default). */
function opensshPrivateKey(): string {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const pub = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
  const seed = Buffer.from(privateKey.export({ format: 'jwk' }).d!, 'base64url');
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  };
  const str = (value: Buffer | string) => Buffer.concat([u32(Buffer.byteLength(value)), Buffer.from(value)]);
  const check = randomBytes(4);
  const section = Buffer.concat([check, check, str('ssh-ed25519'), str(pub), str(Buffer.concat([seed, pub])), str('ci@example.org')]);
  const padding = Buffer.from(Array.from({ length: (8 - (section.length % 8)) % 8 }, (_, i) => i + 1));
  const blob = Buffer.concat([Buffer.from('openssh-key-v1\0'), str('none'), str('none'), str(''), u32(1), str(Buffer.concat([str('ssh-ed25519'), str(pub)])), str(Buffer.concat([section, padding]))]);
  const label = join('OPENSSH ', 'PRIVATE KEY');
  return [`-----BEGIN ${label}-----`, ...blob.toString('base64').match(/.{1,70}/g)!, `-----END ${label}-----`].join('\n');
}

/** A JWT with these claims, signed the way jwt.io's example is (HS256 over its published key). */
function hs256(claims: object): string {
  const body = `${base64url('{"alg":"HS256","typ":"JWT"}')}.${base64url(JSON.stringify(claims))}`;
  return `${body}.${createHmac('sha256', 'your-256-bit-secret').update(body).digest('base64url')}`;
}

describe('scanSecrets: every rule finds its format', () => {
  it('has a fixture for every built-in rule', () => {
    expect(fixtures.map((f) => f.ruleId).sort()).toEqual(SECRET_RULES.map((r) => r.id).sort());
  });

  it.each(fixtures.map((f) => [f.ruleId, f] as const))('%s', (ruleId, { text, secret }) => {
    const findings = scanSecrets(text, { path });
    expect(findings.map((f) => f.ruleId)).toEqual([ruleId]);
    const offset = text.indexOf(secret);
    const before = text.slice(0, offset).split('\n');
    const secretLines = secret.split('\n');
    expect(findings[0]).toMatchObject({
      line: before.length,
      column: before.at(-1)!.length + 1,
      endLine: before.length + secretLines.length - 1,
      endColumn: (secretLines.length > 1 ? 0 : before.at(-1)!.length) + secretLines.at(-1)!.length + 1,
      fingerprint: sha256(`${ruleId}:${path}:${secret}`),
      severity: SECRET_RULES.find((r) => r.id === ruleId)!.severity,
    });
    expect(findings[0]!.message).toMatch(/rotate or revoke/);
  });
});

describe('scanSecrets: private key blocks', () => {
  it('reports an OpenSSH key, whose body always holds runs of A (zero length fields), on its first line', () => {
    const key = opensshPrivateKey();
    expect(key).toMatch(/A{9}/);
    const findings = scanSecrets(`#!/bin/sh\ncat > ~/.ssh/id_ed25519 <<'EOF'\n${key}\nEOF\n`, { path: 'scripts/ci-ssh.sh' });
    expect(findings.map((f) => [f.ruleId, f.line, f.endLine])).toEqual([['private-key', 3, 3 + key.split('\n').length - 1]]);
  });

  it('reports an OpenSSH key with escaped newlines in JSON', () => {
    const key = opensshPrivateKey().split('\n').join('\\n');
    expect(ids(`{ "ssh_key": "${key}\\n" }`)).toEqual(['private-key']);
  });
});

describe('scanSecrets: secrets in common config forms', () => {
  const value = g.base62(20);
  it.each([
    ['redis URL with an empty user', 'connection-string-password', `REDIS_URL=redis://:${g.base62(32)}@redis.prod.internal:6379/0`],
    ['--password=… followed by more arguments', 'generic-secret-assignment', `mysqldump --user=backup --password=${value} --single-transaction shop > /backups/shop.sql`],
    ['--api-key … as the last argument', 'generic-secret-assignment', `deploy --api-key=${value}`],
    ['Password= inside an ADO.NET connection string', 'generic-secret-assignment', `"Default": "Server=sql.internal;Database=shop;User Id=shop;Password=${value};"`],
    ['Pwd= ending an ODBC string', 'generic-secret-assignment', `conn = "Driver={PostgreSQL};Uid=shop;Pwd=${value}"`],
    ['password= in a JDBC URL query', 'generic-secret-assignment', `spring.datasource.url=jdbc:postgresql://db.internal:5432/shop?user=shop&password=${value}&ssl=true`],
    ["PHP define('DB_PASSWORD', …)", 'generic-secret-assignment', `define('DB_PASSWORD', '${g.base62(12)}!${g.base62(11)}');`],
    ['a call setting a named secret', 'generic-secret-assignment', `os.environ.setdefault("API_TOKEN", "${value}")`],
  ])('%s', (_name, ruleId, text) => {
    expect(ids(text)).toEqual([ruleId]);
  });
});

describe('scanSecrets: what is not a secret', () => {
  const aws = ['AK', 'IA'].join('');
  const base64 = g.base64(88);
  it.each([
    ['x placeholder', `api_key = "${'x'.repeat(24)}"`],
    ['angle-bracket placeholder', 'token: "<your-api-key>"'],
    ['shell reference', 'password = "${DB_PASSWORD}"'],
    ['template literal cut at a quote', "GITHUB_TOKEN=\"${fixture('github-pat')}\""],
    ['workflow expression', 'token: ${{ secrets.NPM_TOKEN }}'],
    ['handlebars in quotes', 'password: "{{.Values.dbPassword}}"'],
    ['process.env', 'const apiKey = process.env.ACME_API_KEY_VALUE'],
    ['os.environ', 'password = os.environ["DB_PASSWORD"]'],
    ['changeme', 'password: "changeme-123456"'],
    ['example', `aws_secret_access_key = "${g.base62(33)}EXAMPLE"`],
    ['dummy', `secret = "dummy-${g.base62(12)}"`],
    ['test', `token = "test-${g.base62(16)}"`],
    ['repeated characters', `key ${aws}${'Q'.repeat(16)}`],
    ['documented AWS key id', `id = ${aws}IOSFODNN7${'EXAMPLE'}`],
    ['documented AWS secret key', `aws_secret_access_key = ${['wJalrXUtnFEMI', 'K7MDENG', 'bPxRfiCY'].join('/')}EXAMPLEKEY`],
    ['md5-length hex', `token = "${g.hex(32)}"`],
    ['sha1-length hex', `secret: "${g.hex(40)}"`],
    ['sha256-length hex', `api_key = "${g.hex(64)}"`],
    ['uuid', `api_key = "${g.hex(8)}-${g.hex(4)}-4${g.hex(3)}-a${g.hex(3)}-${g.hex(12)}"`],
    ['lockfile integrity', `      token: sha512-${base64}`],
    ['data uri', `secret_image = "data:image/png;base64,${base64}"`],
    ['provider-shaped text inside a data uri', `<img src="data:image/png;base64,${['AI', 'za'].join('')}${g.urlSafe(35)}">`],
    ['low entropy', 'password = "abababababcdcdcdcd"'],
    ['plain word', 'token: "Authorization"'],
    ['property reference', 'password: config.database.password'],
    ['private key placeholder', `-----BEGIN RSA ${'PRIVATE KEY'}-----\n${'...'.repeat(30)}\n-----END RSA ${'PRIVATE KEY'}-----`],
    ['private key body from a template', `-----BEGIN ${'PRIVATE KEY'}-----\n{{ .Values.tls.key | b64dec | indent 4 }} ${g.base64(60)}\n-----END ${'PRIVATE KEY'}-----`],
    ['private key of one repeated character', `-----BEGIN ${'PRIVATE KEY'}-----\n${'A'.repeat(64)}\n${'A'.repeat(64)}\n-----END ${'PRIVATE KEY'}-----`],
    ['connection string with user:password placeholders', `DATABASE_URL=${join('postgres', '://user:')}password@localhost:5432/app`],
    ['connection string with upper-case placeholders', `DATABASE_URL=${join('postgres', '://USER:')}PASSWORD@HOST:5432/DB`],
    ['connection string with pass/secret placeholders', `${join('redis', '://:')}secret@localhost:6379 or ${join('amqp', '://guest:')}pass@rabbit`],
    ["jwt.io's example token", `A token looks like this: ${hs256({ sub: '1234567890', name: 'John Doe', iat: 1516239022 })}`],
    ["jwt.io's newer example token", `Bearer ${hs256({ sub: '1234567890', name: 'John Doe', admin: true, iat: 1516239022 })}`],
    ["Slack's documented not-a-real-token", `SLACK_BOT_TOKEN=${join('xo', 'xb-')}not-a-real-token-this-will-not-work`],
    ['bcrypt hash under password:', `users:\n  - name: admin\n    password: "${join('$2b', '$12$')}${g.from('./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 53)}"`],
    ['bcrypt hash in JSON', `{ "passwordHash": "${join('$2a', '$10$')}${g.from('./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 53)}" }`],
    ['bcrypt hash, $2y$ (PHP)', `'password' => '${join('$2y', '$11$')}${g.from('./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 53)}',`],
    ['a tokenizer model name', 'model:\n  tokenizer: bert-base-uncased-whole-word-masking\n  max_tokens: 512'],
    ['passwordless flag', 'passwordless_login: magic-link-via-email-only'],
    ['a list of identifier strings (source map names)', '{"names":["token","oldNoLineTerminatorAfterNode","tokenIsKeywordOrIdentifier","tokenIsLiteralPropertyName"]}'],
    ['minified code after a semicolon', 'var a=1;token2 = token2.replace(/^_/, "");secretValue=computeSecret(a,b);'],
    ['chained assignments in minified code', 'a=1;this.lastTokEndLoc=this.lastTokStartLoc=null;b=2;token.ch_starts_binding_identifier=ch_starts_binding_identifier;'],
    ['a command-line option taking a variable', 'docker login -u ci --password=$REGISTRY_PASSWORD registry.internal'],
  ])('%s', (_name, text) => {
    expect(ids(text)).toEqual([]);
  });
});

describe('scanSecrets: look-alike checks stay narrow', () => {
  it.each([
    ['a JWT with other claims', hs256({ sub: g.digits(8), name: 'John Doe', iat: 1516239022 })],
    ['a JWT naming John Doe at another time', hs256({ sub: '1234567890', name: 'John Doe', iat: 1700000000 })],
  ])('still reports %s', (_name, token) => {
    expect(ids(`session=${token}`)).toEqual(['jwt']);
  });

  it.each([
    ['a real-looking password in a URL', `${join('postgres', '://app:')}${g.base62(18)}@db:5432/app`, 'connection-string-password'],
    ['a secret that is bcrypt-like but too short', `password: "${join('$2b', '$12$')}${g.base62(30)}"`, 'generic-secret-assignment'],
    ['a token assigned under a name containing tokenizer and token', `tokenizer_token: ${g.base62(32)}`, 'generic-secret-assignment'],
  ])('still reports %s', (_name, text, ruleId) => {
    expect(ids(text)).toEqual([ruleId]);
  });
});

describe('scanSecrets: checksums', () => {
  const corrupt = (token: string) => token.slice(0, -1) + (token.endsWith('0') ? '1' : '0');
  it.each(['github-pat', 'github-oauth-token', 'github-app-token', 'github-refresh-token', 'npm-token'])(
    '%s with a wrong checksum is not a finding, not even as a generic secret',
    (ruleId) => {
      const { secret } = fixture(ruleId);
      expect(ids(`token = "${secret}"`)).toEqual([ruleId]);
      expect(ids(`token = "${corrupt(secret)}"`)).toEqual([]);
    },
  );
});

describe('scanSecrets: suppression', () => {
  const { text } = fixture('github-pat');

  it.each([
    [`${text} // safe-deploy:allow`, []],
    [`${text} // safe-deploy:allow github-pat`, []],
    [`${text} // safe-deploy:allow npm-token, github-pat`, []],
    [`${text} // safe-deploy:allow npm-token`, ['github-pat']],
    [`// safe-deploy:allow\n${text}`, ['github-pat']],
  ])('allow comment: %#', (input, expected) => {
    expect(ids(input)).toEqual(expected);
  });

  it.each([
    [{ paths: ['**/fixtures/**'] }, 'test/fixtures/tokens.txt', []],
    [{ paths: ['*.snap'] }, 'src/__snapshots__/a.test.ts.snap', []],
    [{ paths: ['/^docs\\//'] }, 'docs/setup.md', []],
    [{ paths: ['**/fixtures/**', '/^docs\\//'] }, 'src/config.ts', ['github-pat']],
    [{ regexes: ['^ghp_'] }, path, []],
    [{ stopwords: [fixture('github-pat').secret.slice(10, 20).toUpperCase()] }, path, []],
    [{ stopwords: ['unrelated'] }, path, ['github-pat']],
  ])('allowlist %j on %s', (allowlist, filePath, expected) => {
    expect(ids(text, { allowlist, path: filePath })).toEqual(expected);
  });

  it('names the policy path of a bad allowlist regex', () => {
    expect(() => scanSecrets(text, { path, allowlist: { regexes: ['ok', '(unclosed'] } })).toThrow(
      expect.objectContaining({ name: 'ConfigurationError', where: 'security.allowlist.regexes[1]' }),
    );
  });

  it('skips disabled rules and lets the generic rule yield to nothing else', () => {
    expect(ids(text, { disabledRules: ['github-pat'] })).toEqual([]);
    const generic = fixture('generic-secret-assignment').text;
    expect(ids(generic, { disabledRules: ['generic-secret-assignment'] })).toEqual([]);
  });

  it('keeps only findings on lines the line filter accepts', () => {
    const lines = [fixture('github-pat').text, 'nothing here', fixture('npm-token').text].join('\n');
    expect(scanSecrets(lines, { path, lineFilter: (line) => line === 3 }).map((f) => [f.ruleId, f.line])).toEqual([['npm-token', 3]]);
  });
});

describe('scanSecrets: keyword prefilter', () => {
  it('runs a rule only when one of its keywords occurs, whatever its regex would match', () => {
    const rules = [{ id: 'gated', description: 'gated', severity: 'low' as const, keywords: ['acme'], regex: /value=(\w{12})/g }];
    const value = g.base62(12);
    expect(ids(`value=${value}`, { rules })).toEqual([]);
    expect(ids(`ACME value=${value}`, { rules })).toEqual(['gated']);
  });
});

describe('scanSecrets: bad input', () => {
  it('survives a private key header without an end marker in a large file', () => {
    const text = `-----BEGIN RSA ${'PRIVATE KEY'}-----\n${`${g.base64(64)}\n`.repeat(200_000)}`;
    expect(ids(text)).toEqual([]);
  });
});

describe('scanSecrets: overlapping rules', () => {
  it('reports a provider token assigned to a secret-looking name once, under the provider rule', () => {
    expect(ids(`GITHUB_TOKEN="${fixture('github-pat').secret}"`)).toEqual(['github-pat']);
    expect(ids(`aws_secret_access_key = "${fixture('aws-secret-access-key').secret}"`)).toEqual(['aws-secret-access-key']);
  });
});

describe('user rules', () => {
  const acme = (rules: Parameters<typeof compileUserRules>[0]) => [...SECRET_RULES, ...compileUserRules(rules, SECRET_RULES)];

  it('finds secrets with a compiled user rule, with and without a capture group', () => {
    const value = g.base62(24).toLowerCase();
    const rules = acme([
      { id: 'acme-key', regex: 'acme_key=([a-z0-9]{24})', keywords: ['ACME_KEY'], severity: 'critical' },
      { id: 'acme-session', regex: '(?i)ACMESESS_[a-z0-9]{24}' },
    ]);
    const findings = scanSecrets(`acme_key=${value}\nAcmeSess_${value}`, { path, rules });
    expect(findings.map((f) => [f.ruleId, f.severity, f.line, f.column])).toEqual([
      ['acme-key', 'critical', 1, 10],
      ['acme-session', 'high', 2, 1],
    ]);
    expect(scanSecrets(`acme_key=${value}`, { path, rules, disabledRules: ['acme-key'] })).toEqual([]);
  });

  it.each([
    [{ id: 'bad', regex: '([a-z' }, 'security.rules[0].regex'],
    [{ id: 'Not Kebab', regex: 'x' }, 'security.rules[0].id'],
    [{ id: 'github-pat', regex: 'x' }, 'security.rules[0].id'],
    [{ id: 'everything', regex: 'a*' }, 'security.rules[0].regex'],
  ])('rejects %j naming %s', (rule, where) => {
    let thrown: unknown;
    try {
      compileUserRules([rule], SECRET_RULES);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigurationError);
    expect((thrown as ConfigurationError).where).toBe(where);
    expect((thrown as ConfigurationError).message).toContain(where);
  });
});

describe('redaction', () => {
  it('never puts the secret, or any 8 characters of it, into a finding', () => {
    const text = fixtures.map((f) => f.text).join('\n');
    const findings = scanSecrets(text, { path });
    expect(findings.map((f) => f.ruleId).sort()).toEqual(SECRET_RULES.map((r) => r.id).sort());
    const json = JSON.stringify(findings);
    for (const { secret } of fixtures) {
      for (let i = 0; i + 8 <= secret.length; i++) expect(json).not.toContain(secret.slice(i, i + 8));
    }
    expect(findings.find((f) => f.ruleId === 'github-pat')!.redacted).toBe(`${['gh', 'p_'].join('')}…(40)`);
  });
});
