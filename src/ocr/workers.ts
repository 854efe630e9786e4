import { Worker } from 'node:worker_threads';
import { GovappError } from '../errors.ts';
import type { OcrBox } from '../observation.ts';
import type { EngineOptions, OcrEngineKind } from './engine.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

/**
 * OCR engines in worker threads, so the crawler keeps acting while a screen is read. Workers start
 * on demand (the first job of each loads its models) and are reused. Jobs wait in FIFO order for
 * a free worker; this queue is unbounded, callers bound it (OcrService). A job that fails, hangs
 * past `jobTimeoutMs` or takes its worker down fails alone: the worker is replaced if needed.
 */
export interface WorkerPoolOptions {
  engine: Exclude<OcrEngineKind, 'off'>;
  engineOptions?: EngineOptions;
  workers: number;
  jobTimeoutMs: number;
  /** Worker entry (tests); default worker-boot.mjs. */
  workerUrl?: URL;
}

interface Job {
  id: number;
  png: Uint8Array;
  resolve(v: { boxes: OcrBox[]; ms: number }): void;
  reject(e: GovappError): void;
}

interface Slot {
  worker: Worker;
  job?: Job;
  timer?: NodeJS.Timeout;
  /** Called when the running job ends (close() waits on it). */
  onIdle?: () => void;
}

const CLOSE_GRACE_MS = 5_000;

export class WorkerPool {
  readonly #opts: WorkerPoolOptions;
  readonly #queue: Job[] = [];
  readonly #slots = new Set<Slot>();
  #nextId = 1;
  #closed = false;

  constructor(options: WorkerPoolOptions) {
    this.#opts = { ...options, workers: Math.max(1, Math.floor(options.workers)) };
  }

  /** Jobs waiting for a worker. */
  get queued(): number {
    return this.#queue.length;
  }

  /** Jobs a worker is on. */
  get running(): number {
    return [...this.#slots].filter((s) => s.job).length;
  }

  /** OCR of one PNG; rejects with an OCR_FAILED GovappError. */
  run(png: Uint8Array): Promise<{ boxes: OcrBox[]; ms: number }> {
    if (this.#closed) return Promise.reject(new GovappError('OCR_FAILED', 'OCR pool is closed'));
    return new Promise((resolve, reject) => {
      // A copy we own, so its buffer can be transferred to the worker.
      this.#queue.push({ id: this.#nextId++, png: new Uint8Array(png), resolve, reject });
      this.#dispatch();
    });
  }

  /** Fails queued jobs, lets running ones finish (up to their timeout), then stops the workers. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const job of this.#queue.splice(0)) job.reject(new GovappError('OCR_FAILED', 'OCR pool closed before the job ran'));
    await Promise.all([...this.#slots].map((slot) => this.#stop(slot)));
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      let slot = [...this.#slots].find((s) => !s.job);
      if (!slot) {
        if (this.#slots.size >= this.#opts.workers) return;
        slot = this.#spawn();
      }
      const job = this.#queue.shift()!;
      slot.job = job;
      slot.worker.ref();
      slot.timer = setTimeout(() => this.#fail(slot, `OCR took longer than ${this.#opts.jobTimeoutMs} ms`), this.#opts.jobTimeoutMs);
      const msg: ToWorker = { type: 'job', id: job.id, png: job.png };
      slot.worker.postMessage(msg, [job.png.buffer as ArrayBuffer]);
    }
  }

  #spawn(): Slot {
    const worker = new Worker(this.#opts.workerUrl ?? new URL('./worker-boot.mjs', import.meta.url), {
      workerData: { kind: this.#opts.engine, options: this.#opts.engineOptions ?? {} },
      execArgv: [],
    });
    const slot: Slot = { worker };
    this.#slots.add(slot);
    worker.on('message', (msg: FromWorker) => {
      if (msg.type === 'closed' || !slot.job || slot.job.id !== msg.id) return;
      const job = this.#release(slot)!;
      if (msg.type === 'result') job.resolve({ boxes: msg.boxes, ms: msg.ms });
      else job.reject(new GovappError(msg.code ?? 'OCR_FAILED', msg.message));
      this.#dispatch();
    });
    worker.on('error', (e) => this.#fail(slot, `OCR worker crashed: ${e.message}`, e));
    worker.on('exit', (code) => this.#fail(slot, `OCR worker exited (code ${code})`));
    return slot;
  }

  /** The slot's job ends badly and the worker goes (it may be stuck or broken); the pool goes on. */
  #fail(slot: Slot, message: string, cause?: unknown): void {
    if (!this.#slots.delete(slot)) return;
    const job = this.#release(slot);
    void slot.worker.terminate();
    job?.reject(new GovappError('OCR_FAILED', message, { cause }));
    if (!this.#closed) this.#dispatch();
  }

  #release(slot: Slot): Job | undefined {
    const job = slot.job;
    clearTimeout(slot.timer);
    slot.job = undefined;
    slot.timer = undefined;
    slot.worker.unref();
    slot.onIdle?.();
    return job;
  }

  async #stop(slot: Slot): Promise<void> {
    const { worker } = slot;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    // Let the running job finish; its own timeout bounds the wait.
    if (slot.job) await new Promise<void>((resolve) => (slot.onIdle = resolve));
    if (!this.#slots.has(slot)) return;
    worker.ref();
    worker.postMessage({ type: 'close' } satisfies ToWorker);
    const grace = setTimeout(() => void worker.terminate(), CLOSE_GRACE_MS);
    await exited;
    clearTimeout(grace);
    this.#slots.delete(slot);
  }
}
