/** Why a file's bytes are not scannable text. */
export type UndecodableReason = 'binary' | 'invalid-utf8';

const SNIFF_BYTES = 8192;
const decoder = new TextDecoder('utf-8', { fatal: true });

/** A file's bytes as text, or why they are not text: a NUL byte in the first 8 KiB means binary; UTF-8 must be valid. */
export function decodeSourceText(buffer: Uint8Array): { text: string } | { reason: UndecodableReason; detail: string } {
  if (buffer.subarray(0, SNIFF_BYTES).includes(0)) return { reason: 'binary', detail: 'a NUL byte in its first 8 KiB' };
  try {
    return { text: decoder.decode(buffer) };
  } catch {
    return { reason: 'invalid-utf8', detail: 'not valid UTF-8' };
  }
}
