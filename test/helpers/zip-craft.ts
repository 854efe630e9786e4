import { crc32, deflateRawSync } from 'node:zlib';

/** One entry of a hand-made zip; sizes and CRC may lie on purpose. */
export interface CraftEntry {
  name: string;
  /** The entry's bytes as stored (already deflated when `method` is 8). */
  stored: Buffer;
  method?: 0 | 8;
  /** Declared inflated size (default: the real one, for stored entries). */
  size?: number;
  crc?: number;
}

/** A deflated entry of `data`, declared honestly. */
export function deflated(name: string, data: Buffer | string): CraftEntry {
  const b = Buffer.from(data);
  return { name, stored: deflateRawSync(b), method: 8, size: b.length, crc: crc32(b) };
}

/**
 * Writes a zip by hand (local headers, central directory, end record), so tests can make what a
 * zip library refuses to: two entries of one name, sizes that lie, bombs.
 */
export function craftZip(entries: CraftEntry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const method = e.method ?? 0;
    const size = e.size ?? e.stored.length;
    const crc = e.crc ?? crc32(e.stored);
    // Local and central headers share these fields, from "version needed" on (offset 4 and 6).
    const fields = (buf: Buffer, at: number) => {
      buf.writeUInt16LE(20, at);
      buf.writeUInt16LE(0x0800, at + 2); // UTF-8 names
      buf.writeUInt16LE(method, at + 4);
      buf.writeUInt32LE(crc, at + 10);
      buf.writeUInt32LE(e.stored.length, at + 14);
      buf.writeUInt32LE(size, at + 18);
      buf.writeUInt16LE(name.length, at + 22);
      return buf;
    };
    const local = fields(Buffer.alloc(30), 4);
    local.writeUInt32LE(0x04034b50, 0);
    const cen = fields(Buffer.alloc(46), 6);
    cen.writeUInt32LE(0x02014b50, 0);
    cen.writeUInt16LE(20, 4);
    cen.writeUInt32LE(offset, 42);
    parts.push(local, name, e.stored);
    central.push(cen, name);
    offset += 30 + name.length + e.stored.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cd, end]);
}
