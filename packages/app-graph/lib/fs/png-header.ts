import { closeSync, constants, openSync, readSync } from 'node:fs';

/** The PNG file signature: \x89 P N G \r \n \x1a \n. */
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** A screenshot larger than this on either side is not a phone screen. */
export const MAX_PNG_SIDE = 16_384;

/**
 * Checks that bytes start like a PNG: the signature, then an IHDR chunk of 13 bytes with a width and
 * height of 1–{@link MAX_PNG_SIDE}. Returns the size, or a reason why not. Pure.
 */
export function pngHeader(b: Uint8Array): { width: number; height: number } | { error: string } {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  if (buf.length < 33 || !buf.subarray(0, 8).equals(SIGNATURE)) return { error: 'not a PNG (bad signature)' };
  if (buf.readUInt32BE(8) !== 13 || buf.toString('latin1', 12, 16) !== 'IHDR') return { error: 'not a PNG (no IHDR chunk first)' };
  const width = buf.readUInt32BE(16);
  const height = buf.readUInt32BE(20);
  if (width < 1 || height < 1 || width > MAX_PNG_SIDE || height > MAX_PNG_SIDE) return { error: `PNG of ${width}×${height} pixels is not a screenshot` };
  return { width, height };
}

/** The first 33 bytes of a file (opened without following a link or blocking on a FIFO) checked by {@link pngHeader}. */
export function readPngHeader(file: string): ReturnType<typeof pngHeader> {
  const fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    const buf = Buffer.alloc(33);
    const n = readSync(fd, buf, 0, 33, 0);
    return pngHeader(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
}
