import type { SecretRule } from './rules';

// Words people put where a secret goes. Short words are case-sensitive so random tokens rarely contain them by chance.
const PLACEHOLDER_WORDS = /changeme|change_me|example|dummy|placeholder|redacted|your[_-]?(?:api[_-]?)?(?:key|token|secret|password)|insert[_-]?here|replace[_-]?me/i;
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

/**
 * Why a candidate `secret` matched by `rule` is not a secret, or undefined when it may be one. Decides by:
 * placeholders and references, repeated characters, UUIDs, lockfile integrity hashes, data URIs (from the text before it on its line),
 * and, for generic rules, hex hashes, plain words, identifiers and paths.
 */
export function assessNonSecret(secret: string, rule: SecretRule, textBefore: string): string | undefined {
  if (PLACEHOLDER_WORDS.test(secret) || PLACEHOLDER_MARKS.test(secret)) return 'placeholder';
  if (REFERENCES.some((re) => re.test(secret))) return 'reference';
  const run = longestRun(secret);
  if (run >= 6 || run * 2 >= secret.length) return 'repeated characters';
  if (UUID.test(secret)) return 'uuid';
  if (INTEGRITY.test(secret)) return 'integrity hash';
  if (secret.startsWith('data:') || DATA_URI_BEFORE.test(textBefore)) return 'data uri';
  if (rule.generic) {
    if (HEX_HASH.test(secret)) return 'hash';
    if ((WORD.test(secret) && secret.length < 24) || MEMBER_OR_CALL.test(secret)) return 'word or identifier';
    if (PATH_OR_URL.test(secret)) return 'path or url';
  }
  return undefined;
}
