import { remote } from 'webdriverio';
import { DeviceError, GovappError } from '../errors.ts';
import { isAppiumUp } from '../appium/server.ts';
import type { Capabilities } from './capabilities.ts';
import type { RequestClock } from './request-clock.ts';

export type Browser = WebdriverIO.Browser;

export interface OpenSessionOptions {
  appiumUrl: string;
  capabilities: Capabilities;
  /** WebdriverIO's own log level; its traffic goes to our logger at trace instead. */
  logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'silent';
  connectionRetryCount?: number;
  /** Every request is aborted at this clock's deadline (the crawl budget plus a grace). */
  clock?: RequestClock;
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
