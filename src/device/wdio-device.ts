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
 * The Device boundary over a WebdriverIO session on Appium (UiAutomator2 on an emulator, or the
 * replay driver). Only W3C and `mobile:` execute methods are used, so the same calls work on both.
 */
export class WdioDevice implements Device {
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
      if (/ECONNREFUSED|ECONNRESET|UND_ERR_SOCKET|other side closed|socket hang up|fetch failed|invalid session id|session.*(terminated|not started|not found)/i.test(msg)) {
        throw new DeviceError('DEVICE_OFFLINE', `${what}: device session lost: ${msg}`, { cause: e });
      }
      throw e;
    }
  }

  pageSource(signal?: AbortSignal): Promise<string> {
    return this.call('pageSource', signal, () => this.browser.getPageSource());
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

  back(signal?: AbortSignal): Promise<void> {
    return this.call('back', signal, () => this.browser.back());
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

  currentApp(signal?: AbortSignal): Promise<CurrentApp> {
    return this.call('currentApp', signal, async () => {
      const pkg = (await this.browser.execute('mobile: getCurrentPackage', {})) as string;
      const activity = (await this.browser.execute('mobile: getCurrentActivity', {})) as string;
      return { package: pkg ?? '', activity: activity ?? '' };
    });
  }

  activateApp(pkg: string, signal?: AbortSignal): Promise<void> {
    return this.call('activateApp', signal, async () => {
      await this.browser.execute('mobile: activateApp', { appId: pkg });
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
