import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildCapabilities } from '../../src/device/capabilities.ts';
import { IN_PROCESS_URL, openSession, type Browser } from '../helpers/in-process-session.ts';
import { sampleApp } from '../helpers/paths.ts';
import { idOf, replayFixture, screenName, tapAt } from './helpers.ts';

/**
 * Timed moves and dynamic text of the replay driver, on a fake clock: the driver runs in this
 * process (test/helpers/in-process-session.ts), so its graph runtime reads the test's clock and
 * every "before" and "after" is exact, whatever the machine's load.
 */
const timed = replayFixture('timed');
const ms = (n: number) => vi.advanceTimersByTimeAsync(n);

const sessions: Browser[] = [];
const open = async (dir: string) => {
  const b = await openSession({ appiumUrl: IN_PROCESS_URL, capabilities: buildCapabilities({ kind: 'app-graph', dir, package: '' }) });
  sessions.push(b);
  return b;
};

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-03-01T08:00:00Z') });
});
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((b) => b.deleteSession()));
  vi.useRealTimers();
});

describe('timed moves', () => {
  it('moves by itself `after` seconds; requests before see the old state, from then on the new one', async () => {
    const b = await open(timed); // splash → home after 1 s
    expect(await screenName(b)).toBe('splash');
    await ms(999);
    expect(await screenName(b)).toBe('splash');
    expect(await b.getCurrentActivity()).toBe('.SplashActivity');
    await ms(1);
    expect(await b.takeScreenshot()).toBe(readFileSync(path.join(timed, 'states/home.png')).toString('base64'));
    expect(await screenName(b)).toBe('home');
    expect(await b.getCurrentActivity()).toBe('.MainActivity');
    await b.back(); // splash was replaced: one back leaves
    expect(await screenName(b)).toBe('launcher');
  });

  it('lets a find wait (implicit wait) for a timed move, and answers as soon as the move is due', async () => {
    const b = await open(timed);
    expect(await b.findElements('id', 'btn_toast')).toEqual([]); // during the splash there is no such button
    await b.setTimeout({ implicit: 3000 });
    let found: unknown;
    const finding = b.findElement('id', 'btn_toast').then((el) => (found = el));
    await ms(999);
    expect(found).toBeUndefined(); // still waiting: the splash is up
    await ms(1);
    await finding;
    expect(idOf(found)).toBeTruthy();
    expect(Date.now() - new Date('2026-03-01T08:00:00Z').getTime()).toBe(1000); // found at the move, not at the wait's end
  });

  it('an implicit wait that nothing ends answers "no such element" at its end', async () => {
    const b = await open(timed);
    await ms(1000);
    await b.setTimeout({ implicit: 2000 });
    let settled = false;
    const finding = b.findElement('id', 'no_such_id').finally(() => (settled = true));
    finding.catch(() => undefined);
    await ms(1999);
    expect(settled).toBe(false);
    await ms(1);
    await expect(finding).rejects.toThrow(/no element found by id "no_such_id"/);
  });

  it('chains timers, each counted from when its state was entered, and pops with @back', async () => {
    const b = await open(timed);
    await ms(1000);
    await tapAt(b, 200, 340); // → c1; c1 → c2 after 0.1 s; c2 → c3 after 0.1 s (both replace)
    expect(await screenName(b)).toBe('c1');
    await ms(100);
    expect(await screenName(b)).toBe('c2');
    await ms(99);
    expect(await screenName(b)).toBe('c2');
    await ms(1);
    expect(await screenName(b)).toBe('c3');
    await b.back();
    expect(await screenName(b)).toBe('home');

    await tapAt(b, 200, 240); // → toast, which pops itself after 0.3 s
    await ms(299);
    expect(await screenName(b)).toBe('toast');
    await ms(1);
    expect(await screenName(b)).toBe('home');
  });

  it('study-portal: the splash advances to home after exactly 1 s', async () => {
    const b = await open(sampleApp('study-portal'));
    await ms(999);
    expect(await b.getCurrentActivity()).toBe('.SplashActivity');
    await ms(1);
    expect(await b.getCurrentActivity()).toBe('.MainActivity');
  });
});

describe('dynamic text', () => {
  it('rewrites {elapsed} as HH:MM:SS since launch on every request; the screenshot stays as recorded', async () => {
    const b = await open(timed);
    const seconds = async () => b.getElementText(idOf(await b.findElement('id', 'elapsed')));
    await ms(1000); // past the splash
    expect(await seconds()).toBe('已学习 00:00:01');
    await ms(999);
    expect(await seconds()).toBe('已学习 00:00:01');
    await ms(1);
    expect(await seconds()).toBe('已学习 00:00:02');
    await ms(3600_000 + 60_000);
    expect(await b.getPageSource()).toContain('text="已学习 01:01:02"');
    expect(await b.takeScreenshot()).toBe(readFileSync(path.join(timed, 'states/home.png')).toString('base64'));
  });
});
