import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppResult } from '../../batch/journal.ts';
import { BatchProgress } from '../../batch/progress.ts';

const res = (status: 'ok' | 'error', attempts = 1) => ({ status, attempts }) as AppResult;

function sink(isTTY: boolean) {
  const out: string[] = [];
  return { out, stream: { isTTY, columns: 200, write: (s: string) => out.push(s) } };
}

describe('BatchProgress', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('counts done / failed / running / left and estimates the time left from the rate so far', () => {
    let now = 0;
    const { stream } = sink(false);
    const p = new BatchProgress({ stream, now: () => now });
    p.handle({ type: 'begin', total: 10, finished: 2, pending: 8, concurrency: 2 });
    expect(p.line()).toBe('batch 2/10 · 0 ok · 0 error · 0 running · 8 left · 2 from earlier run · ETA –');
    p.handle({ type: 'attempt-start', app: 'a', attempt: 1, device: 'd1' });
    p.handle({ type: 'attempt-start', app: 'b', attempt: 1, device: 'd2' });
    now = 60_000;
    p.handle({ type: 'app-done', app: 'a', result: res('ok') });
    p.handle({ type: 'attempt-failed', app: 'b', attempt: 1, device: 'd2', error: { code: 'X', message: 'y' }, retry: true });
    p.handle({ type: 'attempt-start', app: 'b', attempt: 2, device: 'd1' });
    expect(p.line()).toBe('batch 3/10 · 1 ok · 0 error · 1 running · 7 left · 1 retry · 2 from earlier run · ETA 7 min');
    now = 90_000;
    p.handle({ type: 'app-done', app: 'b', result: res('error', 2) });
    expect(p.line()).toBe('batch 4/10 · 1 ok · 1 error · 0 running · 6 left · 1 retry · 2 from earlier run · ETA 4 min 30 s');
    p.stop();
  });

  it('prints periodic lines when not on a TTY', () => {
    vi.useFakeTimers();
    const { out, stream } = sink(false);
    const p = new BatchProgress({ stream, intervalMs: 20 });
    p.handle({ type: 'begin', total: 1, finished: 0, pending: 1, concurrency: 1 });
    vi.advanceTimersByTime(19);
    expect(out.filter((l) => l.startsWith('batch 0/1'))).toHaveLength(0);
    vi.advanceTimersByTime(1 + 40); // at 20, 40 and 60 ms
    expect(out.filter((l) => l.startsWith('batch 0/1'))).toEqual(Array(3).fill('batch 0/1 · 0 ok · 0 error · 0 running · 1 left · ETA –\n'));
    p.handle({ type: 'quarantine', device: 'd1', reason: 'gone' });
    p.stop('summary: x');
    vi.advanceTimersByTime(100); // stopped: no more periodic lines
    expect(out.filter((l) => l.startsWith('batch 0/1'))).toHaveLength(4);
    expect(out[0]).toBe('batch: 1 apps, 0 already finished, 1 to crawl, 1 at a time\n');
    expect(out).toContain('batch: device d1 quarantined: gone\n');
    expect(out.at(-1)).toBe('batch 0/1 · 0 ok · 0 error · 0 running · 1 left · ETA – — summary: x\n');
    expect(out.join('')).not.toContain('\r');
  });

  it('keeps one live region on a TTY: the batch line and one line per running crawl, events above it', () => {
    let now = 0;
    const { out, stream } = sink(true);
    const p = new BatchProgress({ stream, now: () => now });
    p.handle({ type: 'begin', total: 3, finished: 0, pending: 3, concurrency: 2 });
    p.handle({ type: 'attempt-start', app: 'cn.gov.a', attempt: 1, device: 'emulator-5554' });
    now = 65_000;
    p.handle({ type: 'attempt-start', app: 'cn.gov.b', attempt: 2, device: 'emulator-5556' });
    expect(p.runningLines()).toEqual(['  emulator-5554  cn.gov.a  attempt 1  1:05', '  emulator-5556  cn.gov.b  attempt 2  0:00']);
    const frame = out.at(-1)!;
    expect(frame).toContain('batch 0/3 · 0 ok · 0 error · 2 running · 3 left · ETA –\n  emulator-5554  cn.gov.a  attempt 1  1:05\n  emulator-5556  cn.gov.b  attempt 2  0:00');
    p.handle({ type: 'quarantine', device: 'emulator-5556', reason: 'gone' });
    expect(out).toContain('batch: device emulator-5556 quarantined: gone\n');
    p.handle({ type: 'app-done', app: 'cn.gov.a', result: res('ok') });
    p.stop('summary: x');
    expect(out.at(-1)).toBe('batch 1/3 · 1 ok · 0 error · 1 running · 2 left · ETA 2 min 10 s — summary: x\n');
  });
});
