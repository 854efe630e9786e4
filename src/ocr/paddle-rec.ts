/**
 * PP-OCR text recognition (SVTR + CTC) pre- and post-processing. Pure functions over typed arrays.
 */

/** Recognition input height of PP-OCRv3/v4 models. */
export const REC_HEIGHT = 48;

/** Width a line image of `width` × `height` gets when scaled to the recognition height, keeping its aspect. */
export function recWidth(width: number, height: number, maxWidth: number): number {
  return Math.max(8, Math.min(maxWidth, Math.ceil((REC_HEIGHT * width) / Math.max(1, height))));
}

/**
 * Line images, each packed RGB `widths[i]` × 48, → one batch tensor `[n, 3, 48, batchWidth]`,
 * channels B, G, R normalised to -1..1 as PaddleOCR does, padded on the right with 0.
 */
export function recTensorData(lines: Uint8Array[], widths: number[], batchWidth: number): Float32Array {
  const plane = REC_HEIGHT * batchWidth;
  const out = new Float32Array(lines.length * 3 * plane);
  lines.forEach((rgb, k) => {
    const w = widths[k];
    const base = k * 3 * plane;
    for (let y = 0; y < REC_HEIGHT; y++) {
      for (let x = 0; x < w; x++) {
        const p = (y * w + x) * 3;
        const o = base + y * batchWidth + x;
        out[o] = rgb[p + 2] / 127.5 - 1;
        out[o + plane] = rgb[p + 1] / 127.5 - 1;
        out[o + 2 * plane] = rgb[p] / 127.5 - 1;
      }
    }
  });
  return out;
}

/**
 * Reads the character dictionary of a PP-OCR model: one character per line; class 0 is the CTC
 * blank and the class after the last line is a space (`use_space_char`).
 */
export function parseDictionary(text: string): string[] {
  const lines = text.replace(/\r/g, '').split('\n');
  if (lines.at(-1) === '') lines.pop();
  return ['', ...lines, ' '];
}

export interface Decoded {
  text: string;
  /** Mean probability of the characters kept (0 when none). */
  confidence: number;
}

/**
 * Greedy CTC decoding of softmax output `[n, steps, classes]`: per step the most likely class;
 * blanks dropped, repeats collapsed.
 */
export function ctcDecode(probs: Float32Array, n: number, steps: number, classes: number, dict: string[]): Decoded[] {
  const out: Decoded[] = [];
  for (let k = 0; k < n; k++) {
    let text = '';
    let sum = 0;
    let kept = 0;
    let prev = -1;
    for (let t = 0; t < steps; t++) {
      const base = (k * steps + t) * classes;
      let best = 0;
      let bestP = probs[base];
      for (let c = 1; c < classes; c++) {
        const p = probs[base + c];
        if (p > bestP) {
          bestP = p;
          best = c;
        }
      }
      if (best !== 0 && best !== prev) {
        text += dict[best] ?? '';
        sum += bestP;
        kept++;
      }
      prev = best;
    }
    out.push({ text: text.trim(), confidence: kept ? sum / kept : 0 });
  }
  return out;
}
