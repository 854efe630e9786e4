import path from 'node:path';
import { afterEach, inject } from 'vitest';
import { buildCapabilities } from '../../src/device/capabilities.ts';
import { openSession, type Browser } from '../../src/device/session.ts';
import { parsePageSource } from '../../src/snapshot/parse.ts';
import { FIXTURES } from '../helpers/paths.ts';

export type { Browser };

/** A replay fixture of this test suite (test/fixtures/replay/<name>). */
export const replayFixture = (name: string) => path.join(FIXTURES, 'replay', name);

export function openReplay(dir: string): Promise<Browser> {
  return openSession({ appiumUrl: inject('appiumUrl'), capabilities: buildCapabilities({ kind: 'app-graph', dir, package: '' }) });
}

/** Opens replay sessions that are deleted after each test. */
export function replaySessions(): (dir: string) => Promise<Browser> {
  const open: Browser[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((b) => b.deleteSession().catch(() => {})));
  });
  return async (dir) => {
    const b = await openReplay(dir);
    open.push(b);
    return b;
  };
}

/**
 * The screen shown: the text of the fixture's `…:id/title` element, or `launcher` on the home
 * screen (every fixture screen has a title naming its state).
 */
export async function screenName(b: Browser): Promise<string> {
  const snap = parsePageSource(await b.getPageSource());
  if (snap.elements.some((e) => e.package === 'com.android.launcher3')) return 'launcher';
  return snap.elements.find((e) => e.resourceId.endsWith(':id/title'))?.text ?? '(no title)';
}

export async function tapAt(b: Browser, x: number, y: number, holdMs = 50): Promise<void> {
  await b.performActions([
    {
      type: 'pointer',
      id: 'finger1',
      parameters: { pointerType: 'touch' },
      actions: [
        { type: 'pointerMove', duration: 0, x, y },
        { type: 'pointerDown', button: 0 },
        { type: 'pause', duration: holdMs },
        { type: 'pointerUp', button: 0 },
      ],
    },
  ]);
  await b.releaseActions();
}

export async function swipe(b: Browser, from: { x: number; y: number }, to: { x: number; y: number }, durationMs = 300): Promise<void> {
  await b.performActions([
    {
      type: 'pointer',
      id: 'finger1',
      parameters: { pointerType: 'touch' },
      actions: [
        { type: 'pointerMove', duration: 0, x: from.x, y: from.y },
        { type: 'pointerDown', button: 0 },
        { type: 'pointerMove', duration: durationMs, x: to.x, y: to.y },
        { type: 'pointerUp', button: 0 },
      ],
    },
  ]);
  await b.releaseActions();
}

/** W3C element id of a raw `findElement` answer. */
export function idOf(ref: unknown): string {
  return (ref as Record<string, string>)['element-6066-11e4-a52e-4f735466cecf'];
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
