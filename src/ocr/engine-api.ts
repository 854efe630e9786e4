import type { OcrBox } from '../observation.ts';

/**
 * What every OCR engine implements and the helpers the engines share. The factory (`engine.ts`)
 * loads engines on demand; engines import only this module, so nothing imports back into the factory.
 */

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
