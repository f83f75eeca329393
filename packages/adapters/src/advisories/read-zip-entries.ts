import { crc32, inflateRawSync } from 'node:zlib';

/** One file of a zip archive: its bytes, or why they could not be read. */
export type ZipEntry = { name: string; data: Buffer } | { name: string; problem: string };

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * The files of a zip archive (the central directory read from the end, zip64 included, each entry stored or deflated
 * and its CRC-32 checked), one at a time so that a large database is never inflated whole. An archive this reader
 * cannot read at all (not a zip, split over disks, damaged) throws an Error saying why; an entry it cannot read
 * (encrypted, another compression method, damaged) is yielded with a problem. Directory entries and files `accept`
 * refuses are skipped unread.
 */
export function* readZipEntries(zip: Buffer, accept: (name: string) => boolean = () => true): Generator<ZipEntry> {
  const end = findEndOfCentralDirectory(zip);
  if (zip.readUInt16LE(end + 4) !== 0 || zip.readUInt16LE(end + 6) !== 0) throw new Error('it is split over several files (multi-disk zip), which is not supported');
  const { entryCount, directoryOffset, directorySize } = readDirectoryLocation(zip, end);
  if (directoryOffset + directorySize > zip.length) throw new Error('its central directory lies outside the file (truncated or damaged)');
  let at = directoryOffset;
  for (let index = 0; index < entryCount; index++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL) throw new Error(`central directory entry ${index + 1} of ${entryCount} is damaged`);
    const flags = zip.readUInt16LE(at + 8);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    // Bit 11: the name is UTF-8; otherwise CP437, whose ASCII range is all OSV file names use.
    const name = zip.toString(flags & 0x800 ? 'utf8' : 'latin1', at + 46, at + 46 + nameLength);
    const sizes = readSizes(zip, at, zip.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength));
    const record = { name, flags, method: zip.readUInt16LE(at + 10), expectedCrc: zip.readUInt32LE(at + 16), ...sizes };
    at += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/') || !accept(name)) continue;
    yield readEntry(zip, record);
  }
}

/** Where the central directory is: from the classic end record, or from the zip64 one when the archive has one (over 65,535 files or 4 GiB, which a whole-ecosystem export can reach). */
function readDirectoryLocation(zip: Buffer, end: number): { entryCount: number; directoryOffset: number; directorySize: number } {
  const locator = end - 20;
  if (locator >= 0 && zip.readUInt32LE(locator) === ZIP64_LOCATOR) {
    const record = safeNumber(zip.readBigUInt64LE(locator + 8));
    if (record + 56 > zip.length || zip.readUInt32LE(record) !== ZIP64_END) throw new Error('its zip64 end record is missing (damaged archive)');
    return { entryCount: safeNumber(zip.readBigUInt64LE(record + 32)), directorySize: safeNumber(zip.readBigUInt64LE(record + 40)), directoryOffset: safeNumber(zip.readBigUInt64LE(record + 48)) };
  }
  return { entryCount: zip.readUInt16LE(end + 10), directorySize: zip.readUInt32LE(end + 12), directoryOffset: zip.readUInt32LE(end + 16) };
}

/** An entry's sizes and offset; those too large for 32 bits are 0xFFFFFFFF, with the real values in the zip64 extra field (id 1), in this order. */
function readSizes(zip: Buffer, at: number, extra: Buffer): { size: number; compressedSize: number; localOffset: number } {
  const values = { size: zip.readUInt32LE(at + 24), compressedSize: zip.readUInt32LE(at + 20), localOffset: zip.readUInt32LE(at + 42) };
  const wide = (['size', 'compressedSize', 'localOffset'] as const).filter((key) => values[key] === 0xffffffff);
  for (let offset = 0; wide.length > 0 && offset + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(offset);
    const length = extra.readUInt16LE(offset + 2);
    if (id === 0x0001) {
      wide.forEach((key, index) => {
        if (offset + 4 + 8 * (index + 1) <= extra.length) values[key] = safeNumber(extra.readBigUInt64LE(offset + 4 + 8 * index));
      });
      break;
    }
    offset += 4 + length;
  }
  return values;
}

function safeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error('it declares sizes beyond what can be read');
  return Number(value);
}

interface CentralRecord {
  name: string;
  flags: number;
  method: number;
  expectedCrc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

function readEntry(zip: Buffer, entry: CentralRecord): ZipEntry {
  const { name } = entry;
  if (entry.flags & 0x1) return { name, problem: 'it is encrypted' };
  if (entry.method !== 0 && entry.method !== 8) return { name, problem: `it uses compression method ${entry.method}; only stored (0) and deflate (8) are supported` };
  if (entry.localOffset + 30 > zip.length || zip.readUInt32LE(entry.localOffset) !== LOCAL) return { name, problem: 'its local header is missing (damaged archive)' };
  const dataStart = entry.localOffset + 30 + zip.readUInt16LE(entry.localOffset + 26) + zip.readUInt16LE(entry.localOffset + 28);
  if (dataStart + entry.compressedSize > zip.length) return { name, problem: 'its data runs past the end of the archive (truncated)' };
  const raw = zip.subarray(dataStart, dataStart + entry.compressedSize);
  let data: Buffer;
  try {
    data = entry.method === 0 ? Buffer.from(raw) : inflateRawSync(raw);
  } catch (error) {
    return { name, problem: `it cannot be inflated (${(error as Error).message})` };
  }
  if (data.length !== entry.size || crc32(data) !== entry.expectedCrc) return { name, problem: 'its size or CRC-32 does not match the directory (damaged archive)' };
  return { name, data };
}

/** The end-of-central-directory record sits in the last 22 bytes plus a comment of up to 65,535 bytes. */
function findEndOfCentralDirectory(zip: Buffer): number {
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === EOCD && at + 22 + zip.readUInt16LE(at + 20) === zip.length) return at;
  }
  throw new Error('it is not a zip archive (no end-of-central-directory record)');
}
