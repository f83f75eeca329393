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
  ])('%s', (_name, text) => {
    expect(ids(text)).toEqual([]);
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
