import type { Logger } from 'pino';
import { DeviceError, GovappError } from '../errors.ts';
import type { CurrentApp, Device, DeviceInfo } from './device.ts';
import { requestClock, type Browser } from './session.ts';
import { CLOSE_ALLOWANCE_MS, REQUEST_GRACE_MS } from './request-clock.ts';

/** Element locators as the crawler writes them: `id=<resource-id>`, `~<content-desc>`, or an xpath. */
function findArgs(locator: string): [string, string] {
  if (locator.startsWith('id=')) return ['id', locator.slice(3)];
  if (locator.startsWith('~')) return ['accessibility id', locator.slice(1)];
  return ['xpath', locator];
}

/**
 * Messages that mean the device (or the automation server on it) is gone, not that one command
 * failed: a dead socket, a deleted session, the UiAutomator2 server's instrumentation having
 * exited (it crashed or was killed), the device having left `adb devices`, a Grid node that no
 * longer answers its router ("Unable to execute request for an existing session").
 */
const LOST_DEVICE =
  /ECONNREFUSED|Unable to execute request for an existing session|ECONNRESET|UND_ERR_SOCKET|other side closed|socket hang up|fetch failed|invalid session id|session.*(terminated|not started|not found)|instrumentation process is not running|cannot be proxied to UiAutomator2 server|Could not proxy command to the remote server|device '[^']*' not found|device (offline|unauthorized|not found)/i;

/** The package of the window a UiAutomator2 page source shows (its first element's `package`). */
export function packageOfSource(source: string): string | undefined {
  return /<hierarchy\b[^>]*>\s*<[^>]*?\spackage="([^"]*)"/.exec(source)?.[1] || undefined;
}

/**
 * The Device boundary over a WebdriverIO session on Appium (UiAutomator2 on an emulator, or the
 * replay driver). Only W3C and `mobile:` execute methods are used, so the same calls work on both.
 */
export class WdioDevice implements Device {
  /** A page source request still on the wire: `currentApp()` asked meanwhile reads its package from it. */
  private sourceInFlight?: Promise<string>;

  constructor(
    private readonly browser: Browser,
    readonly info: DeviceInfo,
    private readonly log?: Logger,
  ) {}

  static async create(browser: Browser, log?: Logger): Promise<WdioDevice> {
    const caps = browser.capabilities as Record<string, unknown>;
    const rect = await browser.getWindowRect();
    const info: DeviceInfo = {
      platformName: String(caps.platformName ?? 'Android'),
      platformVersion: (caps['appium:platformVersion'] ?? caps.platformVersion) as string | undefined,
      model: (caps['appium:deviceModel'] ?? caps.deviceModel) as string | undefined,
      udid: (caps['appium:udid'] ?? caps.udid ?? caps.deviceUDID) as string | undefined,
      width: rect.width,
      height: rect.height,
      density: (caps['appium:deviceScreenDensity'] ?? caps.deviceScreenDensity) as number | undefined,
      automationName: String(caps['appium:automationName'] ?? caps.automationName ?? ''),
    };
    return new WdioDevice(browser, info, log);
  }

  private async call<T>(what: string, signal: AbortSignal | undefined, fn: () => Promise<T>): Promise<T> {
    if (signal?.aborted) throw new GovappError('ABORTED', `${what}: crawl aborted`);
    const t0 = performance.now();
    try {
      const out = await fn();
      this.log?.trace({ cmd: what, ms: Math.round(performance.now() - t0) }, 'webdriver');
      return out;
    } catch (e) {
      const msg = String((e as Error)?.message ?? e).split('\n')[0];
      if (signal?.aborted) throw new GovappError('ABORTED', `${what}: crawl aborted`, { cause: e });
      if (requestClock(this.browser)?.expired()) {
        throw new DeviceError('DEVICE_UNRESPONSIVE', `${what}: no answer from the device or Appium server within the crawl's time budget (+${REQUEST_GRACE_MS / 1000} s)`, { cause: e });
      }
      if (LOST_DEVICE.test(msg)) {
        throw new DeviceError('DEVICE_OFFLINE', `${what}: device session lost: ${msg}`, { cause: e });
      }
      throw e;
    }
  }

  pageSource(signal?: AbortSignal): Promise<string> {
    const p = this.call('pageSource', signal, () => this.browser.getPageSource());
    this.sourceInFlight = p;
    const clear = () => {
      if (this.sourceInFlight === p) this.sourceInFlight = undefined;
    };
    p.then(clear, clear);
    return p;
  }

  screenshot(signal?: AbortSignal): Promise<Buffer> {
    return this.call('screenshot', signal, async () => Buffer.from(await this.browser.takeScreenshot(), 'base64'));
  }

  tap(x: number, y: number, signal?: AbortSignal): Promise<void> {
    return this.call('tap', signal, async () => {
      await this.browser.performActions([
        {
          type: 'pointer',
          id: 'finger1',
          parameters: { pointerType: 'touch' },
          actions: [
            { type: 'pointerMove', duration: 0, x: Math.round(x), y: Math.round(y), origin: 'viewport' },
            { type: 'pointerDown', button: 0 },
            { type: 'pause', duration: 60 },
            { type: 'pointerUp', button: 0 },
          ],
        },
      ]);
      await this.browser.releaseActions().catch(() => undefined);
    });
  }

  swipe(from: { x: number; y: number }, to: { x: number; y: number }, durationMs = 400, signal?: AbortSignal): Promise<void> {
    return this.call('swipe', signal, async () => {
      await this.browser.performActions([
        {
          type: 'pointer',
          id: 'finger1',
          parameters: { pointerType: 'touch' },
          actions: [
            { type: 'pointerMove', duration: 0, x: Math.round(from.x), y: Math.round(from.y), origin: 'viewport' },
            { type: 'pointerDown', button: 0 },
            { type: 'pointerMove', duration: durationMs, x: Math.round(to.x), y: Math.round(to.y), origin: 'viewport' },
            { type: 'pointerUp', button: 0 },
          ],
        },
      ]);
      await this.browser.releaseActions().catch(() => undefined);
    });
  }

  /**
   * Back as the user means it: with the soft keyboard up, Android's first back only hides the
   * keyboard, so it is hidden first and the back then leaves the screen.
   */
  back(signal?: AbortSignal): Promise<void> {
    return this.call('back', signal, async () => {
      if (await this.browser.isKeyboardShown().catch(() => false)) {
        await this.browser.hideKeyboard().catch((e) => this.log?.debug({ err: String(e) }, 'hideKeyboard failed'));
      }
      await this.browser.back();
    });
  }

  type(locator: string, text: string, signal?: AbortSignal): Promise<void> {
    return this.call('type', signal, async () => {
      const [using, value] = findArgs(locator);
      const el = await this.browser.findElement(using, value);
      const id = elementId(el, locator);
      await this.browser.elementClear(id).catch(() => undefined);
      await this.browser.elementSendKeys(id, text);
    });
  }

  clear(locator: string, signal?: AbortSignal): Promise<void> {
    return this.call('clear', signal, async () => {
      const [using, value] = findArgs(locator);
      const el = await this.browser.findElement(using, value);
      await this.browser.elementClear(elementId(el, locator));
    });
  }

  /**
   * Package and activity. On a device each of `getCurrentPackage` / `getCurrentActivity` is an
   * `adb shell dumpsys window` round trip; when a page source is being fetched at the same time
   * (the explorer asks for both at once), the package comes from that source instead. Only on
   * UiAutomator2: there the source is the focused window's; a replayed state names its package
   * in app.json, which may differ from what its recorded page source says.
   */
  currentApp(signal?: AbortSignal): Promise<CurrentApp> {
    const source = /^uiautomator2$/i.test(this.info.automationName) ? this.sourceInFlight : undefined;
    return this.call('currentApp', signal, async () => {
      const [activity, fromSource] = await Promise.all([
        this.browser.execute('mobile: getCurrentActivity', {}) as Promise<string>,
        source ? source.then(packageOfSource, () => undefined) : undefined,
      ]);
      const pkg = fromSource ?? ((await this.browser.execute('mobile: getCurrentPackage', {})) as string);
      return { package: pkg ?? '', activity: activity ?? '' };
    });
  }

  activateApp(pkg: string, signal?: AbortSignal): Promise<void> {
    return this.call('activateApp', signal, async () => {
      await this.browser.execute('mobile: activateApp', { appId: pkg });
    });
  }

  /** UiAutomator2's `mobile: deepLink` (an ACTION_VIEW intent for `url`, resolved inside `pkg`). */
  openLink(url: string, pkg: string, signal?: AbortSignal): Promise<void> {
    return this.call('openLink', signal, async () => {
      await this.browser.execute('mobile: deepLink', { url, package: pkg, waitForLaunch: true });
    });
  }

  terminateApp(pkg: string, signal?: AbortSignal): Promise<void> {
    return this.call('terminateApp', signal, async () => {
      await this.browser.execute('mobile: terminateApp', { appId: pkg });
    });
  }

  appState(pkg: string, signal?: AbortSignal): Promise<number> {
    return this.call('appState', signal, async () => Number(await this.browser.execute('mobile: queryAppState', { appId: pkg })));
  }

  async close(): Promise<void> {
    requestClock(this.browser)?.allow(CLOSE_ALLOWANCE_MS);
    await this.browser.deleteSession().catch((e) => this.log?.debug({ err: String(e) }, 'deleteSession failed'));
  }
}

function elementId(el: unknown, locator: string): string {
  const ref = el as Record<string, string> | undefined;
  const id = ref?.['element-6066-11e4-a52e-4f735466cecf'] ?? ref?.ELEMENT;
  if (!id) throw new DeviceError('INTERNAL', `no element for ${locator}`);
  return id;
}
