// Credential-shaped fixtures are assembled at test time from pieces and a seeded generator, so no committed file holds one.
import { base62Crc32 } from './token-checksum';

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
export const BASE62 = DIGITS + UPPER + LOWER;
const BASE64 = BASE62 + '+/';
const URL_SAFE = BASE62 + '_-';

/** A deterministic generator (mulberry32), so a failing fixture fails the same way every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Builds random strings over alphabets from one seeded generator. */
export function fixtureGenerator(seed = 20240501) {
  const next = seededRandom(seed);
  const from = (alphabet: string, length: number): string => Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]!).join('');
  return {
    from,
    base62: (length: number) => from(BASE62, length),
    hex: (length: number) => from('0123456789abcdef', length),
    /** A `gh?_`/`npm_`-style token: prefix, 30 random base62 characters and their base62 CRC-32. */
    checksummed: (prefix: string) => {
      const payload = from(BASE62, 30);
      return prefix + payload + base62Crc32(payload);
    },
    base64: (length: number) => from(BASE64, length),
    urlSafe: (length: number) => from(URL_SAFE, length),
    digits: (length: number) => from(DIGITS, length),
    upper: (length: number) => from(UPPER + DIGITS, length),
  };
}

/** A line of source holding one secret for the rule, and the secret. */
export interface SecretFixture {
  readonly ruleId: string;
  readonly text: string;
  readonly secret: string;
}

const join = (...parts: string[]): string => parts.join('');

/** One positive fixture per built-in rule. */
export function secretFixtures(seed?: number): SecretFixture[] {
  const g = fixtureGenerator(seed);
  const make = (ruleId: string, secret: string, wrap: (s: string) => string): SecretFixture => ({ ruleId, secret, text: wrap(secret) });
  const pemBody = Array.from({ length: 6 }, () => g.base64(64)).join('\n');
  return [
    make('aws-access-key-id', join('AK', 'IA', g.from('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)), (s) => `aws_access_key_id = ${s}`),
    make('aws-secret-access-key', g.base64(40), (s) => `aws_secret_access_key: "${s}"`),
    make('github-pat', g.checksummed(join('gh', 'p_')), (s) => `const client = new Octokit({ auth: '${s}' });`),
    make('github-oauth-token', g.checksummed(join('gh', 'o_')), (s) => `oauth=${s}`),
    make('github-app-token', g.checksummed(join('gh', 's_')), (s) => `Authorization: Bearer ${s}`),
    make('github-refresh-token', g.checksummed(join('gh', 'r_')), (s) => `{"refresh": "${s}"}`),
    make('github-fine-grained-pat', join('github', '_pat_', g.base62(22), '_', g.base62(59)), (s) => `GH=${s}`),
    make('gitlab-pat', join('gl', 'pat-', g.base62(20)), (s) => `git clone https://oauth2:${s}@gitlab.com/acme/app.git`),
    make('slack-token', join('xo', 'xb-', g.digits(11), '-', g.digits(12), '-', g.base62(24)), (s) => `slack_bot = '${s}'`),
    make('slack-webhook', join('https://hooks.', 'slack.com/services/T', g.upper(10), '/B', g.upper(10), '/', g.base62(24)), (s) => `curl -X POST ${s}`),
    make('stripe-secret-key', join('sk', '_live_', g.base62(24)), (s) => `Stripe(${JSON.stringify(s)})`),
    make('npm-token', g.checksummed(join('np', 'm_')), (s) => `//registry.npmjs.org/:_authToken=${s}`),
    make('pypi-token', join('py', 'pi-', 'AgEIcHlwaS5vcmc', g.urlSafe(70)), (s) => `password = ${s}`),
    make('openai-api-key', join('sk', '-proj-', g.urlSafe(60)), (s) => `client = OpenAI(api_key="${s}")`),
    make('anthropic-api-key', join('sk', '-ant-', 'api03-', g.urlSafe(93), 'AA'), (s) => `ANTHROPIC=${s}`),
    make('google-api-key', join('AI', 'za', g.urlSafe(35)), (s) => `<script src="https://maps.example.com/js?key=${s}"></script>`),
    make('private-key', join('-----BEGIN RSA ', 'PRIVATE KEY-----\n', pemBody, '\n-----END RSA ', 'PRIVATE KEY-----'), (s) => `key: |\n${s}\n`),
    make('jwt', join('ey', 'J', g.urlSafe(30), '.ey', 'J', g.urlSafe(60), '.', g.urlSafe(43)), (s) => `Cookie: session=${s}`),
    make('connection-string-password', g.base62(18), (s) => `DATABASE_URL=${join('postgres', '://app:')}${s}@db.internal:5432/app`),
    make('twilio-api-key', join('S', 'K', g.hex(32)), (s) => `twilio.api_key_sid ${s}`),
    make('sendgrid-api-key', join('S', 'G.', g.urlSafe(22), '.', g.urlSafe(43)), (s) => `sg.setApiKey(\`${s}\`)`),
    make('discord-webhook', join('https://discord.com/api/', 'webhooks/', g.digits(18), '/', g.urlSafe(68)), (s) => `fetch("${s}", opts)`),
    make('generic-secret-assignment', g.from(BASE62 + '!#%&*+-=?@^_', 20), (s) => `  db_password = "${s}"`),
  ];
}
