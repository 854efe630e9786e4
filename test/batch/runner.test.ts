import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { BatchApp } from '../../batch/apps-file.ts';
import type { RunOne } from '../../batch/attempt.ts';
import { Journal, type JournalRecord } from '../../batch/journal.ts';
import { DevicePool, type DeviceSlot } from '../../batch/pool.ts';
import { defaultTimeoutMs, runBatch, type BatchEvent, type RunBatchOptions } from '../../batch/runner.ts';
import { findingsSchema } from '../../src/findings/schema.ts';
import { fakeApp, fakeRunOne, fakeSlots } from './fakes.ts';

const tmpOut = () => mkdtempSync(path.join(os.tmpdir(), 'govapp-runner-'));

async function run(out: string, apps: BatchApp[], slots: DeviceSlot[], runOne: RunOne, extra: Partial<RunBatchOptions> & { quarantineAfter?: number } = {}) {
  const { journal, state } = Journal.open(path.join(out, 'journal.jsonl'));
  const pool = new DevicePool(slots, { quarantineAfter: extra.quarantineAfter ?? 3 });
  const events: BatchEvent[] = [];
  try {
    const outcome = await runBatch({ apps, outDir: out, pool, journal, state, runOne, onEvent: (e) => events.push(e), abortGraceMs: 200, ...extra });
    return { outcome, events, pool };
  } finally {
    journal.close();
  }
}

const journalOf = (out: string): JournalRecord[] =>
  readFileSync(path.join(out, 'journal.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));

/**
 * Runs `fn` on a fake clock (timers and Date), moving it on 5 ms at a time until `fn` settles, so
 * timeouts, hangs and graces fire in the order of their due times whatever the machine's load.
 */
async function onFakeClock<T>(fn: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  try {
    let settled = false;
    const p = fn().finally(() => (settled = true));
    while (!settled) await vi.advanceTimersByTimeAsync(5);
    return await p;
  } finally {
    vi.useRealTimers();
  }
}

/** The invariants every batch must keep: one bundle per finished app, one done line per app. */
function expectConsistent(out: string, apps: BatchApp[]) {
  const done = journalOf(out).filter((r) => r.type === 'done');
  const ids = done.map((r) => (r as { app: string }).app);
  expect(new Set(ids).size).toBe(ids.length);
  const bundles = existsSync(path.join(out, 'apps')) ? readdirSync(path.join(out, 'apps')).sort() : [];
  expect(bundles).toEqual([...ids].sort());
  for (const id of ids) {
    expect(apps.some((a) => a.id === id)).toBe(true);
    expect(findingsSchema.safeParse(JSON.parse(readFileSync(path.join(out, 'apps', id, 'findings.json'), 'utf8'))).success).toBe(true);
  }
  return done as Extract<JournalRecord, { type: 'done' }>[];
}

describe('runBatch', () => {
  it('crawls every app once over the pool, moving each bundle into apps/<id>', async () => {
    const out = tmpOut();
    const apps = ['a1', 'a2', 'a3', 'a4', 'a5'].map((id) => fakeApp(id));
    const runOne = fakeRunOne({ ms: 20 });
    const { outcome, events } = await run(out, apps, fakeSlots('d1', 'd2'), runOne, { concurrency: 2 });
    expect(outcome).toMatchObject({ total: 5, ok: 5, error: 0, pending: 0, skipped: 0, interrupted: false, noDevices: false });
    const done = expectConsistent(out, apps);
    expect(done).toHaveLength(5);
    expect(new Set(runOne.calls.map((c) => c.device))).toEqual(new Set(['d1', 'd2']));
    expect(done[0].result).toMatchObject({ status: 'ok', partial: false, bundle: `apps/${done[0].app}`, attempts: 1, verdicts: { '4.3': 'fail', '5': 'pass' } });
    expect(existsSync(path.join(out, 'work', 'a1', 'attempt-1'))).toBe(false);
    // No empty work/<id>/ folders (nor work/) are left when no attempt failed.
    expect(existsSync(path.join(out, 'work'))).toBe(false);
    expect(events[0]).toEqual({ type: 'begin', total: 5, finished: 0, pending: 5, concurrency: 2 });
  });

  it('retries a crawl that died on another device and keeps the failed attempt as evidence', async () => {
    const out = tmpOut();
    const apps = [fakeApp('x')];
    const runOne = fakeRunOne({ decide: (job) => (job.attempt === 1 ? { kind: 'broke-off', code: 'DEVICE_OFFLINE' } : { kind: 'ok' }) });
    const { outcome } = await run(out, apps, fakeSlots('d1', 'd2'), runOne);
    expect(outcome.ok).toBe(1);
    expect(runOne.calls.map((c) => c.device)).toHaveLength(2);
    expect(runOne.calls[0].device).not.toBe(runOne.calls[1].device);
    const j = journalOf(out);
    expect(j.find((r) => r.type === 'fail')).toMatchObject({ app: 'x', attempt: 1, retry: true, error: { code: 'DEVICE_OFFLINE' } });
    const [done] = expectConsistent(out, apps);
    expect(done.result).toMatchObject({ status: 'ok', attempts: 2, device: runOne.calls[1].device });
    expect(readFileSync(path.join(out, 'apps/x/attempt.txt'), 'utf8')).toBe('2');
    expect(existsSync(path.join(out, 'work/x/attempt-1/findings.json'))).toBe(true);
  });

  it('after the last retry records the app as error with its most complete partial bundle', async () => {
    const out = tmpOut();
    const apps = [fakeApp('x', { retries: 2 }), fakeApp('y')];
    const runOne = fakeRunOne({ decide: (job) => (job.app.id === 'x' ? { kind: 'broke-off', states: job.attempt === 2 ? 9 : 1 } : { kind: 'ok' }) });
    const { outcome } = await run(out, apps, fakeSlots('d1', 'd2', 'd3'), runOne, { quarantineAfter: 10 });
    expect(outcome).toMatchObject({ ok: 1, error: 1, pending: 0 });
    expect(runOne.calls.filter((c) => c.app === 'x')).toHaveLength(3);
    const done = expectConsistent(out, apps).find((d) => d.app === 'x')!;
    expect(done.result).toMatchObject({ status: 'error', partial: true, states: 9, attempts: 3, error: { code: 'DEVICE_OFFLINE' } });
    expect(readFileSync(path.join(out, 'apps/x/attempt.txt'), 'utf8')).toBe('2');
    expect(journalOf(out).filter((r) => r.type === 'fail').map((r) => (r as { retry: boolean }).retry)).toEqual([true, true, false]);
  });

  it('does not retry bad input, does not blame the device, and still leaves a bundle', async () => {
    const out = tmpOut();
    const apps = [fakeApp('bad'), fakeApp('good')];
    const runOne = fakeRunOne({ decide: (job) => (job.app.id === 'bad' ? { kind: 'throw', code: 'BAD_CONFIG' } : { kind: 'ok' }) });
    const { outcome, pool } = await run(out, apps, fakeSlots('d1'), runOne, { quarantineAfter: 1 });
    expect(outcome).toMatchObject({ ok: 1, error: 1 });
    expect(runOne.calls.filter((c) => c.app === 'bad')).toHaveLength(1);
    expect(pool.status()[0].state).toBe('free');
    const done = expectConsistent(out, apps).find((d) => d.app === 'bad')!;
    expect(done.result).toMatchObject({ status: 'error', partial: true, states: 0, error: { code: 'BAD_CONFIG' } });
    expect(Object.values(done.result.verdicts).every((v) => v === 'unknown')).toBe(true);
    expect(JSON.parse(readFileSync(path.join(out, 'apps/bad/batch-error.json'), 'utf8'))).toMatchObject({ code: 'BAD_CONFIG' });
  });

  it('quarantines a device whose every session fails; its apps finish on the others', async () => {
    const out = tmpOut();
    const apps = Array.from({ length: 8 }, (_, i) => fakeApp(`app${i}`));
    const runOne = fakeRunOne({ ms: 10, decide: (_job, lease) => (lease.slot.id === 'sick' ? { kind: 'throw', code: 'SESSION_FAILED' } : { kind: 'ok' }) });
    const { outcome, events } = await run(out, apps, fakeSlots('sick', 'd1', 'd2'), runOne, { quarantineAfter: 2, concurrency: 3 });
    expect(outcome).toMatchObject({ ok: 8, error: 0, pending: 0 });
    expect(runOne.calls.filter((c) => c.device === 'sick')).toHaveLength(2);
    expect(events.filter((e) => e.type === 'quarantine')).toEqual([{ type: 'quarantine', device: 'sick', reason: expect.stringContaining('SESSION_FAILED') }]);
    expect(journalOf(out).filter((r) => r.type === 'quarantine')).toHaveLength(1);
    expectConsistent(out, apps);
  });

  it('times out an attempt, gives up on a crawl that ignores the abort, and retries elsewhere', async () => {
    const out = tmpOut();
    const apps = [fakeApp('slow', { timeoutMs: 50 }), fakeApp('fast')];
    const fake = fakeRunOne({ decide: (job) => (job.app.id === 'slow' && job.attempt === 1 ? { kind: 'hang', ms: 300 } : { kind: 'ok' }) });
    let stuckReturned = false;
    const runOne: typeof fake = Object.assign(
      async (...a: Parameters<typeof fake>) => {
        const r = await fake(...a);
        if (a[0].app.id === 'slow' && a[0].attempt === 1) stuckReturned = true;
        return r;
      },
      { calls: fake.calls },
    );
    const t0 = Date.now();
    const { outcome, pool, clock } = await onFakeClock(async () => ({ ...(await run(out, apps, fakeSlots('d1', 'd2'), runOne, { abortGraceMs: 200 })), clock: Date.now() }));
    expect(outcome).toMatchObject({ ok: 2, error: 0 });
    expect(journalOf(out).find((r) => r.type === 'fail')).toMatchObject({ app: 'slow', error: { code: 'ABORTED', message: expect.stringMatching(/timed out after 50 ms and did not stop/) } });
    // the stuck crawl held its device until it returned; runBatch waited for it (bounded by the grace)
    expect(stuckReturned).toBe(true);
    expect(clock - t0).toBeGreaterThanOrEqual(300); // on the fake clock: the hang's 300 ms had passed
    expect(pool.status().every((s) => s.state !== 'busy')).toBe(true);
    expectConsistent(out, apps);
  });

  it('a crawl that honours the timeout abort is recorded as a timed-out failure', async () => {
    const out = tmpOut();
    const runOne = fakeRunOne({ ms: 1000 });
    const { outcome } = await run(out, [fakeApp('t', { timeoutMs: 30, retries: 0 })], fakeSlots('d1'), runOne);
    expect(outcome.error).toBe(1);
    expect(journalOf(out).find((r) => r.type === 'done')).toMatchObject({ result: { error: { code: 'ABORTED', message: 'timed out after 30 ms' } } });
  });

  it('on stop (Ctrl-C) records running crawls as interrupted; a resumed run redoes only those', async () => {
    const out = tmpOut();
    const apps = Array.from({ length: 6 }, (_, i) => fakeApp(`app${i}`));
    const ctrl = new AbortController();
    const first = fakeRunOne({ ms: 80 });
    const { outcome } = await run(out, apps, fakeSlots('d1', 'd2'), first, {
      signal: ctrl.signal,
      onEvent: (e) => e.type === 'app-done' && e.app === 'app1' && ctrl.abort(),
    });
    expect(outcome.interrupted).toBe(true);
    expect(outcome.pending).toBeGreaterThan(0);
    const interrupted = journalOf(out).filter((r) => r.type === 'interrupted');
    expect(interrupted.length).toBeGreaterThan(0);
    const finishedFirst = expectConsistent(out, apps).map((d) => d.app);

    const second = fakeRunOne({ ms: 5 });
    const { outcome: o2 } = await run(out, apps, fakeSlots('d1', 'd2'), second);
    expect(o2).toMatchObject({ ok: 6, pending: 0, skipped: finishedFirst.length, interrupted: false });
    expect(second.calls.map((c) => c.app).sort()).toEqual(apps.map((a) => a.id).filter((id) => !finishedFirst.includes(id)).sort());
    const redone = (interrupted[0] as { app: string }).app;
    expect(second.calls.find((c) => c.app === redone)!.attempt).toBe(2);
    expect(expectConsistent(out, apps)).toHaveLength(6);
  });

  it('leaves apps unfinished (not errors) when every device is quarantined', async () => {
    const out = tmpOut();
    const apps = Array.from({ length: 4 }, (_, i) => fakeApp(`app${i}`, { retries: 5 }));
    const runOne = fakeRunOne({ decide: () => ({ kind: 'throw', code: 'APPIUM_UNREACHABLE' }) });
    const { outcome } = await run(out, apps, fakeSlots('d1'), runOne, { quarantineAfter: 2 });
    expect(outcome).toMatchObject({ noDevices: true, ok: 0, error: 0, pending: 4 });
    expect(journalOf(out).filter((r) => r.type === 'done')).toHaveLength(0);
  });

  it('a failed preflight counts against the device but uses no attempt of the app', async () => {
    const out = tmpOut();
    const runOne = fakeRunOne();
    const { outcome, pool } = await run(out, [fakeApp('p')], fakeSlots('down', 'up'), runOne, { preflight: async (l) => l.slot.id !== 'down', quarantineAfter: 1 });
    expect(outcome.ok).toBe(1);
    expect(runOne.calls).toEqual([expect.objectContaining({ device: 'up', attempt: 1 })]);
    expect(pool.status().find((s) => s.id === 'down')!.state).toBe('quarantined');
  });

  it('--retry-errors redoes apps recorded as error; the old bundle is moved aside', async () => {
    const out = tmpOut();
    const apps = [fakeApp('e', { retries: 0 }), fakeApp('k')];
    await run(out, apps, fakeSlots('d1'), fakeRunOne({ decide: (j) => (j.app.id === 'e' ? { kind: 'broke-off' } : { kind: 'ok' }) }), { quarantineAfter: 9 });
    const again = fakeRunOne();
    const { outcome } = await run(out, apps, fakeSlots('d1'), again, { redoErrors: true });
    expect(outcome).toMatchObject({ ok: 2, error: 0, skipped: 1 });
    expect(again.calls.map((c) => c.app)).toEqual(['e']);
    expect(journalOf(out).filter((r) => r.type === 'redo')).toHaveLength(1);
    expect(existsSync(path.join(out, 'work/e/replaced-1/findings.json'))).toBe(true);
    const { state, journal } = Journal.open(path.join(out, 'journal.jsonl'));
    journal.close();
    expect(state.done.get('e')!.status).toBe('ok');
    expect(state.duplicateDone).toBe(0);
  });

  it('moves aside a bundle left in apps/ by a crash just before its done line', async () => {
    const out = tmpOut();
    mkdirSync(path.join(out, 'apps/s'), { recursive: true });
    writeFileSync(path.join(out, 'apps/s/findings.json'), '{}');
    const { outcome } = await run(out, [fakeApp('s')], fakeSlots('d1'), fakeRunOne());
    expect(outcome.ok).toBe(1);
    expectConsistent(out, [fakeApp('s')]);
    expect(readFileSync(path.join(out, 'work/s/replaced-1/findings.json'), 'utf8')).toBe('{}');
  });

  it('one app throwing a plain error never stops the batch', async () => {
    const out = tmpOut();
    const apps = ['a', 'b', 'c'].map((id) => fakeApp(id, { retries: 1 }));
    const runOne = fakeRunOne({ decide: (j) => (j.app.id === 'b' ? { kind: 'throw-plain' } : { kind: 'ok' }) });
    const { outcome } = await run(out, apps, fakeSlots('d1', 'd2'), runOne, { quarantineAfter: 5 });
    expect(outcome).toMatchObject({ ok: 2, error: 1, pending: 0 });
    expect(expectConsistent(out, apps).find((d) => d.app === 'b')!.result.error).toEqual({ code: 'INTERNAL', message: 'socket hang up' });
  });
});

describe('defaultTimeoutMs', () => {
  it('leaves room beyond the time budget for start-up and analysis', () => {
    expect(defaultTimeoutMs()).toBe(50 * 60_000);
    expect(defaultTimeoutMs(2)).toBe(8 * 60_000);
  });
});
