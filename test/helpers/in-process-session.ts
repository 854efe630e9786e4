/**
 * A WebDriver session on the replay driver without an Appium server or HTTP: the driver class
 * itself (drivers/replay) runs in this process, and each WebdriverIO command the product's
 * device code sends is routed to the driver command Appium would route it to (the W3C and
 * Appium route table of @appium/base-driver), with arguments and answers passed through JSON as
 * on the wire. So `WdioDevice`/`HybridDevice` over this session are the product's own device
 * code, and the graph runtime, hit testing, gesture classification and typing are the driver's:
 * only the transport is gone.
 *
 * Module shape = src/device/session.ts, so a test can stand it in for the real one:
 *   vi.mock('../../src/device/session.ts', () => import('./in-process-session.ts'));
 * Time is the driver's: `vi.useFakeTimers()` before opening the session gives its graph runtime
 * the fake clock.
 */
import { ReplayDriver } from '../../drivers/replay/lib/driver.ts';
import type { Capabilities } from '../../src/device/capabilities.ts';
import type { RequestClock } from '../../src/device/request-clock.ts';

export type Browser = WebdriverIO.Browser;

export interface OpenSessionOptions {
  appiumUrl: string;
  capabilities: Capabilities;
  logLevel?: string;
  connectionRetryCount?: number;
  clock?: RequestClock;
}

/** WebdriverIO command → [Appium driver command, how the wire arguments become the driver's]. */
const ROUTES: Record<string, [string, (...a: unknown[]) => unknown[]]> = {
  getPageSource: ['getPageSource', () => []],
  takeScreenshot: ['getScreenshot', () => []],
  getWindowRect: ['getWindowRect', () => []],
  performActions: ['performActions', (actions) => [actions]],
  releaseActions: ['releaseActions', () => []],
  back: ['back', () => []],
  isKeyboardShown: ['isKeyboardShown', () => []],
  hideKeyboard: ['hideKeyboard', () => []],
  findElement: ['findElement', (using, value) => [using, value]],
  findElements: ['findElements', (using, value) => [using, value]],
  findElementFromElement: ['findElementFromElement', (id, using, value) => [using, value, id]],
  findElementsFromElement: ['findElementsFromElement', (id, using, value) => [using, value, id]],
  elementClick: ['click', (id) => [id]],
  elementClear: ['clear', (id) => [id]],
  elementSendKeys: ['setValue', (id, text) => [text, id]],
  getElementText: ['getText', (id) => [id]],
  getElementAttribute: ['getAttribute', (id, name) => [name, id]],
  getElementRect: ['getElementRect', (id) => [id]],
  isElementDisplayed: ['elementDisplayed', (id) => [id]],
  execute: ['execute', (script, ...args) => [script, args]],
  getCurrentActivity: ['getCurrentActivity', () => []],
  getCurrentPackage: ['getCurrentPackage', () => []],
  getAppiumContexts: ['getContexts', () => []],
  getAppiumContext: ['getCurrentContext', () => []],
  switchAppiumContext: ['setContext', (name) => [name]],
  getWindowHandles: ['getWindowHandles', () => []],
  switchToWindow: ['setWindow', (handle) => [handle]],
  getOrientation: ['getOrientation', () => []],
  // W3C POST /timeouts → timeouts(type, ms, script, pageLoad, implicit)
  setTimeout: ['timeouts', (t) => [undefined, undefined, (t as Timeouts).script, (t as Timeouts).pageLoad, (t as Timeouts).implicit]],
};

type Timeouts = { script?: number; pageLoad?: number; implicit?: number };

/** A JSON round trip, as the HTTP hop does (undefined → null, Buffers and classes → plain data). */
const wire = <T>(v: T): T => (v === undefined ? (null as T) : (JSON.parse(JSON.stringify(v)) as T));

/** The error WebdriverIO raises for a W3C error answer: the driver's message, named by its W3C code. */
function asWireError(e: unknown): Error {
  const err = new Error(String((e as Error)?.message ?? e));
  err.name = (e as { error?: string }).error ?? 'unknown error';
  return err;
}

/** The driver's logger, silenced (Appium writes it to its own log file; here it would flood the test output). */
const quietLog: unknown = new Proxy(
  {},
  {
    get: (_t, name) =>
      name === 'errorAndThrow' || name === 'errorWithException'
        ? (e: unknown) => {
            throw e instanceof Error ? e : new Error(String(e));
          }
        : () => undefined,
  },
);

const open = new WeakMap<Browser, ReplayDriver>();

/** The driver behind an in-process session (for tests that look inside, e.g. at its clock). */
export function driverOf(browser: Browser): ReplayDriver | undefined {
  return open.get(browser);
}

/** There is no request clock in process: nothing is on a wire. */
export function requestClock(_browser: Browser): RequestClock | undefined {
  return undefined;
}

/** Same contract as src/device/session.ts `openSession`; `appiumUrl` is ignored. */
export async function openSession(opts: OpenSessionOptions): Promise<Browser> {
  const driver = new ReplayDriver();
  Object.defineProperty(driver, 'log', { value: quietLog });
  // No idle-session reaper: under fake timers it would fire whenever a test moves the clock on.
  const alwaysMatch = { ...(wire(opts.capabilities) as Record<string, unknown>), 'appium:newCommandTimeout': 0 };
  const [sessionId, caps] = (await driver.createSession({ alwaysMatch, firstMatch: [{}] } as never).catch((e) => {
    throw asWireError(e);
  })) as [string, Record<string, unknown>];
  const target: Record<string, unknown> = {
    sessionId,
    capabilities: { ...wire(caps), ...prefixed(wire(caps)) },
    async deleteSession() {
      await driver.deleteSession(sessionId);
    },
  };
  const browser = new Proxy(target, {
    get(t, name) {
      if (typeof name !== 'string' || name in t || name === 'then') return t[name as string];
      const route = ROUTES[name];
      if (!route) return () => Promise.reject(new Error(`in-process session: WebdriverIO command "${name}" has no route here (add it to ROUTES)`));
      return async (...args: unknown[]) => {
        const [cmd, toDriver] = route;
        try {
          return wire(await driver.executeCommand(cmd, ...toDriver(...wire(args))));
        } catch (e) {
          throw asWireError(e);
        }
      };
    },
  }) as unknown as Browser;
  open.set(browser, driver);
  return browser;
}

/** Appium answers a new session with `appium:`-prefixed vendor capabilities. */
function prefixed(caps: Record<string, unknown>): Record<string, unknown> {
  const standard = new Set(['platformName', 'browserName', 'browserVersion', 'acceptInsecureCerts', 'pageLoadStrategy', 'proxy', 'setWindowRect', 'timeouts', 'unhandledPromptBehavior']);
  return Object.fromEntries(Object.entries(caps).map(([k, v]) => [standard.has(k) || k.includes(':') ? k : `appium:${k}`, v]));
}

/** What a crawl in process is given as its Appium URL: it names no server and none is asked. */
export const IN_PROCESS_URL = 'http://in-process.invalid';
