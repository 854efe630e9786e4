import { existsSync } from 'node:fs';
import type { Logger } from 'pino';
import type { CrawlResult } from '../crawlers/types.ts';
import { silentLogger } from '../src/log.ts';
import type { BatchApp } from './apps-file.ts';
import { resultOf } from './app-result.ts';
import { defaultTimeoutMs, runAttempt, type ErrorInfo, type RunOne } from './attempt.ts';
import { attemptDir, promoteAttempt, readFindings, relTo, writeErrorBundle } from './bundle-dirs.ts';
import type { AppResult, Journal, JournalState } from './journal.ts';
import type { DevicePool, Lease } from './pool.ts';

export type BatchEvent =
  | { type: 'begin'; total: number; finished: number; pending: number; concurrency: number }
  | { type: 'attempt-start'; app: string; attempt: number; device: string }
  | { type: 'attempt-failed'; app: string; attempt: number; device: string; error: ErrorInfo; retry: boolean }
  | { type: 'app-done'; app: string; result: AppResult }
  | { type: 'quarantine'; device: string; reason: string };

export interface RunBatchOptions {
  apps: BatchApp[];
  outDir: string;
  pool: DevicePool;
  journal: Journal;
  /** The journal as replayed at open: finished apps are skipped, attempts keep counting. */
  state: JournalState;
  runOne: RunOne;
  /** Crawls at once (default: the pool's size). */
  concurrency?: number;
  /** Retries after a crawl that died, unless the app says otherwise (default 2). */
  retries?: number;
  /** Per-attempt wall-clock limit, unless the app says otherwise (default: {@link defaultTimeoutMs}). */
  timeoutMs?: number;
  /** How long an aborted crawl gets to return its partial result (default 30 s). */
  abortGraceMs?: number;
  /** Abort = stop leasing, abort running crawls, record them as interrupted (Ctrl-C). */
  signal?: AbortSignal;
  /** Checked before each lease is used (is its Appium server up?); false = a device failure, no attempt used. */
  preflight?: (lease: Lease) => Promise<boolean>;
  /** Crawl again the apps whose recorded result is an error. */
  redoErrors?: boolean;
  logger?: Logger;
  onEvent?: (e: BatchEvent) => void;
}

export { defaultTimeoutMs };

export interface BatchOutcome {
  total: number;
  ok: number;
  error: number;
  /** Not finished: interrupted, or no usable device was left. Redone by the next run. */
  pending: number;
  /** Finished in an earlier run (skipped now). */
  skipped: number;
  interrupted: boolean;
  /** Every device ended up quarantined. */
  noDevices: boolean;
}

interface Job {
  app: BatchApp;
  tried: Set<string>;
  failures: number;
  /** The attempt with the most states so far: its bundle is kept if every attempt fails. */
  best?: { dir: string; states: number; result?: CrawlResult; device: string; durationMs: number };
}

/**
 * Runs the apps of a batch over a device pool: one lease per crawl, retries on another device, a
 * per-attempt timeout, quarantine through the pool, and a journal line (fsync'd) at every step.
 * One app's failure never stops the batch; the batch stops early only on `signal` or when no device
 * is left, and then the unfinished apps stay unfinished for the next run.
 */
export async function runBatch(o: RunBatchOptions): Promise<BatchOutcome> {
  const log = o.logger ?? silentLogger;
  const emit = (e: BatchEvent) => {
    try {
      o.onEvent?.(e);
    } catch (err) {
      log.warn({ err }, 'batch event listener failed');
    }
  };
  const stopQuarantine = o.pool.onQuarantine((device, reason) => {
    o.journal.append({ type: 'quarantine', device, reason });
    log.warn({ device, reason }, 'device quarantined');
    emit({ type: 'quarantine', device, reason });
  });

  const skipped = o.apps.filter((a) => {
    const r = o.state.done.get(a.id);
    return r && !(o.redoErrors && r.status === 'error');
  });
  const queue: Job[] = o.apps
    .filter((a) => !skipped.includes(a))
    .map((app) => {
      if (o.state.done.has(app.id)) {
        o.journal.append({ type: 'redo', app: app.id });
        o.state.done.delete(app.id);
        o.state.failures.delete(app.id);
      }
      return { app, tried: new Set<string>(), failures: o.state.failures.get(app.id) ?? 0 };
    });
  const concurrency = Math.max(1, Math.min(o.concurrency ?? o.pool.size, queue.length || 1));
  emit({ type: 'begin', total: o.apps.length, finished: skipped.length, pending: queue.length, concurrency });
  let noDevices = false;
  const stuck: Promise<unknown>[] = [];

  const finish = (job: Job, result: AppResult) => {
    o.journal.append({ type: 'done', app: job.app.id, result });
    o.state.done.set(job.app.id, result);
    emit({ type: 'app-done', app: job.app.id, result });
  };

  const worker = async () => {
    while (!o.signal?.aborted) {
      const job = queue.shift();
      if (!job) return;
      const lease = await o.pool.acquire({ avoid: job.tried, signal: o.signal });
      if (!lease) {
        queue.unshift(job);
        if (!o.signal?.aborted) noDevices = true;
        return;
      }
      const device = lease.slot.id;
      if (o.preflight && !(await o.preflight(lease).catch(() => false))) {
        log.warn({ device }, 'device failed its preflight check');
        job.tried.add(device);
        o.pool.release(lease, { ok: false, reason: 'preflight: Appium server not answering' });
        queue.unshift(job);
        continue;
      }
      const attempt = (o.state.attempts.get(job.app.id) ?? 0) + 1;
      o.state.attempts.set(job.app.id, attempt);
      const dir = attemptDir(o.outDir, job.app.id, attempt);
      const jlog = log.child({ app: job.app.id, device, attempt });
      o.journal.append({ type: 'start', app: job.app.id, attempt, device, dir: relTo(o.outDir, dir) });
      emit({ type: 'attempt-start', app: job.app.id, attempt, device });
      jlog.info('crawl starting');
      const t0 = Date.now();
      const timeoutMs = job.app.options.timeoutMs ?? o.timeoutMs ?? defaultTimeoutMs(job.app.options.maxMinutes);
      const out = await runAttempt(o.runOne, { app: job.app, attempt, outDir: dir, timeoutMs, logger: jlog }, lease, {
        stop: o.signal,
        graceMs: o.abortGraceMs ?? 30_000,
      });
      const durationMs = Date.now() - t0;
      const release = (r: { ok: boolean; neutral?: boolean; reason?: string }) => {
        if (out.kind !== 'ok' && out.stuck) stuck.push(out.stuck.then(() => o.pool.release(lease, r)));
        else o.pool.release(lease, r);
      };

      if (out.kind === 'interrupted') {
        o.journal.append({ type: 'interrupted', app: job.app.id, attempt, device });
        jlog.info('crawl interrupted (batch stopping)');
        release({ ok: true, neutral: true });
        queue.unshift(job);
        return;
      }
      if (out.kind === 'ok') {
        release({ ok: true });
        jlog.info({ stopReason: out.result.stopReason, states: out.result.states, durationMs }, 'crawl finished');
        const bundle = promoteAttempt(o.outDir, job.app.id, dir);
        finish(job, resultOf(job.app, out.result, { bundle: relTo(o.outDir, bundle), device, attempt, durationMs }));
        continue;
      }
      // failed
      release(out.deviceFault ? { ok: false, reason: `${out.error.code}: ${out.error.message}` } : { ok: true, neutral: true });
      job.failures++;
      job.tried.add(device);
      const states = out.result?.states ?? readFindings(dir)?.run.states ?? -1;
      if (existsSync(dir) && (!job.best || states > job.best.states)) job.best = { dir, states, result: out.result, device, durationMs };
      const retries = job.app.options.retries ?? o.retries ?? 2;
      const retry = out.retryable && job.failures <= retries;
      o.journal.append({ type: 'fail', app: job.app.id, attempt, device, error: out.error, retry });
      emit({ type: 'attempt-failed', app: job.app.id, attempt, device, error: out.error, retry });
      jlog.warn({ code: out.error.code, err: out.error.message, retry }, 'crawl failed');
      if (retry) {
        queue.unshift(job);
        continue;
      }
      const keep = job.best ?? { dir, states: 0, result: out.result, device, durationMs };
      let findings = keep.result?.findings ?? readFindings(keep.dir);
      if (!findings) findings = writeErrorBundle(keep.dir, { package: job.app.package ?? job.app.id, label: job.app.label }, out.error, new Date(t0));
      const bundle = promoteAttempt(o.outDir, job.app.id, keep.dir);
      finish(job, {
        ...resultOf(job.app, keep.result ?? { findings, stopReason: 'error', states: findings.run.states, actions: findings.run.actions }, {
          bundle: relTo(o.outDir, bundle),
          device: keep.device,
          attempt,
          durationMs: keep.durationMs,
        }),
        status: 'error',
        partial: true,
        error: out.error,
      });
    }
  };

  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
    // Crawls given up on still hold their device; wait a little for them so their leases close.
    if (stuck.length) await Promise.race([Promise.allSettled(stuck), new Promise((r) => setTimeout(r, o.abortGraceMs ?? 30_000).unref())]);
  } finally {
    stopQuarantine();
  }
  const results = o.apps.map((a) => o.state.done.get(a.id));
  return {
    total: o.apps.length,
    ok: results.filter((r) => r?.status === 'ok').length,
    error: results.filter((r) => r?.status === 'error').length,
    pending: results.filter((r) => !r).length,
    skipped: skipped.length,
    interrupted: Boolean(o.signal?.aborted),
    noDevices,
  };
}
