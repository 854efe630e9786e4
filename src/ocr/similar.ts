import { dHash, greyThumbnail, hamming, sha256, type GreyImage } from './hash.ts';

/**
 * When may the OCR of one screenshot stand for another? When they are byte-identical, or when
 * they differ only where no new text can be: inside the status bar (clock, signal, battery) or in
 * one narrow vertical stroke (a blinking text cursor). A perceptual hash alone cannot tell: two
 * screens of the same layout whose only difference is a name or a digit hash alike (bench: 0–6
 * bits of 512), so candidates found by dHash are confirmed on a thumbnail diff.
 */
export interface Fingerprint {
  sha: string;
  dhash: Uint8Array;
  /** Grey, 1/4 scale. */
  thumb: GreyImage;
}

export interface SimilarityOptions {
  /** dHash bits that may differ for a candidate (cursor ≤ 5, clock ≤ 2 on the bench screens). */
  maxHamming: number;
  /** Share of the screen height at the top treated as status bar. */
  statusBar: number;
  /** Widest and tallest change outside the status bar still taken for a cursor (share of width/height; it must also be 3× taller than wide). */
  cursorWidth: number;
  cursorHeight: number;
  /** Grey-level difference below which a thumbnail pixel counts as unchanged. */
  pixelDelta: number;
}

export const SIMILARITY_DEFAULTS: SimilarityOptions = { maxHamming: 10, statusBar: 0.04, cursorWidth: 0.012, cursorHeight: 0.05, pixelDelta: 24 };

const THUMB_FACTOR = 4;

export async function fingerprint(png: Buffer): Promise<Fingerprint> {
  const thumb = await greyThumbnail(png, THUMB_FACTOR);
  return { sha: sha256(png), dhash: await dHash(thumb), thumb };
}

/** Whether OCR of `b` may be reused for `a` (see the module comment). */
export function sameText(a: Fingerprint, b: Fingerprint, opts: SimilarityOptions = SIMILARITY_DEFAULTS): boolean {
  if (a.sha === b.sha) return true;
  if (hamming(a.dhash, b.dhash) > opts.maxHamming) return false;
  const change = changedBox(a.thumb, b.thumb, Math.ceil(a.thumb.height * opts.statusBar), opts.pixelDelta);
  if (change === null) return false;
  if (change === undefined) return true;
  const w = change.x2 - change.x1;
  const h = change.y2 - change.y1;
  // A cursor is a thin upright stroke; a changed digit or word is wider than that, or squat.
  return w <= Math.max(1, a.thumb.width * opts.cursorWidth) && h <= a.thumb.height * opts.cursorHeight && h >= 3 * w;
}

/**
 * Bounding box of the pixels that differ by more than `delta`, ignoring rows above `skipRows`;
 * undefined when none differ, null when the images cannot be compared (different sizes).
 */
export function changedBox(a: GreyImage, b: GreyImage, skipRows: number, delta: number): { x1: number; y1: number; x2: number; y2: number } | undefined | null {
  if (a.width !== b.width || a.height !== b.height) return null;
  let x1 = a.width, y1 = a.height, x2 = -1, y2 = -1;
  for (let y = skipRows; y < a.height; y++) {
    const row = y * a.width;
    for (let x = 0; x < a.width; x++) {
      if (Math.abs(a.data[row + x] - b.data[row + x]) > delta) {
        if (x < x1) x1 = x;
        if (x > x2) x2 = x;
        if (y < y1) y1 = y;
        if (y > y2) y2 = y;
      }
    }
  }
  return x2 < 0 ? undefined : { x1, y1, x2: x2 + 1, y2: y2 + 1 };
}
