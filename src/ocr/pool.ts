import os from 'node:os';
import { GovappError, isGovappError } from '../errors.ts';
import type { OcrBox } from '../observation.ts';
import { OcrCache, type CacheMatch } from './cache.ts';
import type { EngineOptions, OcrEngineKind } from './engine.ts';
import { InlineRunner } from './inline.ts';
import { WorkerPool } from './workers.ts';
import { fingerprint, type Fingerprint, type SimilarityOptions } from './similar.ts';

/**
 * The crawler's OCR: every new screen is read once, in worker threads, while the crawl goes on.
 *
 *   const ocr = new OcrService({ engine: 'paddle' });
 *   const job = await ocr.submit(png);      // waits only while the queue is full
 *   ... act on the device ...
 *   const r = await job.result;             // never rejects
 *   screen.ocr = r.status === 'ok' ? r.boxes : undefined;
 *   await ocr.close();
 *
 * Screens already read (same bytes, or differing only in the status bar or a blinking cursor)
 * are answered from the cache at once. Engines load on the first screen that needs them.
 */
export interface OcrServiceOptions {
  engine: OcrEngineKind;
  /** Worker threads; 0 runs the engine on the calling thread. Default: half the cores, at least 1. */
  workers?: number;
  /** Screens that may wait for a worker before submit() waits too. Default 8. */
  maxQueue?: number;
  /** Screens remembered. Default 256 (~160 kB each, mostly the comparison thumbnail). */
  cacheSize?: number;
  similarity?: Partial<SimilarityOptions>;
  /** Engine options; paddle's ONNX threads default to cores / workers. */
  engineOptions?: EngineOptions;
  /** A screen taking longer fails (and its worker is replaced). Default 60 s. */
  jobTimeoutMs?: number;
  /** Worker entry speaking protocol.ts; tests substitute a fake engine. Default worker-boot.mjs. */
  workerUrl?: URL;
}

export type OcrResult =
  | { status: 'ok'; boxes: OcrBox[]; cache: 'miss' | CacheMatch; ms: number }
  | { status: 'error'; error: GovappError; ms: number }
  | { status: 'off' };

export interface OcrJob {
  /** Settles when the screen is read; never rejects. */
  result: Promise<OcrResult>;
}

export interface OcrStats {
  exactHits: number;
  perceptualHits: number;
  misses: number;
  errors: number;
  /** Engine time spent on misses, ms. */
  msTotal: number;
  queued: number;
  running: number;
}

interface Runner {
  readonly queued: number;
  readonly running: number;
  run(png: Uint8Array): Promise<{ boxes: OcrBox[]; ms: number }>;
  close(): Promise<void>;
}

export class OcrService {
  readonly engine: OcrEngineKind;
  readonly #runner: Runner | undefined;
  readonly #cache: OcrCache<Promise<OcrBox[]>>;
  readonly #capacity: number;
  readonly #waiters: (() => void)[] = [];
  readonly #stats = { exactHits: 0, perceptualHits: 0, misses: 0, errors: 0, msTotal: 0 };
  #outstanding = 0;
  #closed = false;

  constructor(options: OcrServiceOptions) {
    this.engine = options.engine;
    const cores = os.availableParallelism();
    const workers = Math.max(0, Math.floor(options.workers ?? Math.max(1, Math.floor(cores / 2))));
    this.#capacity = Math.max(1, workers) + Math.max(0, options.maxQueue ?? 8);
    this.#cache = new OcrCache({ maxEntries: options.cacheSize, similarity: options.similarity });
    if (options.engine === 'off') return;
    const engineOptions: EngineOptions = {
      ...options.engineOptions,
      paddle: { threads: Math.max(1, Math.floor(cores / Math.max(1, workers))), ...options.engineOptions?.paddle },
    };
    this.#runner =
      workers === 0
        ? new InlineRunner(options.engine, engineOptions)
        : new WorkerPool({ engine: options.engine, engineOptions, workers, jobTimeoutMs: options.jobTimeoutMs ?? 60_000, workerUrl: options.workerUrl });
  }

  get enabled(): boolean {
    return this.#runner !== undefined;
  }

  /** Starts reading `png` (PNG bytes); resolves once the job is accepted, which waits while the queue is full. */
  async submit(png: Buffer): Promise<OcrJob> {
    const t0 = performance.now();
    const runner = this.#runner;
    if (!runner) return { result: Promise.resolve({ status: 'off' }) };
    const fail = (e: unknown): OcrResult => {
      this.#stats.errors++;
      const error = isGovappError(e) ? e : new GovappError('OCR_FAILED', e instanceof Error ? e.message : String(e), { cause: e });
      return { status: 'error', error, ms: performance.now() - t0 };
    };
    if (this.#closed) return { result: Promise.resolve(fail(new GovappError('OCR_FAILED', 'OCR service is closed'))) };
    let fp: Fingerprint;
    try {
      fp = await fingerprint(png);
    } catch (e) {
      return { result: Promise.resolve(fail(new GovappError('OCR_FAILED', `not a readable image: ${(e as Error).message}`, { cause: e }))) };
    }
    const hit = this.#hit(fp, t0, fail);
    if (hit) return hit;
    while (this.#outstanding >= this.#capacity && !this.#closed) await new Promise<void>((r) => this.#waiters.push(r));
    if (this.#closed) return { result: Promise.resolve(fail(new GovappError('OCR_FAILED', 'OCR service is closed'))) };
    // The same screen may have been started while this one waited.
    const late = this.#hit(fp, t0, fail);
    if (late) {
      this.#wakeNext();
      return late;
    }

    this.#stats.misses++;
    this.#outstanding++;
    const boxes = runner.run(png).then(
      (r) => {
        this.#stats.msTotal += r.ms;
        return r.boxes;
      },
      (e: unknown) => {
        this.#cache.delete(fp, boxes);
        throw e;
      },
    );
    this.#cache.set(fp, boxes);
    const result = boxes.then(
      (b): OcrResult => ({ status: 'ok', boxes: copy(b), cache: 'miss', ms: performance.now() - t0 }),
      fail,
    );
    void result.finally(() => {
      this.#outstanding--;
      this.#wakeNext();
    });
    return { result };
  }

  /** Reads `png` and waits for the boxes; [] when OCR is off; throws OCR_FAILED when reading failed. */
  async recognize(png: Buffer): Promise<OcrBox[]> {
    const r = await (await this.submit(png)).result;
    if (r.status === 'error') throw r.error;
    return r.status === 'ok' ? r.boxes : [];
  }

  stats(): OcrStats {
    return { ...this.#stats, queued: this.#runner?.queued ?? 0, running: this.#runner?.running ?? 0 };
  }

  /** Fails what still waits, lets running screens finish, stops the workers. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const wake of this.#waiters.splice(0)) wake();
    await this.#runner?.close();
    this.#cache.clear();
  }

  #wakeNext(): void {
    if (this.#outstanding < this.#capacity) this.#waiters.shift()?.();
  }

  #hit(fp: Fingerprint, t0: number, fail: (e: unknown) => OcrResult): OcrJob | undefined {
    const hit = this.#cache.get(fp);
    if (!hit) return undefined;
    this.#stats[hit.match === 'exact' ? 'exactHits' : 'perceptualHits']++;
    const result = hit.value.then(
      (boxes): OcrResult => ({ status: 'ok', boxes: copy(boxes), cache: hit.match, ms: performance.now() - t0 }),
      fail,
    );
    return { result };
  }
}

/** Callers get their own boxes: the cached ones serve later screens. */
function copy(boxes: OcrBox[]): OcrBox[] {
  return boxes.map((b) => ({ ...b, bounds: { ...b.bounds } }));
}
