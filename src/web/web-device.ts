import type { CurrentApp, Device, DeviceInfo } from '../device/device.ts';
import { DeviceError, GovappError } from '../errors.ts';
import { activityOf, appIdOf } from './app-id.ts';
import { clearField, typeIntoField } from './dom-input.ts';
import type { DomSnapshot } from './dom-model.ts';
import { SCROLL_AT_SCRIPT } from './dom-scroll.ts';
import { snapshotDom } from './dom-snapshot.ts';
import { resolveLocator } from './locator.ts';
import { PAGE_HOOKS_SCRIPT } from './page-hooks.ts';
import { domToPageSource } from './to-source.ts';

export interface WebDeviceOptions {
  /** The H5 app's entry page; its origin (or, for file: URLs, its directory) is the app's "package". */
  startUrl: string;
  /** Layout viewport in CSS px and devicePixelRatio, as measured once the session is open. */
  viewport: { width: number; height: number; dpr: number };
  browserVersion?: string;
  /** Node limit of one DOM walk. Default 4000. */
  maxNodes?: number;
  /** Pause after an action once the page reports `complete`, for script-driven changes. Default 250 ms. */
  settleMs?: number;
}

/**
 * A Chromium tab (mobile emulation, through Appium's chromium driver) as a Device: the crawler
 * sees an H5 app the way it sees a native one. Coordinates are screenshot pixels (CSS px × dpr);
 * the page source is the DOM walked into UiAutomator2 format; links to other origins are followed
 * like any tap and show up as another package in `currentApp()`, so the crawler's "left app" path
 * (back, or activateApp) applies. New windows never escape: popups are folded back into the tab.
 */
export class WebDevice implements Device {
  readonly info: DeviceInfo;
  readonly appId: string;
  /** URLs that the page tried to open in a new window (folded into the main tab). */
  readonly popups: string[] = [];
  private lastXml?: string;
  private lastDomValue?: DomSnapshot;
  private mainHandle?: string;

  constructor(
    readonly browser: WebdriverIO.Browser,
    private readonly opts: WebDeviceOptions,
  ) {
    const { width, height, dpr } = opts.viewport;
    this.appId = appIdOf(opts.startUrl, opts.startUrl);
    this.info = {
      platformName: 'Web',
      platformVersion: opts.browserVersion,
      model: `Chromium mobile emulation ${width}x${height}@${dpr}x`,
      width: Math.round(width * dpr),
      height: Math.round(height * dpr),
      density: Math.round(dpr * 160),
      automationName: 'Chromium',
    };
  }

  get startUrl(): string {
    return this.opts.startUrl;
  }

  /** The DOM walk behind the last page source (links' hrefs, the document title, scroll offsets). */
  lastDom(): DomSnapshot | undefined {
    return this.lastDomValue;
  }

  private get dpr(): number {
    return this.lastDomValue?.devicePixelRatio ?? this.opts.viewport.dpr;
  }

  async pageSource(signal?: AbortSignal): Promise<string> {
    check(signal);
    await this.browser.execute(PAGE_HOOKS_SCRIPT);
    const dom = await snapshotDom(this.browser, { maxNodes: this.opts.maxNodes ?? 4000 });
    this.lastDomValue = dom;
    this.lastXml = domToPageSource(dom, { package: appIdOf(dom.href, this.opts.startUrl) });
    return this.lastXml;
  }

  async screenshot(signal?: AbortSignal): Promise<Buffer> {
    check(signal);
    return Buffer.from(await this.browser.takeScreenshot(), 'base64');
  }

  async tap(x: number, y: number, signal?: AbortSignal): Promise<void> {
    check(signal);
    this.mainHandle ??= await this.browser.getWindowHandle();
    const { width, height } = this.opts.viewport;
    const cx = clamp(Math.round(x / this.dpr), 0, width - 1);
    const cy = clamp(Math.round(y / this.dpr), 0, height - 1);
    await this.browser.performActions([
      {
        type: 'pointer',
        id: 'finger1',
        parameters: { pointerType: 'touch' },
        actions: [
          { type: 'pointerMove', duration: 0, x: cx, y: cy, origin: 'viewport' },
          { type: 'pointerDown', button: 0 },
          { type: 'pause', duration: 60 },
          { type: 'pointerUp', button: 0 },
        ],
      },
    ]);
    await this.browser.releaseActions();
    await this.settle(signal);
  }

  async swipe(from: { x: number; y: number }, to: { x: number; y: number }, _durationMs?: number, signal?: AbortSignal): Promise<void> {
    check(signal);
    const d = this.dpr;
    await this.browser.execute(SCROLL_AT_SCRIPT, from.x / d, from.y / d, (from.x - to.x) / d, (from.y - to.y) / d);
    await this.settle(signal);
  }

  async back(signal?: AbortSignal): Promise<void> {
    check(signal);
    await this.browser.back();
    await this.settle(signal);
  }

  async type(locator: string, text: string, signal?: AbortSignal): Promise<void> {
    check(signal);
    await typeIntoField(this.browser, resolveLocator(locator, this.lastXml), text, this.dpr, locator);
  }

  async clear(locator: string, signal?: AbortSignal): Promise<void> {
    check(signal);
    await clearField(this.browser, resolveLocator(locator, this.lastXml), this.dpr, locator);
  }

  async currentApp(signal?: AbortSignal): Promise<CurrentApp> {
    check(signal);
    const url = await this.browser.getUrl();
    return { package: appIdOf(url, this.opts.startUrl), activity: activityOf(url) };
  }

  /** Opens the start page unless a page of the app is already showing (Android's activateApp). */
  async activateApp(pkg: string, signal?: AbortSignal): Promise<void> {
    check(signal);
    if (pkg !== this.appId) throw new DeviceError('APP_NOT_FOUND', `${pkg} is not the H5 app under test (${this.appId})`);
    if ((await this.currentApp(signal)).package === pkg) return;
    await this.browser.url(this.opts.startUrl);
    await this.settle(signal);
  }

  async terminateApp(pkg: string, signal?: AbortSignal): Promise<void> {
    check(signal);
    if ((await this.currentApp(signal)).package === pkg) await this.browser.url('about:blank');
  }

  async appState(pkg: string, signal?: AbortSignal): Promise<number> {
    return (await this.currentApp(signal)).package === pkg ? 4 : 1;
  }

  async close(): Promise<void> {
    await this.browser.deleteSession().catch(() => undefined);
  }

  /** After an action: fold new windows back into the tab, then wait for the page to finish loading. */
  private async settle(signal?: AbortSignal): Promise<void> {
    const handles = await this.browser.getWindowHandles();
    const main = this.mainHandle ?? handles[0];
    let popup: string | undefined;
    for (const h of handles.filter((h) => h !== main)) {
      await this.browser.switchToWindow(h);
      popup ??= await this.browser.getUrl();
      await this.browser.closeWindow();
    }
    if (handles.length > 1) {
      await this.browser.switchToWindow(main);
      if (popup && popup !== 'about:blank') {
        this.popups.push(popup);
        await this.browser.url(popup);
      }
    }
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      check(signal);
      const state = await this.browser.execute('return document.readyState').catch(() => 'loading');
      if (state === 'complete') break;
      await sleep(100);
    }
    await sleep(this.opts.settleMs ?? 250);
  }
}

function check(signal?: AbortSignal): void {
  if (signal?.aborted) throw new GovappError('ABORTED', 'the crawl was aborted', { cause: signal.reason });
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
