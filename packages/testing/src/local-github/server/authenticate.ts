/** Who is calling: a token, or why GitHub answers 401. */
export type Authentication = { ok: true; token: string } | { ok: false; message: string };

/**
 * Reads `Authorization: token X` / `Bearer X`. Decides by: a header is present (else
 * "Requires authentication" — the local repositories behave as private ones); it has a token;
 * when an allow-list is configured, the token is on it (else "Bad credentials").
 */
export function authenticate(header: string | undefined, allowed: readonly string[] | undefined): Authentication {
  if (header === undefined || header.trim() === '') return { ok: false, message: 'Requires authentication' };
  const match = /^(?:token|bearer)\s+(\S+)$/i.exec(header.trim());
  const token = match?.[1];
  if (token === undefined) return { ok: false, message: 'Bad credentials' };
  if (allowed !== undefined && !allowed.includes(token)) return { ok: false, message: 'Bad credentials' };
  return { ok: true, token };
}
