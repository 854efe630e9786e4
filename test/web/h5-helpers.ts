import path from 'node:path';
import { expect } from 'vitest';
import { center } from '../../src/geometry.ts';
import { parsePageSource } from '../../src/snapshot/parse.ts';
import type { Snapshot, UiElement } from '../../src/snapshot/model.ts';
import type { Device } from '../../src/device/device.ts';
import { FIXTURES } from '../helpers/paths.ts';

export const H5_APPS = ['study-h5', 'service-h5'] as const;
export const h5Fixture = (name: string) => path.join(FIXTURES, 'h5', name);

export async function snap(dev: Device): Promise<Snapshot> {
  return parsePageSource(await dev.pageSource());
}

/** The displayed element whose text (or content-desc) is exactly `text`. */
export function byText(s: Snapshot, text: string): UiElement {
  const hit = s.elements.find((e) => e.displayed && (e.text === text || e.contentDesc === text));
  expect(hit, `an element "${text}" on screen`).toBeDefined();
  return hit!;
}

export async function tapText(dev: Device, text: string): Promise<void> {
  const c = center(byText(await snap(dev), text).bounds);
  await dev.tap(c.x, c.y);
}

/** Polls `fn` until it returns true (pages load and timers tick in real time). */
export async function until(fn: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
