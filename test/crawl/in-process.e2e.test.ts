import { describe, expect, inject, it, vi } from 'vitest';
import { exploreApp, type ExploreRun } from '../../bench/lib/explore-run.ts';
import { signatureOf, stateHash } from '../../crawlers/state-key.ts';
import { buildCapabilities } from '../../src/device/capabilities.ts';
import type { Device } from '../../src/device/device.ts';
import { openSession } from '../../src/device/session.ts';
import { WdioDevice } from '../../src/device/wdio-device.ts';
import type { ObservedScreen } from '../../src/observation.ts';
import { parsePageSource } from '../../src/snapshot/parse.ts';
import { IN_PROCESS_URL } from '../helpers/in-process-session.ts';
import { sampleApp } from '../helpers/paths.ts';

/**
 * The in-process replay session (test/helpers/in-process-session.ts) that the fast tier's
 * strategy and crawler tests run on answers as the replay driver does through a real Appium
 * server: here both paths run side by side, chosen by the URL the session is opened on.
 */
vi.mock('../../src/device/session.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/device/session.ts')>();
  const local = await import('../helpers/in-process-session.ts');
  return {
    ...real,
    openSession: (o: Parameters<typeof real.openSession>[0]) => (o.appiumUrl === local.IN_PROCESS_URL ? local.openSession(o) : real.openSession(o)),
    requestClock: (b: Parameters<typeof real.requestClock>[0]) => (local.driverOf(b) ? undefined : real.requestClock(b)),
  };
});

const APP = 'office-compliant';
const CONFIG = { apps: { 'cn.gov.example.office': { credentials: { username: 'demo', password: 'Demo@2026' } } }, probes: { timerSeconds: 1 } };
const PATHS = () => [['Appium', inject('appiumUrl')] as const, ['in process', IN_PROCESS_URL] as const];

const identity = (s: ObservedScreen) => stateHash(signatureOf(s.snapshot, s));
const statesOf = (run: ExploreRun) => [...new Set(run.observation.screens.map(identity))].sort();
const moves = (run: ExploreRun) => run.observation.actions.map((a) => [a.kind, a.label ?? '', a.from, a.to ?? '', a.outcome].join(' '));

/** One scripted session: what each Device call answers, in order. */
async function script(device: Device): Promise<unknown[]> {
  const out: unknown[] = [];
  const pkg = 'cn.gov.example.office';
  const snap = async () => {
    const source = await device.pageSource();
    out.push(source, (await device.screenshot()).toString('base64'), await device.currentApp(), await device.appState(pkg));
    return parsePageSource(source);
  };
  const login = await snap();
  const fields = login.elements.filter((e) => e.className === 'android.widget.EditText');
  expect(fields.length).toBeGreaterThanOrEqual(2);
  await device.type(`//android.widget.EditText[@resource-id="${fields[0].resourceId}"]`, 'demo');
  await device.type(`id=${fields[1].resourceId}`, 'Demo@2026');
  const filled = await snap();
  const button = filled.elements.find((e) => e.clickable && e.className.endsWith('Button'))!;
  await device.tap((button.bounds.x1 + button.bounds.x2) / 2, (button.bounds.y1 + button.bounds.y2) / 2);
  const home = await snap();
  await device.swipe({ x: 540, y: 1600 }, { x: 540, y: 800 }, 300);
  await snap();
  await device.back();
  await snap();
  await device.terminateApp(pkg);
  out.push(await device.appState(pkg));
  await device.activateApp(pkg);
  await snap();
  out.push(home.elements.length);
  return out;
}

describe('in-process replay session = the replay driver through Appium', () => {
  it(`a scripted session on ${APP}: every source, screenshot, current app and app state the same`, async () => {
    const answers: unknown[][] = [];
    for (const [, url] of PATHS()) {
      const browser = await openSession({ appiumUrl: url, capabilities: buildCapabilities({ kind: 'app-graph', dir: sampleApp(APP), package: '' }) });
      const device = await WdioDevice.create(browser);
      try {
        answers.push(await script(device));
      } finally {
        await device.close();
      }
    }
    const screens = new Set(answers[0].filter((a) => typeof a === 'string' && a.startsWith('<?xml')));
    expect(screens.size).toBeGreaterThanOrEqual(4); // the script really went somewhere: login, filled in, home, …
    expect(answers[1]).toEqual(answers[0]);
  });

  it(`a targeted crawl of ${APP}: the same states, the same moves, the same stop reason`, async () => {
    const runs: ExploreRun[] = [];
    for (const [, url] of PATHS()) runs.push(await exploreApp({ appiumUrl: url, dir: sampleApp(APP), strategy: 'targeted', maxActions: 400, config: CONFIG }));
    const [appium, local] = runs;
    expect(appium.stopReason).toBe('explored');
    expect(statesOf(appium).length).toBeGreaterThan(5);
    expect(statesOf(local)).toEqual(statesOf(appium));
    expect(moves(local)).toEqual(moves(appium));
    expect(local.stopReason).toBe(appium.stopReason);
  });
});
