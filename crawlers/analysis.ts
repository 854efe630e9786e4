import type { Logger } from 'pino';
import type { BundleWriter } from '../src/bundle/writer.ts';
import type { ClauseResult } from '../src/findings/schema.ts';
import type { CrawlObservation, ObservedScreen } from '../src/observation.ts';
import { OcrService } from '../src/ocr/pool.ts';
import { mergeTexts } from '../src/ocr/merge.ts';
import { runDetectors } from '../detectors/run.ts';
import type { OcrMode } from './types.ts';

/**
 * Turns screens into evidence while the crawl goes on: OCR in worker threads (never blocking the
 * next action), accessibility + OCR texts merged per screen, and the detectors run on demand.
 */
export interface Analysis {
  readonly ocrMode: OcrMode;
  /** Queues OCR for a new screen; its texts are a11y-only until OCR finishes. */
  screenAdded(screen: ObservedScreen, png: Buffer): void;
  /** Waits for every queued OCR job. */
  drain(): Promise<void>;
  detect(obs: CrawlObservation): ClauseResult[];
  stats(): Record<string, unknown>;
  close(): Promise<void>;
}

export async function createAnalysis(opts: { ocr: OcrMode; log: Logger; writer: BundleWriter }): Promise<Analysis> {
  const ocr = opts.ocr === 'off' ? undefined : new OcrService({ engine: opts.ocr });
  const pending = new Set<Promise<void>>();
  return {
    ocrMode: opts.ocr,
    screenAdded(screen, png) {
      screen.texts = mergeTexts(screen.snapshot, undefined);
      if (!ocr) return;
      const job = ocr
        .recognize(png)
        .then((boxes) => {
          screen.ocr = boxes;
          screen.texts = mergeTexts(screen.snapshot, boxes);
          opts.writer.setOcr(screen.state, boxes);
        })
        .catch((e) => opts.log.warn({ state: screen.state, err: String((e as Error)?.message ?? e) }, 'OCR failed; a11y texts only'))
        .finally(() => pending.delete(job));
      pending.add(job);
    },
    async drain() {
      while (pending.size) await Promise.all([...pending]);
    },
    detect: (obs) => runDetectors(obs),
    stats: () => (ocr ? { ...ocr.stats() } : { engine: 'off' }),
    close: async () => {
      await ocr?.close();
    },
  };
}
