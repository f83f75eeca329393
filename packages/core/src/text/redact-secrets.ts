/** Replaces every occurrence of a known secret value with `***`, as the runner masks logs (summaries and issues are not masked by the runner). */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= 4) result = result.split(secret).join('***');
  }
  return result;
}
