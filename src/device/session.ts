import { remote } from 'webdriverio';
import { DeviceError, GovappError } from '../errors.ts';
import { isAppiumUp } from '../appium/server.ts';
import type { Capabilities } from './capabilities.ts';
import type { RequestClock } from './request-clock.ts';
import { gridCanMatch, gridStatus, isGridTransient, queueBackoffMs, type GridStatus } from './grid-queue.ts';

export type Browser = WebdriverIO.Browser;

export interface OpenSessionOptions {
  appiumUrl: string;
  capabilities: Capabilities;
  /** WebdriverIO's own log level; its traffic goes to our logger at trace instead. */
  logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'silent';
  connectionRetryCount?: number;
  /** Every request is aborted at this clock's deadline (the crawl budget plus a grace). */
  clock?: RequestClock;
  /**
   * On a Selenium Grid router: how long to keep asking for a session while Grid has no free slot
   * for it (its queue timed out, or a node just died) before failing (default 10 minutes).
   */
  gridWaitMs?: number;
  /** Progress of a wait for a Grid slot (one call per failed try). */
  onGridWait?: (info: { tries: number; waitedMs: number; reason: string }) => void;
}

/** Default for {@link OpenSessionOptions.gridWaitMs}. */
export const GRID_WAIT_MS = 10 * 60_000;

/** How long a request no registered Grid slot matches waits for a node to register (a hub just restarted). */
export const GRID_MATCH_WAIT_MS = 60_000;

/**
 * A request that no registered slot of the Grid could take would sit in Grid's queue until it
 * times out. Nodes re-register within seconds after a hub restart, so the request waits for a
 * matching slot to appear for a while, then fails naming what it asked for.
 */
async function waitForMatchingSlot(opts: OpenSessionOptions, first: GridStatus): Promise<void> {
  const end = Date.now() + Math.min(opts.gridWaitMs ?? GRID_WAIT_MS, GRID_MATCH_WAIT_MS);
  for (let status: GridStatus | undefined = first; ; status = await gridStatus(opts.appiumUrl)) {
    if (status && gridCanMatch(status, opts.capabilities)) return;
    if (Date.now() >= end || opts.clock?.expired()) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  const c = opts.capabilities;
  throw new DeviceError(
    'SESSION_FAILED',
    `no slot of the Grid at ${opts.appiumUrl} matches platformName ${String(c.platformName)}, ${String(c['appium:automationName'] ?? '')}${c['appium:udid'] ? `, appium:udid ${String(c['appium:udid'])}` : ''} (see the nodes' stereotypes in its /status)`,
  );
}

const clocks = new WeakMap<Browser, RequestClock>();

/** The request clock a session was opened with, if any. */
export function requestClock(browser: Browser): RequestClock | undefined {
  return clocks.get(browser);
}

/** Opens a WebDriver session on an Appium server (local, a lab's, a Grid 4 router or a device-farm hub). */
export async function openSession(opts: OpenSessionOptions): Promise<Browser> {
  const url = new URL(opts.appiumUrl);
  if (!(await isAppiumUp(opts.appiumUrl))) {
    throw new GovappError('APPIUM_UNREACHABLE', `no Appium server answers at ${opts.appiumUrl} (GET /status failed)`);
  }
  const clock = opts.clock;
  const grid = await gridStatus(opts.appiumUrl);
  if (grid) await waitForMatchingSlot(opts, grid);
  const t0 = Date.now();
  const deadline = t0 + (opts.gridWaitMs ?? GRID_WAIT_MS);
  for (let tries = 1; ; tries++) {
    try {
      return await startSession(opts, url, clock);
    } catch (e) {
      const msg = firstLine(e);
      const wait = queueBackoffMs(tries - 1);
      if (!grid || !isGridTransient(msg) || clock?.expired() || Date.now() + wait > deadline) throw e;
      opts.onGridWait?.({ tries, waitedMs: Date.now() - t0, reason: msg });
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

async function startSession(opts: OpenSessionOptions, url: URL, clock: RequestClock | undefined): Promise<Browser> {
  try {
    const browser = await remote({
      protocol: url.protocol.replace(':', '') as 'http' | 'https',
      hostname: url.hostname,
      port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
      path: url.pathname === '' ? '/' : url.pathname,
      capabilities: opts.capabilities as WebdriverIO.Capabilities,
      logLevel: opts.logLevel ?? 'silent',
      connectionRetryCount: opts.connectionRetryCount ?? 0,
      connectionRetryTimeout: 240_000,
      // Each request carries the crawl's deadline (WebdriverIO joins it with its own timeout).
      ...(clock
        ? { transformRequest: (req: RequestInit) => ({ ...req, signal: clock.signal(req.signal ?? undefined) }) }
        : {}),
    });
    if (clock) clocks.set(browser, clock);
    return browser;
  } catch (e) {
    if (clock?.expired()) throw new DeviceError('DEVICE_UNRESPONSIVE', `no answer from ${opts.appiumUrl} within the crawl's time budget while starting a session`, { cause: e });
    throw new DeviceError('SESSION_FAILED', `could not start a session on ${opts.appiumUrl}: ${firstLine(e)}`, { cause: e });
  }
}

function firstLine(e: unknown): string {
  return String((e as Error)?.message ?? e).split('\n')[0];
}
