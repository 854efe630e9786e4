import { describe, expect, it } from 'vitest';
import { RequestClock } from '../../src/device/request-clock.ts';

describe('RequestClock (fake time)', () => {
  it('the deadline is the budget plus the grace, restarted when exploring begins, extended for closing', () => {
    let t = 1_000;
    const clock = new RequestClock(60_000, undefined, 5_000, () => t);
    expect(clock.remainingMs()).toBe(65_000);
    t += 20_000; // the session took 20 s to open
    expect(clock.startBudget()).toBe(t + 60_000);
    expect(clock.remainingMs()).toBe(65_000);
    t += 70_000;
    expect(clock.expired()).toBe(true);
    clock.allow(3_000);
    expect(clock.remainingMs()).toBe(3_000);
    clock.allow(1_000); // never shortens
    expect(clock.remainingMs()).toBe(3_000);
  });

  it('the crawl being stopped aborts every waiting request at once, and later ones before they start', () => {
    const stop = new AbortController();
    const clock = new RequestClock(600_000, stop.signal);
    const command = new AbortController();
    const first = clock.signal(command.signal);
    const second = clock.signal();
    expect(first.aborted).toBe(false);
    stop.abort(new Error('Ctrl-C'));
    expect(first.aborted).toBe(true);
    expect(second.aborted).toBe(true);
    expect(clock.signal().aborted).toBe(true);
  });

  it("a request's own signal (WebdriverIO's per-command one) aborts it too", () => {
    const clock = new RequestClock(600_000);
    const command = new AbortController();
    const s = clock.signal(command.signal);
    command.abort();
    expect(s.aborted).toBe(true);
  });
});
