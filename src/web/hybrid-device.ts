import type { CurrentApp, Device, DeviceInfo } from '../device/device.ts';
import { height, width, type Rect } from '../geometry.ts';
import { COLLECT_DOM_SCRIPT } from './dom-snapshot.ts';
import { readThrough } from './read-through.ts';
import type { DomSnapshot } from './dom-model.ts';
import { typeIntoField, clearField } from './dom-input.ts';
import { hybridTarget } from './hybrid-target.ts';
import { findWebviews, markUninspected, mergeWebIntoSource } from './merge.ts';

/** What the last `pageSource()` could do with the WebViews on screen; the crawler writes it into the bundle. */
export interface WebviewStatus {
  /** WebView nodes in the native tree. */
  webviews: number;
  /** Of those, how many had their DOM walked and merged. */
  inspected: number;
  /** True when some WebView could not be inspected: its text comes from content-desc nodes and OCR only. */
  fallback: boolean;
  /** Why not, when known (no WEBVIEW_* context, a context switch failed, …). */
  reason?: string;
}

interface WebPage {
  context: string;
  handle: string;
  dom: DomSnapshot;
}

/**
 * A Device decorator for native apps (UiAutomator2, or the replay driver) that looks inside
 * WebViews: when the native tree holds a WebView, it switches to the matching `WEBVIEW_*`
 * context, walks the visible page's DOM, switches back to NATIVE_APP and returns one merged page
 * source (web elements as children of the WebView, carrying `web-tag`/`web-origin`; `markWebOrigin`
 * gives them origin "web" after parsing). Without a webview context (a
 * release build's WebView is not debuggable; the replay driver has none) the native source is
 * returned as is, WebViews marked `web-inspected="false"`, and `lastWebviewStatus().fallback` set.
 *
 * Needs the WebdriverIO session under `inner` for the context commands. Everything but
 * `pageSource`, `type` and `clear` goes straight to `inner` (taps on web content are native taps).
 */
export class HybridDevice implements Device {
  private status: WebviewStatus = { webviews: 0, inspected: 0, fallback: false };
  private lastSource?: string;
  /** The pages merged into the last source, with their WebView's rectangle. */
  private pages: Array<WebPage & { rect: Rect }> = [];

  constructor(
    readonly inner: Device,
    private readonly session: WebdriverIO.Browser,
  ) {}

  get info(): DeviceInfo {
    return this.inner.info;
  }

  lastWebviewStatus(): WebviewStatus {
    return { ...this.status };
  }

  async pageSource(signal?: AbortSignal): Promise<string> {
    const native = await this.inner.pageSource(signal);
    this.pages = [];
    let rects: Rect[];
    try {
      rects = findWebviews(native);
    } catch {
      rects = [];
    }
    this.status = { webviews: rects.length, inspected: 0, fallback: false };
    if (!rects.length) return (this.lastSource = native);
    let pages: WebPage[] = [];
    try {
      pages = await this.visiblePages();
      if (!pages.length) this.status.reason = 'no WEBVIEW_* context with a visible page';
    } catch (e) {
      this.status.reason = `webview inspection failed: ${String((e as Error)?.message ?? e).split('\n')[0]}`;
    }
    let merged = native;
    const done: Rect[] = [];
    for (const rect of rects) {
      const page = pages.find((p) => fits(p.dom, rect)) ?? (rects.length === 1 && pages.length === 1 ? pages[0] : undefined);
      if (!page || width(rect) === 0 || height(rect) === 0) continue;
      merged = mergeWebIntoSource(merged, page.dom, rect);
      pages = pages.filter((p) => p !== page);
      done.push(rect);
      this.pages.push({ ...page, rect });
    }
    this.status.inspected = done.length;
    this.status.fallback = done.length < rects.length;
    if (this.status.fallback) merged = markUninspected(merged, done);
    return (this.lastSource = merged);
  }

  /** The visible page of every webview context, always ending back in NATIVE_APP. */
  private async visiblePages(): Promise<WebPage[]> {
    const raw = (await this.session.getAppiumContexts()) as unknown[];
    const contexts = raw.map((c) => (typeof c === 'string' ? c : String((c as { id?: unknown }).id ?? ''))).filter((c) => c.startsWith('WEBVIEW_'));
    const out: WebPage[] = [];
    try {
      for (const context of contexts) {
        await this.session.switchAppiumContext(context);
        for (const handle of await this.session.getWindowHandles()) {
          await this.session.switchToWindow(handle);
          if ((await this.session.execute('return document.visibilityState')) !== 'visible') continue;
          // A WebView's page is read whole too: text the page was scrolled past counts as seen.
          await readThrough(this.session);
          out.push({ context, handle, dom: (await this.session.execute(COLLECT_DOM_SCRIPT, { maxNodes: 4000 })) as DomSnapshot });
        }
      }
    } finally {
      if (contexts.length) await this.session.switchAppiumContext('NATIVE_APP');
    }
    return out;
  }

  private async inWebview<T>(page: WebPage, fn: () => Promise<T>): Promise<T> {
    await this.session.switchAppiumContext(page.context);
    try {
      await this.session.switchToWindow(page.handle);
      return await fn();
    } finally {
      await this.session.switchAppiumContext('NATIVE_APP');
    }
  }

  /** The inspected page a locator points into (xpath / ~name / id= of a web element, or bounds= inside a WebView). */
  private webTarget(locator: string) {
    if (!this.pages.length || !this.lastSource) return undefined;
    const hit = hybridTarget(locator, this.lastSource, this.pages.map((p) => ({ rect: p.rect, viewportWidth: p.dom.viewport.width })));
    return hit && { page: this.pages[hit.webview], target: hit.target };
  }

  async type(locator: string, text: string, signal?: AbortSignal): Promise<void> {
    const web = this.webTarget(locator);
    if (!web) return this.inner.type(locator, text, signal);
    // The DOM walk left its elements in window.__govappEls of that page; point targets are CSS px (dpr 1).
    await this.inWebview(web.page, () => typeIntoField(this.session, web.target, text, 1, locator));
  }

  async clear(locator: string, signal?: AbortSignal): Promise<void> {
    const web = this.webTarget(locator);
    if (!web) return this.inner.clear(locator, signal);
    await this.inWebview(web.page, () => clearField(this.session, web.target, 1, locator));
  }

  screenshot(signal?: AbortSignal): Promise<Buffer> { return this.inner.screenshot(signal); }
  tap(x: number, y: number, signal?: AbortSignal): Promise<void> { return this.inner.tap(x, y, signal); }
  swipe(from: { x: number; y: number }, to: { x: number; y: number }, durationMs?: number, signal?: AbortSignal): Promise<void> {
    return this.inner.swipe(from, to, durationMs, signal);
  }
  back(signal?: AbortSignal): Promise<void> { return this.inner.back(signal); }
  currentApp(signal?: AbortSignal): Promise<CurrentApp> { return this.inner.currentApp(signal); }
  activateApp(pkg: string, signal?: AbortSignal): Promise<void> { return this.inner.activateApp(pkg, signal); }
  terminateApp(pkg: string, signal?: AbortSignal): Promise<void> { return this.inner.terminateApp(pkg, signal); }
  openLink(url: string, pkg: string, signal?: AbortSignal): Promise<void> {
    if (!this.inner.openLink) return Promise.reject(new Error('this device cannot open links'));
    return this.inner.openLink(url, pkg, signal);
  }
  appState(pkg: string, signal?: AbortSignal): Promise<number> { return this.inner.appState(pkg, signal); }
  close(): Promise<void> { return this.inner.close(); }
}

/** Whether a page's viewport, scaled by the width ratio, has the WebView's height (±4 %). */
function fits(dom: DomSnapshot, r: Rect): boolean {
  if (!dom.viewport.width || !width(r)) return false;
  const h = dom.viewport.height * (width(r) / dom.viewport.width);
  return Math.abs(h - height(r)) <= height(r) * 0.04 + 2;
}
