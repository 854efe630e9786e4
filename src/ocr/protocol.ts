import type { ErrorCode } from '../errors.ts';
import type { OcrBox } from '../observation.ts';

/** Messages between the OCR worker pool (main thread) and its worker threads. */
export type ToWorker =
  /** `png` is transferred, not copied. */
  | { type: 'job'; id: number; png: Uint8Array }
  /** Free the engine and exit. */
  | { type: 'close' };

export type FromWorker =
  | { type: 'result'; id: number; boxes: OcrBox[]; ms: number }
  | { type: 'error'; id: number; code?: ErrorCode; message: string; ms: number }
  | { type: 'closed' };
