import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CrawlResult } from '../../crawlers/types.ts';
import type { AttemptJob, RunOne } from '../../batch/attempt.ts';
import type { BatchApp } from '../../batch/apps-file.ts';
import type { DeviceSlot, Lease } from '../../batch/pool.ts';
import { DeviceError, GovappError, type ErrorCode } from '../../src/errors.ts';
import { buildFindings } from '../../src/findings/build.ts';
import { CLAUSES, type StopReason } from '../../src/findings/schema.ts';

export const fakeApp = (id: string, extra: Partial<BatchApp['options']> = {}): BatchApp => ({
  id,
  target: { kind: 'package', package: `cn.gov.${id.replace(/[^a-z]/g, '')}` },
  package: `cn.gov.${id.replace(/[^a-z]/g, '')}`,
  options: extra,
});

export const fakeSlots = (...ids: string[]): DeviceSlot[] => ids.map((id) => ({ id, appiumUrl: `http://127.0.0.1:1/${id}`, device: { udid: id } }));

export type Behaviour =
  | { kind: 'ok'; states?: number }
  | { kind: 'broke-off'; code?: ErrorCode; states?: number }
  | { kind: 'throw'; code: ErrorCode }
  | { kind: 'throw-plain' }
  /** Ignores the abort signal for this long, then returns explored. */
  | { kind: 'hang'; ms: number };

export interface FakeCall {
  app: string;
  device: string;
  attempt: number;
  outDir: string;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    });
  });

/**
 * A RunOne whose outcome per call is decided by `decide` (default: ok). It writes findings.json
 * into the attempt directory like a crawl would, and honours the abort signal (returning a
 * broken-off result), except for `hang`.
 */
export function fakeRunOne(opts: { ms?: number; decide?: (job: AttemptJob, lease: Lease, n: number) => Behaviour } = {}): RunOne & { calls: FakeCall[] } {
  const calls: FakeCall[] = [];
  const fn = async (job: AttemptJob, lease: Lease, signal: AbortSignal): Promise<CrawlResult> => {
    calls.push({ app: job.app.id, device: lease.slot.id, attempt: job.attempt, outDir: job.outDir });
    const b = opts.decide?.(job, lease, calls.length) ?? { kind: 'ok' };
    if (b.kind === 'throw') throw (b.code.startsWith('BAD_') ? new GovappError(b.code, `bad ${job.app.id}`) : new DeviceError(b.code, `${b.code} on ${lease.slot.id}`));
    if (b.kind === 'throw-plain') throw new Error('socket hang up');
    if (b.kind === 'hang') {
      await new Promise((r) => setTimeout(r, b.ms));
      return result(job, 'explored', 3);
    }
    await sleep(opts.ms ?? 5, signal);
    if (signal.aborted) return result(job, 'error', 1, new GovappError('ABORTED', 'aborted'));
    if (b.kind === 'broke-off') return result(job, 'error', b.states ?? 2, new DeviceError(b.code ?? 'DEVICE_OFFLINE', `device gone on ${lease.slot.id}`));
    return result(job, 'explored', b.states ?? 5);
  };
  return Object.assign(fn, { calls });
}

function result(job: AttemptJob, stopReason: StopReason, states: number, error?: GovappError): CrawlResult {
  const findings = buildFindings(
    { package: job.app.package ?? job.app.id },
    { startedAt: new Date(), finishedAt: new Date(), states, actions: states * 2, stopReason },
    CLAUSES.map((clause) => ({ clause, verdict: clause === '4.3' ? 'fail' : 'pass', summary: 'fake', evidence: [] })),
  );
  mkdirSync(job.outDir, { recursive: true });
  writeFileSync(path.join(job.outDir, 'findings.json'), JSON.stringify(findings));
  writeFileSync(path.join(job.outDir, 'attempt.txt'), `${job.attempt}`);
  return { outDir: job.outDir, findings, stopReason, states, actions: states * 2, ...(error ? { error } : {}) };
}
