import { BadInputError } from '../errors.ts';
import type { OcrEngine } from './engine-api.ts';
import type { PaddleOptions } from './paddle.ts';
import type { TesseractOptions } from './tesseract.ts';

/** `off` disables OCR: screens then carry accessibility text only. */
export type OcrEngineKind = 'paddle' | 'tesseract' | 'off';
export const OCR_ENGINE_KINDS: readonly OcrEngineKind[] = ['paddle', 'tesseract', 'off'];

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
