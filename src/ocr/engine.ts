import { BadInputError } from '../errors.ts';
import type { OcrBox } from '../observation.ts';
import type { PaddleOptions } from './paddle.ts';
import type { TesseractOptions } from './tesseract.ts';

/** `off` disables OCR: screens then carry accessibility text only. */
export type OcrEngineKind = 'paddle' | 'tesseract' | 'off';
export const OCR_ENGINE_KINDS: readonly OcrEngineKind[] = ['paddle', 'tesseract', 'off'];

/**
 * One OCR engine: reads the text boxes of a screenshot. Engines load their models on the first
 * `recognize()` (creating one is cheap) and are reused across screens; `close()` frees them.
 */
export interface OcrEngine {
  readonly name: string;
  /** Text boxes in screenshot pixels, in reading order (top to bottom, then left to right). */
  recognize(png: Buffer): Promise<OcrBox[]>;
  close(): Promise<void>;
}

export interface EngineOptions {
  paddle?: PaddleOptions;
  tesseract?: TesseractOptions;
}

export function parseEngineKind(s: string): OcrEngineKind {
  if ((OCR_ENGINE_KINDS as readonly string[]).includes(s)) return s as OcrEngineKind;
  throw new BadInputError('BAD_ARGUMENT', `unknown OCR engine "${s}" (expected ${OCR_ENGINE_KINDS.join('|')})`);
}

/** Creates an engine without loading anything yet; undefined for `off`. */
export async function createEngine(kind: OcrEngineKind, options: EngineOptions = {}): Promise<OcrEngine | undefined> {
  switch (kind) {
    case 'off':
      return undefined;
    case 'paddle': {
      const { PaddleEngine } = await import('./paddle.ts');
      return new PaddleEngine(options.paddle);
    }
    case 'tesseract': {
      const { TesseractEngine } = await import('./tesseract.ts');
      return new TesseractEngine(options.tesseract);
    }
  }
}

/** Boxes sorted into reading order: rows by vertical centre (half a line height apart), then x. */
export function readingOrder(boxes: OcrBox[]): OcrBox[] {
  const sorted = [...boxes].sort((a, b) => a.bounds.y1 - b.bounds.y1 || a.bounds.x1 - b.bounds.x1);
  const rows: OcrBox[][] = [];
  for (const box of sorted) {
    const mid = (box.bounds.y1 + box.bounds.y2) / 2;
    const row = rows.find((r) => {
      const ref = r[0].bounds;
      return Math.abs((ref.y1 + ref.y2) / 2 - mid) < Math.min(ref.y2 - ref.y1, box.bounds.y2 - box.bounds.y1) / 2;
    });
    if (row) row.push(box);
    else rows.push([box]);
  }
  return rows.flatMap((r) => r.sort((a, b) => a.bounds.x1 - b.bounds.x1));
}

/** `{ a: 1, b: undefined }` → `{ a: 1 }`, so explicit undefined options keep their defaults. */
export function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
