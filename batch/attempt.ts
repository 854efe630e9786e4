import type { Logger } from 'pino';
import type { CrawlResult } from '../crawlers/types.ts';
import { isGovappError, isInputErrorCode } from '../src/errors.ts';
import type { BatchApp } from './apps-file.ts';
import { formatMs } from './duration.ts';
import type { Lease } from './pool.ts';

/** One attempt at crawling one app on one leased device. */
export interface AttemptJob {
  app: BatchApp;
  /** 1-based, counted across resumed runs (it numbers the attempt directory). */
  attempt: number;
  /** The attempt's own bundle directory; moved to `<out>/apps/<id>` when the app is finished. */
  outDir: string;
  timeoutMs: number;
  logger: Logger;
}

/**
 * Runs one crawl. The real one calls `crawl()` with the lease's Appium URL and DeviceOptions; tests
 * pass fakes. It resolves with stopReason "error" for a crawl that broke off, and throws when the
 * crawl could not start (or for bad input). It should stop soon after `signal` aborts.
 */
export type RunOne = (job: AttemptJob, lease: Lease, signal: AbortSignal) => Promise<CrawlResult>;

export interface ErrorInfo {
  code: string;
  message: string;
}

export type AttemptOutcome =
  | { kind: 'ok'; result: CrawlResult }
  /** `deviceFault`: counts against the device (quarantine); `retryable`: worth another device. */
  | { kind: 'failed'; error: ErrorInfo; retryable: boolean; deviceFault: boolean; result?: CrawlResult; stuck?: Promise<unknown> }
  /** The batch is stopping (Ctrl-C): not the app's fault, not the device's; redone on resume. */
  | { kind: 'interrupted'; stuck?: Promise<unknown> };

export interface AttemptControl {
  /** The whole batch is stopping. */
  stop?: AbortSignal;
  /** After an abort (timeout or stop), how long to wait for the crawl to wind down. */
  graceMs: number;
}

/**
 * Runs `runOne` under the attempt's timeout and the batch's stop signal. A crawl that does not
 * return within `graceMs` of its abort is given up on: the outcome carries `stuck`, which settles
 * when the crawl finally does (the device stays leased until then).
 */
export async function runAttempt(runOne: RunOne, job: AttemptJob, lease: Lease, ctl: AttemptControl): Promise<AttemptOutcome> {
  const ctrl = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    ctrl.abort(new Error(`timed out after ${formatMs(job.timeoutMs)}`));
  }, job.timeoutMs);
  timer.unref?.();
  const onStop = () => ctrl.abort(new Error('batch stopping'));
  if (ctl.stop?.aborted) onStop();
  else ctl.stop?.addEventListener('abort', onStop, { once: true });

  type Settled = { kind: 'result'; result: CrawlResult } | { kind: 'threw'; error: unknown };
  const running: Promise<Settled> = (async () => runOne(job, lease, ctrl.signal))().then(
    (result) => ({ kind: 'result', result }),
    (error) => ({ kind: 'threw', error }),
  );
  let graceTimer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<'stuck'>((resolve) => {
    const arm = () => {
      graceTimer = setTimeout(() => resolve('stuck'), ctl.graceMs);
      graceTimer.unref?.();
    };
    if (ctrl.signal.aborted) arm();
    else ctrl.signal.addEventListener('abort', arm, { once: true });
  });
  try {
    const settled = await Promise.race([running, gaveUp]);
    const stopping = Boolean(ctl.stop?.aborted) && !timedOut;
    if (settled === 'stuck') {
      job.logger.warn({ graceMs: ctl.graceMs }, 'crawl did not stop after abort; giving up on it');
      if (stopping) return { kind: 'interrupted', stuck: running };
      return { kind: 'failed', error: { code: 'ABORTED', message: `timed out after ${formatMs(job.timeoutMs)} and did not stop` }, retryable: true, deviceFault: true, stuck: running };
    }
    if (settled.kind === 'result') {
      const r = settled.result;
      if (r.stopReason !== 'error' && r.stopReason !== 'interrupted') return { kind: 'ok', result: r };
      if (stopping) return { kind: 'interrupted' };
      const error = timedOut
        ? { code: 'ABORTED', message: `timed out after ${formatMs(job.timeoutMs)}` }
        : { code: r.error?.code ?? 'INTERNAL', message: r.error?.message ?? 'the crawl broke off' };
      return { kind: 'failed', error, ...blame(error.code), result: r };
    }
    if (stopping) return { kind: 'interrupted' };
    const e = settled.error;
    const error = isGovappError(e)
      ? { code: e.code, message: e.message }
      : { code: timedOut ? 'ABORTED' : 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
    if (timedOut && error.code !== 'ABORTED') error.message = `timed out after ${formatMs(job.timeoutMs)}: ${error.message}`;
    return { kind: 'failed', error, ...blame(error.code) };
  } finally {
    clearTimeout(timer);
    if (graceTimer) clearTimeout(graceTimer);
    ctl.stop?.removeEventListener('abort', onStop);
  }
}

/**
 * Who is to blame for a failure: an error caused by the app's own input (a hostile page source, a
 * broken app-graph) fails that app once; it is not worth another device and never counts against this one.
 */
function blame(code: string): { retryable: boolean; deviceFault: boolean } {
  const input = isInputErrorCode(code);
  return { retryable: !input, deviceFault: !input };
}

/** The crawl's default time budget (`govapp crawl --max-minutes`). */
export const CRAWL_DEFAULT_MAX_MINUTES = 30;

/**
 * Hard limit of one attempt when none is given: the time budget plus half again and 5 minutes for
 * start-up and the analysis after it (50 min for the default 30-min budget). It only catches
 * crawls that hang; the budget is what normally ends a crawl.
 */
export function defaultTimeoutMs(maxMinutes = CRAWL_DEFAULT_MAX_MINUTES): number {
  return Math.round((maxMinutes * 1.5 + 5) * 60_000);
}
