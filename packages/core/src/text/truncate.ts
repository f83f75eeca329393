/** Shortens text to at most `max` characters, ending with an ellipsis when cut (GitHub rejects status descriptions over 140). */
export function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  return `${flat.slice(0, max - 1).trimEnd()}…`;
}

/** The longest description GitHub accepts on a deployment status. */
export const STATUS_DESCRIPTION_MAX = 140;

/** The first seven characters of a commit sha, as GitHub shows them. */
export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}
