import { crc32 } from './crc32';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const CHECKSUM_LENGTH = 6;

/** The 6-character base62 (0-9A-Za-z) CRC-32 of `payload`, left-padded with '0', as GitHub and npm append to their tokens. */
export function base62Crc32(payload: string): string {
  let value = crc32(payload);
  let digits = '';
  do {
    digits = BASE62[value % 62]! + digits;
    value = Math.floor(value / 62);
  } while (value > 0);
  return digits.padStart(CHECKSUM_LENGTH, '0');
}

/** Whether a `<prefix><payload><checksum>` token's last 6 characters are the base62 CRC-32 of the payload after `prefixLength` characters. */
export function hasValidTokenChecksum(token: string, prefixLength: number): boolean {
  if (token.length <= prefixLength + CHECKSUM_LENGTH) return false;
  const payload = token.slice(prefixLength, -CHECKSUM_LENGTH);
  return base62Crc32(payload) === token.slice(-CHECKSUM_LENGTH);
}
