/**
 * PP-OCR text detection (DB) pre- and post-processing. Pure functions over typed arrays.
 *
 * The detection model outputs, per pixel of its input, the probability of being inside a shrunk
 * text region. Connected regions above `binThresh` become boxes; boxes whose mean probability is
 * below `boxThresh` are dropped; survivors are grown back by the DB "unclip" distance
 * (area × ratio / perimeter). UI text is axis-aligned, so boxes are rectangles (no min-area-rect).
 */

/** Detection input size: the screenshot scaled so its longer side is at most `maxSide`, rounded to multiples of 32. */
export function detSize(width: number, height: number, maxSide: number): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  const round32 = (n: number) => Math.max(32, Math.round((n * scale) / 32) * 32);
  return { width: round32(width), height: round32(height) };
}

/** ImageNet mean/std, applied in B, G, R order as PaddleOCR does on OpenCV's BGR images. */
const MEAN = [0.485, 0.456, 0.406];
const STD = [0.229, 0.224, 0.225];

/** Packed RGB bytes (HWC) → normalised float tensor data, layout CHW, channels B, G, R. */
export function detTensorData(rgb: Uint8Array, width: number, height: number): Float32Array {
  const n = width * height;
  const out = new Float32Array(3 * n);
  for (let i = 0, p = 0; i < n; i++, p += 3) {
    out[i] = (rgb[p + 2] / 255 - MEAN[0]) / STD[0];
    out[n + i] = (rgb[p + 1] / 255 - MEAN[1]) / STD[1];
    out[2 * n + i] = (rgb[p] / 255 - MEAN[2]) / STD[2];
  }
  return out;
}

export interface DbOptions {
  /** Pixel probability above which a pixel is text (PaddleOCR `det_db_thresh`, 0.3). */
  binThresh: number;
  /** Mean probability a box needs to be kept (PaddleOCR `det_db_box_thresh`, 0.6). */
  boxThresh: number;
  /** How far shrunk regions are grown back (PaddleOCR `det_db_unclip_ratio`, 1.5). */
  unclipRatio: number;
}

export const DB_DEFAULTS: DbOptions = { binThresh: 0.3, boxThresh: 0.6, unclipRatio: 1.5 };

/** A box in detection-input pixels (floats; x2/y2 exclusive). */
export interface DetBox {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  score: number;
}

/** Probability map (`width` × `height`, row-major) → text boxes in the map's coordinates. */
export function boxesFromProbMap(prob: Float32Array, width: number, height: number, opts: DbOptions = DB_DEFAULTS): DetBox[] {
  const n = width * height;
  const label = new Int32Array(n); // 0 = unvisited; -1 = background or visited
  for (let i = 0; i < n; i++) if (prob[i] <= opts.binThresh) label[i] = -1;
  const stack = new Int32Array(n);
  const boxes: DetBox[] = [];
  for (let start = 0; start < n; start++) {
    if (label[start] !== 0) continue;
    // Flood fill one 8-connected component, tracking its bounding box.
    let top = 0;
    stack[top++] = start;
    label[start] = -1;
    let x1 = width, y1 = height, x2 = -1, y2 = -1;
    while (top > 0) {
      const p = stack[--top];
      const x = p % width;
      const y = (p - x) / width;
      if (x < x1) x1 = x;
      if (x > x2) x2 = x;
      if (y < y1) y1 = y;
      if (y > y2) y2 = y;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= width) continue;
          const q = yy * width + xx;
          if (label[q] === 0) {
            label[q] = -1;
            stack[top++] = q;
          }
        }
      }
    }
    const w = x2 - x1 + 1;
    const h = y2 - y1 + 1;
    if (Math.min(w, h) < 3) continue;
    const score = meanIn(prob, width, x1, y1, x2, y2);
    if (score < opts.boxThresh) continue;
    const d = (w * h * opts.unclipRatio) / (2 * (w + h));
    if (Math.min(w, h) + 2 * d < 5) continue;
    boxes.push({
      x1: Math.max(0, x1 - d),
      y1: Math.max(0, y1 - d),
      x2: Math.min(width, x2 + 1 + d),
      y2: Math.min(height, y2 + 1 + d),
      score,
    });
  }
  return boxes;
}

function meanIn(prob: Float32Array, width: number, x1: number, y1: number, x2: number, y2: number): number {
  let sum = 0;
  for (let y = y1; y <= y2; y++) for (let x = x1; x <= x2; x++) sum += prob[y * width + x];
  return sum / ((x2 - x1 + 1) * (y2 - y1 + 1));
}
