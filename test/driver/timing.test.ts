import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { beforeDue, idOf, replayFixture, replaySessions, screenName, sleep, tapAt } from './helpers.ts';

const timed = replayFixture('timed');

describe('timed moves', () => {
  const open = replaySessions();

  it('moves by itself `after` seconds; requests before see the old state, from then on the new one', async () => {
    const before = Date.now();
    const b = await open(timed); // splash → home after 1 s
    const started = Date.now();
    expect((await beforeDue(before, 1000, () => screenName(b))) ?? 'splash').toBe('splash');
    await sleep(1050 - (Date.now() - started));
    expect(await b.takeScreenshot()).toBe(readFileSync(path.join(timed, 'states/home.png')).toString('base64'));
    expect(await screenName(b)).toBe('home');
    expect(await b.getCurrentActivity()).toBe('.MainActivity');
    await b.back(); // splash was replaced: one back leaves
    expect(await screenName(b)).toBe('launcher');
  });

  it('lets a find wait (implicit wait) for a timed move', async () => {
    const before = Date.now();
    const b = await open(timed);
    const early = await beforeDue(before, 1000, () => b.findElements('id', 'btn_toast'));
    expect(early ?? []).toEqual([]); // during the splash there is no such button
    await b.setTimeout({ implicit: 3000 });
    expect(idOf(await b.findElement('id', 'btn_toast'))).toBeTruthy();
    expect(Date.now() - before).toBeGreaterThanOrEqual(1000); // found once the splash had gone
  });

  it('chains timers, each counted from when its state was entered, and pops with @back', async () => {
    const b = await open(timed);
    await sleep(1050);
    await tapAt(b, 200, 340); // → c1; c1 → c2 after 0.1 s; c2 → c3 after 0.1 s (both replace)
    await sleep(250);
    expect(await screenName(b)).toBe('c3');
    await b.back();
    expect(await screenName(b)).toBe('home');

    const tapped = Date.now();
    await tapAt(b, 200, 240); // → toast, which pops itself after 0.3 s
    expect((await beforeDue(tapped, 300, () => screenName(b))) ?? 'toast').toBe('toast');
    await sleep(350);
    expect(await screenName(b)).toBe('home');
  });
});

describe('dynamic text', () => {
  const open = replaySessions();

  it('rewrites {elapsed} as HH:MM:SS since launch on every request; the screenshot stays as recorded', async () => {
    const before = Date.now();
    const b = await open(timed);
    await sleep(1050); // past the splash
    const el = await b.$('id=elapsed');
    const seconds = async () => {
      const text = await el.getText();
      expect(text).toMatch(/^已学习 \d\d:\d\d:\d\d$/);
      return Number(text.slice(-2));
    };
    const first = await seconds();
    expect(first).toBeGreaterThanOrEqual(1);
    await sleep(1000);
    const second = await seconds();
    expect(second).toBeGreaterThanOrEqual(first + 1);
    expect(second).toBeLessThanOrEqual((Date.now() - before) / 1000);
    expect(await b.getPageSource()).toMatch(/text="已学习 00:00:\d\d"/);
    expect(await b.takeScreenshot()).toBe(readFileSync(path.join(timed, 'states/home.png')).toString('base64'));
  });
});
