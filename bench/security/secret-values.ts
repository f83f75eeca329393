// Credential-shaped values for the labelled secrets set, made at run time from a seeded generator so no committed file
// holds one. Prefixes are assembled from pieces for the same reason: this file must not trip a secret scanner itself.
import { createHmac } from 'node:crypto';
import { fixtureGenerator } from '../../packages/core/src/security/secrets/secret-fixtures.test-support';
import { base62Crc32 } from '../../packages/core/src/security/secrets/token-checksum';

const join = (...parts: string[]): string => parts.join('');
const AWS_BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const BCRYPT = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const base64url = (text: string): string => Buffer.from(text).toString('base64url');

/** The value makers, one seeded stream for the whole set: the same seed gives the same corpus. */
export function secretValues(seed: number) {
  const g = fixtureGenerator(seed);
  // Bodies start as real ones do (DER SEQUENCE `MI…`, EC `MHc…`, OpenSSH's magic), then random base64 in 64-character lines.
  const PEM_START: Record<string, string> = {
    'RSA PRIVATE KEY': 'MIIEpAIBAAKCAQEA',
    'PRIVATE KEY': 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQ',
    'EC PRIVATE KEY': 'MHcCAQEEI',
    'OPENSSH PRIVATE KEY': 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW',
    'PUBLIC KEY': 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA',
    CERTIFICATE: 'MIIDdzCCAl+gAwIBAgIE',
  };
  const pem = (label: string, lines: number): string => {
    const body = (PEM_START[label] ?? '') + g.base64(lines * 64 + 24);
    const wrapped = body.slice(0, lines * 64 + 24).match(/.{1,64}/g) ?? [];
    return [join('-----BEGIN ', label, '-----'), ...wrapped.slice(0, -1), `${wrapped.at(-1) ?? ''}==`, join('-----END ', label, '-----')].join('\n');
  };
  const badChecksum = (prefix: string): string => {
    const payload = g.base62(30);
    const good = base62Crc32(payload);
    let bad = g.base62(6);
    while (bad === good) bad = g.base62(6);
    return prefix + payload + bad;
  };
  return {
    base62: g.base62,
    base64: g.base64,
    hex: g.hex,
    urlSafe: g.urlSafe,
    digits: g.digits,
    awsAccessKeyId: (prefix = 'AKIA') => join(prefix.slice(0, 2), prefix.slice(2), g.from(AWS_BASE32, 16)),
    awsSecretAccessKey: () => g.base64(40),
    github: (kind: 'p' | 'o' | 'u' | 's' | 'r') => g.checksummed(join('gh', kind, '_')),
    githubBadChecksum: (kind: 'p' | 'o' | 'u' | 's' | 'r') => badChecksum(join('gh', kind, '_')),
    githubFineGrained: () => join('github', '_pat_', g.base62(22), '_', g.base62(59)),
    gitlab: () => join('gl', 'pat-', g.urlSafe(20)),
    slack: (kind: 'b' | 'p' | 'a' | 'e') => join('xo', 'x', kind, '-', g.digits(11), '-', g.digits(13), '-', g.base62(24)),
    slackWebhook: () => join('https://hooks.', 'slack.com/services/T', g.upper(10), '/B', g.upper(10), '/', g.base62(24)),
    stripe: (kind: 'sk' | 'rk', length = 24) => join(kind, '_live_', g.base62(length)),
    stripePublishable: () => join('pk', '_live_', g.base62(24)),
    npm: () => g.checksummed(join('np', 'm_')),
    npmBadChecksum: () => badChecksum(join('np', 'm_')),
    pypi: () => join('py', 'pi-', 'AgEIcHlwaS5vcmc', g.urlSafe(140)),
    openaiProject: () => join('sk', '-proj-', g.urlSafe(124), 'T3Blbk', 'FJ', g.urlSafe(20)),
    openaiLegacy: () => join('sk', '-', g.base62(20), 'T3Blbk', 'FJ', g.base62(20)),
    anthropic: () => join('sk', '-ant-', 'api03-', g.urlSafe(93), 'AA'),
    google: () => join('AI', 'za', 'Sy', g.urlSafe(33)),
    privateKey: (label: 'RSA PRIVATE KEY' | 'PRIVATE KEY' | 'EC PRIVATE KEY' | 'OPENSSH PRIVATE KEY') => pem(label, label === 'EC PRIVATE KEY' ? 3 : 12),
    publicPem: (label: 'PUBLIC KEY' | 'CERTIFICATE') => pem(label, 8),
    jwt: () => join(base64url('{"alg":"HS256","typ":"JWT"}'), '.', base64url(`{"sub":"${g.digits(8)}","role":"service","iat":${g.digits(10)}}`), '.', g.urlSafe(43)),
    /** The token jwt.io shows on its home page, rebuilt: its HMAC key is the page's `your-256-bit-secret`. */
    jwtIoExample: () => {
      const body = join(base64url('{"alg":"HS256","typ":"JWT"}'), '.', base64url('{"sub":"1234567890","name":"John Doe","iat":1516239022}'));
      return `${body}.${createHmac('sha256', 'your-256-bit-secret').update(body).digest('base64url')}`;
    },
    password: (length = 20) => g.from('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#%&*+-=?@^_', length),
    twilio: () => join('S', 'K', g.hex(32)),
    twilioAccountSid: () => join('A', 'C', g.hex(32)),
    sendgrid: () => join('S', 'G.', g.urlSafe(22), '.', g.urlSafe(43)),
    discordWebhook: () => join('https://discord.com/api/', 'webhooks/', g.digits(18), '/', g.urlSafe(68)),
    uuid: () => [g.hex(8), g.hex(4), `4${g.hex(3)}`, `a${g.hex(3)}`, g.hex(12)].join('-'),
    bcrypt: () => join('$2b$12$', g.from(BCRYPT, 53)),
    integrity: () => join('sha512-', g.base64(86), '=='),
    /** AWS's documented example access key pair (IAM user guide), which ends in EXAMPLE. */
    awsDocExample: () => ({ id: join('AKIA', 'IOSFODNN7', 'EXAMPLE'), secret: join('wJalrXUtnFEMI', '/K7MDENG/', 'bPxRfiCY', 'EXAMPLEKEY') }),
  };
}

/** The value makers' type, for the case builders. */
export type SecretValues = ReturnType<typeof secretValues>;
