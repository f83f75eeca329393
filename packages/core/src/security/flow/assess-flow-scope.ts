/** Files over this size are not parsed for input flows: bundles and generated code, not request handlers. */
export const FLOW_MAX_BYTES = 512 * 1024;
/** A file whose lines average more than this is minified. */
const MINIFIED_LINE_CHARS = 1000;

/**
 * Whether a file is left out of the input-flow analysis. Decides by size (over 512 KiB) and by average line length
 * (minified code): request handlers are neither, and parsing a bundle costs seconds for nothing. Secrets and
 * patterns still scan such files.
 */
export function isOutsideFlowScope(text: string, bytes: number): boolean {
  if (bytes > FLOW_MAX_BYTES) return true;
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  return text.length / lines > MINIFIED_LINE_CHARS;
}
