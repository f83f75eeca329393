import { crc32, deflateRawSync } from 'node:zlib';

/** A file to put in a test zip. */
export interface ZipFile {
  name: string;
  content: string | Buffer;
  method?: 'store' | 'deflate';
  /** Sets the "encrypted" flag (the bytes stay plain: enough to test that such an entry is refused). */
  encrypted?: boolean;
  /** Writes a wrong CRC-32, as in a damaged archive. */
  badCrc?: boolean;
}

/**
 * A zip archive as PKWARE's APPNOTE describes it (local headers, central directory, end record), for tests of the
 * reader. `zip64` lays it out as a zip64 archive does: offsets and counts in the zip64 extra fields and end record,
 * 0xFFFFFFFF and 0xFFFF in the classic fields.
 */
export function writeZip(files: readonly ZipFile[], options: { zip64?: boolean } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const data = Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content, 'utf8');
    const method = file.method === 'store' ? 0 : 8;
    const stored = method === 0 ? data : deflateRawSync(data);
    const name = Buffer.from(file.name, 'utf8');
    const crc = file.badCrc ? (crc32(data) ^ 1) >>> 0 : crc32(data);
    const flags = 0x800 | (file.encrypted ? 0x1 : 0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, stored);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(stored.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(options.zip64 ? 0xffffffff : offset, 42);
    const extra = Buffer.alloc(options.zip64 ? 12 : 0);
    if (options.zip64) {
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(8, 2);
      extra.writeBigUInt64LE(BigInt(offset), 4);
      central.writeUInt16LE(extra.length, 30);
    }
    centrals.push(central, name, extra);
    offset += 30 + name.length + stored.length;
  }
  const directory = Buffer.concat(centrals);
  const tail: Buffer[] = [];
  if (options.zip64) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeUInt16LE(45, 12);
    record.writeUInt16LE(45, 14);
    record.writeBigUInt64LE(BigInt(files.length), 24);
    record.writeBigUInt64LE(BigInt(files.length), 32);
    record.writeBigUInt64LE(BigInt(directory.length), 40);
    record.writeBigUInt64LE(BigInt(offset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset + directory.length), 8);
    locator.writeUInt32LE(1, 16);
    tail.push(record, locator);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(options.zip64 ? 0xffff : files.length, 8);
  end.writeUInt16LE(options.zip64 ? 0xffff : files.length, 10);
  end.writeUInt32LE(options.zip64 ? 0xffffffff : directory.length, 12);
  end.writeUInt32LE(options.zip64 ? 0xffffffff : offset, 16);
  return Buffer.concat([...locals, directory, ...tail, end]);
}
