import type { SecretRule } from './rules';

// Words people put where a secret goes. Short words are case-sensitive so random tokens rarely contain them by chance.
const PLACEHOLDER_WORDS = /changeme|change_me|example|dummy|placeholder|redacted|your[_-]?(?:api[_-]?)?(?:key|token|secret|password)|insert[_-]?here|replace[_-]?me|not[_-]?a[_-]?real/i;
// A value that only names what goes there: `user:password@`, `PASSWORD`, `my-secret`.
const NAMING_WORD = /^(?:my|your|the|some)?[_-]?(?:pass(?:word|wd)?|pwd|secret|token|api[_-]?key|key)$/i;
const PLACEHOLDER_MARKS = /test|Test|TEST|fake|Fake|FAKE|x{4,}|X{4,}|\*{3,}|\.\.\./;
const REFERENCES: readonly RegExp[] = [
  /\$\{|\$\(/, // ${VAR}, ${expr}, $(command)
  /^\$[A-Za-z_]/, // $VAR
  /\{\{|\}\}/, // {{ secrets.X }}
  /^<[^>]*>$|<your|<[a-z_-]+>/i, // <your-key>
  /process\.env|import\.meta\.env|os\.environ|os\.getenv|getenv\(|System\.getenv|ENV\[/,
  /^%[A-Za-z_]+%$/, // %VAR%
];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX_HASH = /^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64})$/i;
const INTEGRITY = /^(?:sha1|sha256|sha384|sha512)-[A-Za-z0-9+/=]+$/;
const DATA_URI_BEFORE = /data:[\w.+-]+\/[\w.+-]+(?:;[\w=.-]+)*;base64,[A-Za-z0-9+/=]*$/;
const WORD = /^[A-Za-z]+$|^[a-z_]+$|^[A-Z_]+$/;
const MEMBER_OR_CALL = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$|^[A-Za-z_$][\w$.]*\(\)$/;
const PATH_OR_URL = /^(?:\/|\.\/|\.\.\/|~\/)|:\/\//;
// Password hashes in modular crypt format: bcrypt (`$2a$`/`$2b$`/`$2y$`, cost, 22 salt + 31 hash characters), sha-crypt, argon2.
const PASSWORD_HASH = /^\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}$|^\$[56]\$(?:rounds=\d+\$)?[./A-Za-z0-9]{1,16}\$[./A-Za-z0-9]{43,86}$|^\$argon2(?:id|i|d)\$v=\d+\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/;
// An armoured block (`-----BEGIN … PRIVATE KEY-----`), with real or JSON-escaped newlines.
const ARMOURED_BLOCK = /^-----BEGIN [^\n]*?-----(?:\r?\n|(?:\\r)?\\n)([\s\S]*?)(?:\r?\n|(?:\\r)?\\n)?-----END /;
const BLOCK_PLACEHOLDER = /\.\.\.|…|\*{3,}|x{8,}|X{8,}/;

/** The longest run of one repeated character. */
function longestRun(text: string): number {
  let best = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    run = i > 0 && text[i] === text[i - 1] ? run + 1 : 1;
    if (run > best) best = run;
  }
  return best;
}

/** The claims of a JWT-shaped token, or undefined when its payload is not JSON. */
function jwtClaims(token: string): Record<string, unknown> | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims: unknown = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
    return typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** jwt.io's published example (all its variants share these claims): a real token does not carry all three. */
function isJwtIoExample(token: string): boolean {
  if (!/^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+$/.test(token)) return false;
  const claims = jwtClaims(token);
  return claims?.['sub'] === '1234567890' && claims['name'] === 'John Doe' && claims['iat'] === 1516239022;
}

/**
 * Why an armoured block is not a secret, or undefined. Its body is judged as a whole: the short-token checks do not
 * apply, since DER and OpenSSH encodings hold runs of zero bytes (every unencrypted OpenSSH key has `AAAAAAAAA`), and
 * a long random body contains `test` or `xxxx` by chance.
 */
function assessBlock(body: string): string | undefined {
  if (BLOCK_PLACEHOLDER.test(body) || PLACEHOLDER_WORDS.test(body)) return 'placeholder';
  if (REFERENCES.some((re) => re.test(body.trim()))) return 'reference';
  const characters = body.replace(/\s|\\[rn]/g, '');
  if (longestRun(characters) * 2 >= characters.length) return 'repeated characters';
  return undefined;
}

/**
 * Why a candidate `secret` matched by `rule` is not a secret, or undefined when it may be one. Decides by:
 * armoured blocks by their body only; placeholders, words naming the value and references; repeated characters; UUIDs,
 * lockfile integrity hashes, password hashes, data URIs (from the text before it on its line); well-known vendor examples;
 * and, for generic rules, hex hashes, plain words, identifiers and paths.
 */
export function assessNonSecret(secret: string, rule: SecretRule, textBefore: string): string | undefined {
  const block = ARMOURED_BLOCK.exec(secret);
  if (block) return assessBlock(block[1] ?? '');
  if (PLACEHOLDER_WORDS.test(secret) || PLACEHOLDER_MARKS.test(secret) || NAMING_WORD.test(secret)) return 'placeholder';
  if (REFERENCES.some((re) => re.test(secret))) return 'reference';
  const run = longestRun(secret);
  if (run >= 6 || run * 2 >= secret.length) return 'repeated characters';
  if (UUID.test(secret)) return 'uuid';
  if (INTEGRITY.test(secret)) return 'integrity hash';
  if (PASSWORD_HASH.test(secret)) return 'password hash';
  if (isJwtIoExample(secret)) return 'vendor example';
  if (secret.startsWith('data:') || DATA_URI_BEFORE.test(textBefore)) return 'data uri';
  if (rule.generic) {
    if (HEX_HASH.test(secret)) return 'hash';
    if ((WORD.test(secret) && secret.length < 24) || MEMBER_OR_CALL.test(secret)) return 'word or identifier';
    if (PATH_OR_URL.test(secret)) return 'path or url';
  }
  return undefined;
}
