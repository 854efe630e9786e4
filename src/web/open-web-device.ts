import { existsSync } from 'node:fs';
import { freePort } from '../appium/ports.ts';
import { buildCapabilities, type DeviceOptions } from '../device/capabilities.ts';
import { openSession } from '../device/session.ts';
import { PAGE_HOOKS_INIT } from './page-hooks.ts';
import { WebDevice, waitForDom } from './web-device.ts';

export interface OpenWebDeviceOptions {
  appiumUrl: string;
  /** The H5 app's entry page (https:, http: or file:). */
  url: string;
  /** Completed by `webDeviceOptions` (binaries, a free chromedriver port). */
  device?: DeviceOptions;
  maxNodes?: number;
  settleMs?: number;
  /** Read whole documents before walking them (default true; see `readThrough`). */
  readThrough?: boolean;
}

const DEFAULT_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const DEFAULT_CHROMEDRIVER = ['/usr/bin/chromedriver', '/usr/lib/chromium/chromedriver'];

/**
 * The DeviceOptions of one H5 session: Debian's chromium and chromedriver unless given, and a
 * chromedriver port of its own (parallel sessions must not share 9515: the chromium driver kills
 * whatever chromedriver holds its port). `buildCapabilities({ kind: 'url', url }, these)` are the
 * capabilities `openWebDevice` sends, for the run record.
 */
export async function webDeviceOptions(dev: DeviceOptions = {}): Promise<DeviceOptions> {
  return {
    ...dev,
    chromeBinary: dev.chromeBinary ?? DEFAULT_CHROMIUM.find((p) => existsSync(p)),
    chromedriverExecutable: dev.chromedriverExecutable ?? DEFAULT_CHROMEDRIVER.find((p) => existsSync(p)),
    chromedriverPort: dev.chromedriverPort ?? (await freePort()),
  };
}

/**
 * Opens a Chromium session (mobile emulation) through Appium's chromium driver and loads the H5
 * app: page hooks installed before any page script, viewport measured for the pixel geometry.
 */
export async function openWebDevice(o: OpenWebDeviceOptions): Promise<WebDevice> {
  const dev = await webDeviceOptions(o.device);
  const browser = await openSession({ appiumUrl: o.appiumUrl, capabilities: buildCapabilities({ kind: 'url', url: o.url }, dev) });
  try {
    await addInitScript(browser, o.appiumUrl, PAGE_HOOKS_INIT);
    await browser.url(o.url);
    await waitForDom(browser, {});
    const vp = (await browser.execute('return { width: innerWidth, height: innerHeight, dpr: devicePixelRatio || 1 }')) as {
      width: number;
      height: number;
      dpr: number;
    };
    const browserVersion = (browser.capabilities as Record<string, unknown>).browserVersion as string | undefined;
    return new WebDevice(browser, { startUrl: o.url, viewport: vp, browserVersion, maxNodes: o.maxNodes, settleMs: o.settleMs, readThrough: o.readThrough });
  } catch (e) {
    await browser.deleteSession().catch(() => undefined);
    throw e;
  }
}

/**
 * `Page.addScriptToEvaluateOnNewDocument` through chromedriver's `goog/cdp/execute`, which Appium's
 * chromium driver proxies. Best effort: without it the hooks are installed before each DOM walk
 * instead (they then miss listeners a page added while loading).
 */
export async function addInitScript(browser: WebdriverIO.Browser, appiumUrl: string, source: string): Promise<boolean> {
  const base = appiumUrl.endsWith('/') ? appiumUrl : appiumUrl + '/';
  try {
    const res = await fetch(new URL(`session/${browser.sessionId}/goog/cdp/execute`, base), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ cmd: 'Page.addScriptToEvaluateOnNewDocument', params: { source } }),
      signal: AbortSignal.timeout(10_000),
    });
    return res.ok;
  } catch {
    return false;
  }
}
