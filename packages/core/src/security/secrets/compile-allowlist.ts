import { compileRegex } from './compile-user-rules';

/** What the policy exempts from the secret scan (`security.allowlist`). */
export interface SecretAllowlist {
  /** Globs (`**`, `*`, `?`; a glob without `/` matches the file name anywhere) or regexes written `/…/`. */
  readonly paths?: readonly string[];
  /** Regexes; a secret any of them matches is allowed. */
  readonly regexes?: readonly string[];
  /** A secret containing any of these (case-insensitive) is allowed. */
  readonly stopwords?: readonly string[];
}

/** The allowlist as predicates. */
export interface CompiledAllowlist {
  allowsPath(path: string): boolean;
  allowsSecret(secret: string): boolean;
}

function globToRegex(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (ch === '*') source += '[^/]*';
    else if (ch === '?') source += '[^/]';
    else source += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(glob.includes('/') ? `^${source}$` : `(?:^|/)${source}$`);
}

/** Compiles the allowlist once per scan; a bad regex is a configuration error naming `security.allowlist.<field>[i]`. */
export function compileAllowlist(allowlist: SecretAllowlist | undefined): CompiledAllowlist {
  const paths = (allowlist?.paths ?? []).map((entry, i) =>
    entry.length > 2 && entry.startsWith('/') && entry.endsWith('/')
      ? compileRegex(entry.slice(1, -1), `security.allowlist.paths[${i}]`)
      : globToRegex(entry.replace(/^\.\//, '')),
  );
  const regexes = (allowlist?.regexes ?? []).map((entry, i) => compileRegex(entry, `security.allowlist.regexes[${i}]`));
  const stopwords = (allowlist?.stopwords ?? []).map((word) => word.toLowerCase()).filter((word) => word.length > 0);
  const test = (re: RegExp, value: string): boolean => {
    re.lastIndex = 0;
    return re.test(value);
  };
  return {
    allowsPath: (path) => paths.some((re) => test(re, path.replace(/\\/g, '/').replace(/^\.\//, ''))),
    allowsSecret: (secret) => regexes.some((re) => test(re, secret)) || stopwords.some((word) => secret.toLowerCase().includes(word)),
  };
}
