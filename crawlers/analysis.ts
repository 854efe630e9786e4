import type { Logger } from 'pino';
import type { BundleWriter } from '../src/bundle/writer.ts';
import type { ClauseResult } from '../src/findings/schema.ts';
import type { CrawlObservation, ObservedScreen, OcrBox } from '../src/observation.ts';
import { OcrService } from '../src/ocr/pool.ts';
import { mergeTexts } from '../src/ocr/merge.ts';
import { runDetectors, type DetectorOptions } from '../detectors/run.ts';
import type { OcrMode } from './types.ts';

/**
 * Turns screens into evidence while the crawl goes on: OCR in worker threads (never blocking the
 * next action), accessibility + OCR texts merged per screen, and the detectors run on demand.
 */
export interface Analysis {
  readonly ocrMode: OcrMode;
  /**
   * Queues OCR for a new screen (waiting only while the OCR queue is full); its texts are
   * a11y-only until OCR finishes.
   */
  screenAdded(screen: ObservedScreen, png: Buffer): Promise<void>;
  /** Waits for every queued OCR job. */
  drain(): Promise<void>;
  /**
   * The OCR boxes of a recorded screen: at once when read (or OCR is off: undefined), or, with
   * `wait`, once its job settles (undefined when it failed).
   */
  ocrOf(state: string, opts?: { wait?: boolean }): Promise<OcrBox[] | undefined>;
  detect(obs: CrawlObservation): ClauseResult[];
  stats(): Record<string, unknown>;
  /** OCR jobs queued or running. */
  pendingOcr(): number;
  close(): Promise<void>;
}

export async function createAnalysis(opts: { ocr: OcrMode; log: Logger; writer: BundleWriter; detectors?: DetectorOptions }): Promise<Analysis> {
  const ocr = opts.ocr === 'off' ? undefined : new OcrService({ engine: opts.ocr });
  const pending = new Set<Promise<void>>();
  const jobs = new Map<string, { screen: ObservedScreen; done: Promise<void> }>();
  return {
    ocrMode: opts.ocr,
    async screenAdded(screen, png) {
      screen.texts = mergeTexts(screen.snapshot, undefined);
      if (!ocr) return;
      const { result } = await ocr.submit(png);
      const job = result.then((r) => {
        pending.delete(job);
        if (r.status === 'ok') {
          screen.ocr = r.boxes;
          screen.texts = mergeTexts(screen.snapshot, r.boxes);
          opts.writer.setOcr(screen.state, r.boxes);
        } else if (r.status === 'error') {
          opts.log.warn({ state: screen.state, code: r.error.code, err: r.error.message }, 'OCR failed; a11y texts only');
        }
      });
      pending.add(job);
      jobs.set(screen.state, { screen, done: job });
    },
    async ocrOf(state, o = {}) {
      const j = jobs.get(state);
      if (!j) return undefined;
      if (o.wait) await j.done;
      return j.screen.ocr;
    },
    async drain() {
      while (pending.size) await Promise.all([...pending]);
    },
    detect: (obs) => runDetectors(obs, opts.detectors),
    stats: () => (ocr ? { ...ocr.stats() } : { engine: 'off' }),
    pendingOcr: () => pending.size,
    close: async () => {
      await ocr?.close();
    },
  };
}
