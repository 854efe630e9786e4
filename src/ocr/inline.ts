import { GovappError, isGovappError } from '../errors.ts';
import type { OcrBox } from '../observation.ts';
import type { OcrEngine } from './engine-api.ts';
import { createEngine, type EngineOptions, type OcrEngineKind } from './engine.ts';

/**
 * The OcrService back end for `workers: 0`: the engine runs on the calling thread, one job at a
 * time. For tests, debugging and offline analysis where nothing else competes for the thread.
 */
export class InlineRunner {
  readonly #engine: Promise<OcrEngine | undefined>;
  #tail: Promise<unknown> = Promise.resolve();
  #queued = 0;
  #running = 0;

  constructor(kind: Exclude<OcrEngineKind, 'off'>, options: EngineOptions = {}) {
    this.#engine = createEngine(kind, options);
  }

  get queued(): number {
    return this.#queued;
  }

  get running(): number {
    return this.#running;
  }

  run(png: Uint8Array): Promise<{ boxes: OcrBox[]; ms: number }> {
    this.#queued++;
    const job = this.#tail.then(async () => {
      this.#queued--;
      this.#running++;
      const t0 = performance.now();
      try {
        const boxes = await (await this.#engine)!.recognize(Buffer.from(png));
        return { boxes, ms: performance.now() - t0 };
      } catch (e) {
        throw isGovappError(e) ? e : new GovappError('OCR_FAILED', e instanceof Error ? e.message : String(e), { cause: e });
      } finally {
        this.#running--;
      }
    });
    this.#tail = job.catch(() => undefined);
    return job;
  }

  async close(): Promise<void> {
    await this.#tail;
    await (await this.#engine)?.close();
  }
}
