import { createHash } from 'node:crypto';
import sharp from 'sharp';

/**
 * Screenshot fingerprints for the OCR cache: an exact one (SHA-256 of the PNG bytes), a small grey
 * thumbnail, and a perceptual hash (dHash) of it that changes little when little changes on screen
 * (a blinking cursor, the status-bar clock).
 */

/** Hex SHA-256 of the bytes. */
export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** One byte per pixel, row-major. */
export interface GreyImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/** The image in grey, scaled down by `factor` (area-averaged, so thin strokes still show). */
export async function greyThumbnail(image: Buffer, factor = 4): Promise<GreyImage> {
  const meta = await sharp(image).metadata();
  const width = Math.max(1, Math.round((meta.width ?? factor) / factor));
  const height = Math.max(1, Math.round((meta.height ?? factor) / factor));
  const data = await sharp(image).flatten({ background: '#ffffff' }).greyscale().resize(width, height, { fit: 'fill', kernel: 'linear' }).raw().toBuffer();
  return { data, width, height };
}

export interface DHashOptions {
  /** Columns of brightness gradients per row. */
  cols?: number;
  rows?: number;
}

/** 16 × 32 cells: a 1080×2340 screen is compared in ~68×73 px cells (512 bits). */
export const DHASH_DEFAULTS = { cols: 16, rows: 32 } as const;

/**
 * Difference hash: the image scaled to (cols+1) × rows grey pixels; bit = left pixel brighter than
 * its right neighbour. Packed 8 bits per byte, row-major. Takes PNG bytes or a grey image.
 */
export async function dHash(image: Buffer | GreyImage, options: DHashOptions = {}): Promise<Uint8Array> {
  const { cols, rows } = { ...DHASH_DEFAULTS, ...options };
  const input = Buffer.isBuffer(image)
    ? sharp(image).flatten({ background: '#ffffff' }).greyscale()
    : sharp(image.data, { raw: { width: image.width, height: image.height, channels: 1 } });
  const px = await input.resize(cols + 1, rows, { fit: 'fill', kernel: 'linear' }).extractChannel(0).raw().toBuffer();
  return dHashFromGrey(px, cols, rows);
}

/** The dHash bits of a (cols+1) × rows grey image (one byte per pixel). Pure. */
export function dHashFromGrey(px: Uint8Array, cols: number, rows: number): Uint8Array {
  const bits = new Uint8Array(Math.ceil((cols * rows) / 8));
  let i = 0;
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < cols; x++, i++) {
      const p = y * (cols + 1) + x;
      if (px[p] > px[p + 1]) bits[i >> 3] |= 1 << (i & 7);
    }
  }
  return bits;
}

const POPCOUNT = Uint8Array.from({ length: 256 }, (_, b) => {
  let n = 0;
  for (let v = b; v; v >>= 1) n += v & 1;
  return n;
});

/** Number of differing bits; hashes of different lengths never match (Infinity). */
export function hamming(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) return Infinity;
  let n = 0;
  for (let i = 0; i < a.length; i++) n += POPCOUNT[a[i] ^ b[i]];
  return n;
}
