import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { crc32, createInflateRaw } from 'node:zlib';
import { BadInputError } from '../errors.ts';

/**
 * Reading a zipped bundle without trusting it: the central directory (what `unzip -l` shows) is
 * the list of entries; names must be unique and safe, declared sizes are capped, and each entry is
 * inflated by streaming into a consumer that counts every byte, so a zip bomb is refused when it
 * passes its declared size or the caps, with memory bounded by one chunk.
 */
export const ZIP_LIMITS = {
  /** Largest inflated entry (a long log or a tall screenshot stays far below). */
  maxEntryBytes: 512 * 1024 * 1024,
  /** Largest inflated bundle. */
  maxTotalBytes: 2 * 1024 * 1024 * 1024,
  maxEntries: 100_000,
} as const;

export type ZipLimits = { [K in keyof typeof ZIP_LIMITS]: number };

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  crc32: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CEN = 0x02014b50;
const LOC = 0x04034b50;

function bad(zipFile: string, msg: string): BadInputError {
  return new BadInputError('BAD_BUNDLE', `${zipFile}: ${msg}`);
}

async function readAt(fh: FileHandle, pos: number, len: number): Promise<Buffer> {
  const buf = Buffer.alloc(len);
  const { bytesRead } = await fh.read(buf, 0, len, pos);
  return buf.subarray(0, bytesRead);
}

/** The central directory's entries, in order; refuses duplicates, ZIP64, encryption and unknown methods. */
export async function listZipEntries(zipFile: string, limits: ZipLimits = ZIP_LIMITS): Promise<ZipEntry[]> {
  let fh: FileHandle;
  try {
    fh = await open(zipFile, 'r');
  } catch (e) {
    throw bad(zipFile, `cannot open: ${(e as Error).message}`);
  }
  try {
    const { size: fileSize } = await fh.stat();
    const tailLen = Math.min(fileSize, 22 + 0xffff);
    const tail = await readAt(fh, fileSize - tailLen, tailLen);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) if (tail.readUInt32LE(i) === EOCD) { eocd = i; break; }
    if (eocd < 0) throw bad(zipFile, 'not a readable zip (no end-of-central-directory record)');
    const count = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (count === 0xffff || cdOffset === 0xffffffff) throw bad(zipFile, 'ZIP64 archives are not supported');
    if (count > limits.maxEntries) throw bad(zipFile, `${count} entries, more than ${limits.maxEntries}`);
    if (cdOffset + cdSize > fileSize) throw bad(zipFile, 'central directory lies outside the file');
    const cd = await readAt(fh, cdOffset, cdSize);
    const entries: ZipEntry[] = [];
    const seen = new Set<string>();
    let total = 0;
    for (let p = 0, i = 0; i < count; i++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== CEN) throw bad(zipFile, `central directory entry ${i} is corrupt`);
      const flags = cd.readUInt16LE(p + 8);
      const method = cd.readUInt16LE(p + 10);
      const crc32 = cd.readUInt32LE(p + 16);
      const compressedSize = cd.readUInt32LE(p + 20);
      const size = cd.readUInt32LE(p + 24);
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      const localOffset = cd.readUInt32LE(p + 42);
      const name = cd.subarray(p + 46, p + 46 + nameLen).toString('utf8');
      p += 46 + nameLen + extraLen + commentLen;
      if (flags & 1) throw bad(zipFile, `entry "${name}" is encrypted`);
      if (method !== 0 && method !== 8) throw bad(zipFile, `entry "${name}": compression method ${method} is not supported`);
      if (size === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) throw bad(zipFile, 'ZIP64 archives are not supported');
      if (seen.has(name)) throw bad(zipFile, `entry "${name}" appears twice (a zip must hold each file once)`);
      seen.add(name);
      if (size > limits.maxEntryBytes) throw bad(zipFile, `entry "${name}" inflates to ${size} bytes, more than the ${limits.maxEntryBytes} allowed`);
      total += size;
      if (total > limits.maxTotalBytes) throw bad(zipFile, `entries inflate to more than the ${limits.maxTotalBytes} bytes allowed`);
      entries.push({ name, method, compressedSize, size, crc32, localOffset });
    }
    return entries;
  } finally {
    await fh.close();
  }
}

/**
 * Streams one entry's inflated bytes to `onChunk`. Refuses the entry as soon as it inflates past its
 * declared size (a lying header) — the caps were already checked against that size.
 */
export async function streamZipEntry(zipFile: string, e: ZipEntry, onChunk: (b: Buffer) => void): Promise<void> {
  const fh = await open(zipFile, 'r');
  let dataStart: number;
  try {
    const loc = await readAt(fh, e.localOffset, 30);
    if (loc.length < 30 || loc.readUInt32LE(0) !== LOC) throw bad(zipFile, `entry "${e.name}": local header missing`);
    dataStart = e.localOffset + 30 + loc.readUInt16LE(26) + loc.readUInt16LE(28);
  } finally {
    await fh.close();
  }
  if (e.compressedSize === 0) {
    if (e.size !== 0) throw bad(zipFile, `entry "${e.name}": declared ${e.size} bytes but holds none`);
    return;
  }
  const raw = createReadStream(zipFile, { start: dataStart, end: dataStart + e.compressedSize - 1 });
  const source = e.method === 8 ? raw.pipe(createInflateRaw()) : raw;
  let got = 0;
  let crc = 0;
  await new Promise<void>((resolve, reject) => {
    const fail = (err: Error) => {
      raw.destroy();
      source.destroy();
      reject(err);
    };
    raw.on('error', fail);
    source.on('error', (err: Error) => fail(err instanceof BadInputError ? err : bad(zipFile, `entry "${e.name}": ${err.message}`)));
    source.on('data', (chunk: Buffer) => {
      got += chunk.length;
      if (got > e.size) return fail(bad(zipFile, `entry "${e.name}" inflates beyond its declared ${e.size} bytes (a zip bomb?); refused`));
      crc = crc32(chunk, crc);
      onChunk(chunk);
    });
    source.on('end', () => {
      if (got !== e.size) fail(bad(zipFile, `entry "${e.name}": ${got} bytes, declared ${e.size}`));
      else if (crc !== e.crc32) fail(bad(zipFile, `entry "${e.name}": CRC-32 mismatch (corrupt or altered)`));
      else resolve();
    });
  });
}
