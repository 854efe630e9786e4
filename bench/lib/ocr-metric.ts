import type { Rect } from '../../src/geometry.ts';
import { intersection } from '../../src/geometry.ts';
import type { OcrBox } from '../../src/observation.ts';
import { readingOrder } from '../../src/ocr/engine-api.ts';
import { chars, normalizeText, substringDistance } from '../../src/ocr/text.ts';

/**
 * Character accuracy of OCR against known text, as reported by `npm run bench:ocr`.
 *
 * For each known text T (an element's text, or a rendered string) with bounds B:
 *   - the OCR boxes whose bounds touch B (grown by half its height) are put in reading order
 *     and concatenated into R;
 *   - T and R are normalised (NFKC, CJK punctuation folded, whitespace removed);
 *   - errors(T) = edit distance between T and the best-matching substring of R.
 * accuracy = 1 − Σ errors / Σ |T| over all texts of all screens (characters are code points).
 *
 * So every character of the known text must be recovered, in order, near where it is drawn; text
 * OCR reads that is not in the truth (logos, status bars, drawn-only labels) costs nothing, and
 * whether OCR splits or joins lines does not matter.
 */
export interface Score {
  chars: number;
  errors: number;
  /** The worst texts of the screen, for the bench's details. */
  misses: { truth: string; read: string; errors: number }[];
}

export function scoreScreen(truth: { text: string; bounds: Rect }[], boxes: OcrBox[]): Score {
  const ordered = readingOrder(boxes);
  let total = 0;
  let errors = 0;
  const misses: Score['misses'] = [];
  for (const t of truth) {
    const want = normalizeText(t.text);
    if (!want) continue;
    const grow = Math.ceil((t.bounds.y2 - t.bounds.y1) / 2);
    const zone = { x1: t.bounds.x1 - grow, y1: t.bounds.y1 - grow, x2: t.bounds.x2 + grow, y2: t.bounds.y2 + grow };
    const read = ordered
      .filter((b) => intersection(b.bounds, zone))
      .map((b) => normalizeText(b.text))
      .join('');
    const e = substringDistance(want, read);
    total += chars(want).length;
    errors += e;
    if (e > 0) misses.push({ truth: t.text, read: read.slice(0, 60), errors: e });
  }
  return { chars: total, errors, misses };
}

export function accuracy(scores: Pick<Score, 'chars' | 'errors'>[]): number {
  const chars = scores.reduce((n, s) => n + s.chars, 0);
  const errors = scores.reduce((n, s) => n + s.errors, 0);
  return chars === 0 ? 0 : 1 - errors / chars;
}
