import type { CurrentApp, Device, DeviceInfo, ReadStep } from '../device/device.ts';
import { DeviceError, GovappError } from '../errors.ts';
import { appHostPatterns } from './app-hosts.ts';
import { activityOf, appIdOf } from './app-id.ts';
import { clearField, typeIntoField } from './dom-input.ts';
import type { DomSnapshot } from './dom-model.ts';
import { SCROLL_AT_SCRIPT, SCROLL_TO_SCRIPT } from './dom-scroll.ts';
import { footerShotPositions } from './footer-shots.ts';
import { snapshotDom } from './dom-snapshot.ts';
import { resolveLocator } from './locator.ts';
import { PAGE_HOOKS_SCRIPT } from './page-hooks.ts';
import { readThrough } from './read-through.ts';
import { domToPageSource } from './to-source.ts';

export interface WebDeviceOptions {
  /** The H5 app's entry page; its origin (or, for file: URLs, its directory) is the app's "package". */
  startUrl: string;
  /** Layout viewport in CSS px and devicePixelRatio, as measured once the session is open. */
  viewport: { width: number; height: number; dpr: number };
  browserVersion?: string;
  /** Node limit of one DOM walk. Default 4000. */
  maxNodes?: number;
  /** Pause after an action once the page is ready, for script-driven changes. Default 250 ms. */
  settleMs?: number;
  /** Longest wait for a page's DOM to be ready (`interactive`) after an action. Default 10 000 ms. */
  domReadyMs?: number;
  /** Longest wait, once the DOM is ready, for the page's subresources (`complete`). Default 1500 ms. */
  loadGraceMs?: number;
  /** Read whole documents (scroll to the end once per document) before walking them. Default true. */
  readThrough?: boolean;
  /** Screenshot a footer that lies below the fold (its evidence is shown on those pictures, `readSteps`). Default true. */
  stepShots?: boolean;
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
  /** Screenshots of the last page source's footer below the fold, at the window positions (CSS px) they were taken. */
  private shots?: { key: string; href: string; steps: { y: number; png: Buffer }[] };

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
    if (this.opts.readThrough !== false) await readThrough(this.browser, { signal });
    const dom = await snapshotDom(this.browser, { maxNodes: this.opts.maxNodes ?? 4000, appHosts: appHostPatterns(this.opts.startUrl) });
    this.lastDomValue = dom;
    // The same document at the same place (a page read again after an action on it, or revisited) keeps its pictures.
    const key = `${dom.href} ${dom.scroll.y} ${dom.nodes.length}`;
    if (this.opts.stepShots === false) this.shots = undefined;
    else if (this.shots?.key !== key) this.shots = { key, href: dom.href, steps: await this.shootAt(footerShotPositions(dom), dom.scroll.y, signal) };
    this.lastXml = domToPageSource(dom, { package: appIdOf(dom.href, this.opts.startUrl) });
    return this.lastXml;
  }

  /**
   * The screenshots of the footer below the fold taken with the last page source (once the page
   * was read through, `footerShotPositions`), placed in that screen's coordinates.
   */
  readSteps(): ReadStep[] {
    const dom = this.lastDomValue;
    if (!dom || this.shots?.href !== dom.href) return [];
    const d = dom.devicePixelRatio || 1;
    const height = Math.round(dom.viewport.height * d);
    return this.shots.steps
      .map((s) => ({ offset: Math.round((s.y - dom.scroll.y) * d), height, png: s.png }))
      .filter((s) => s.offset !== 0);
  }

  /** Screenshots at window scroll positions `ys` (CSS px), then back to `restoreY`; each with the position it really reached. */
  private async shootAt(ys: number[], restoreY: number, signal?: AbortSignal): Promise<{ y: number; png: Buffer }[]> {
    const out: { y: number; png: Buffer }[] = [];
    if (!ys.length) return out;
    try {
      for (const y of ys) {
        check(signal);
        const at = (await this.browser.execute(SCROLL_TO_SCRIPT, y)) as number;
        if (out.some((s) => s.y === at) || at === restoreY) continue;
        out.push({ y: at, png: await this.screenshot(signal) });
      }
    } finally {
      await this.browser.execute(SCROLL_TO_SCRIPT, restoreY);
    }
    return out;
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
    await waitForDom(this.browser, { domReadyMs: this.opts.domReadyMs, loadGraceMs: this.opts.loadGraceMs, signal });
    await sleep(this.opts.settleMs ?? 250);
  }
}

/**
 * Waits for the page's DOM (`readyState` ≠ `loading`) within `domReadyMs`, then at most
 * `loadGraceMs` more for `complete`: analytics and share widgets on hosts that never answer must
 * not hold every action for the whole load timeout. A page still loading at the deadline is read
 * as it is (the crawler's usual rules then apply to what did render).
 */
export async function waitForDom(
  browser: WebdriverIO.Browser,
  o: { domReadyMs?: number; loadGraceMs?: number; signal?: AbortSignal; now?: () => number },
): Promise<'complete' | 'interactive' | 'loading'> {
  const now = o.now ?? Date.now;
  const start = now();
  let readyAt: number | undefined;
  for (;;) {
    check(o.signal);
    const state = (await browser.execute('return document.readyState').catch(() => 'loading')) as string;
    if (state === 'complete') return 'complete';
    const t = now();
    if (state === 'interactive') {
      readyAt ??= t;
      if (t - readyAt >= (o.loadGraceMs ?? 1500)) return 'interactive';
    } else if (t - start >= (o.domReadyMs ?? 10_000)) return 'loading';
    await sleep(100);
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
