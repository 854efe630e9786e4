/**
 * A stand-in for the UiAutomator2 server (appium-uiautomator2-server's `AppiumServlet` routes)
 * on one simulated device: the HTTP protocol the real driver proxies to on the forwarded
 * `systemPort`, answered from the device's app-graph runtime. What a crawl depends on behaves as
 * on a device: the page source's root and attribute set, window size without the navigation bar
 * beside a full-size screenshot, the soft keyboard (shown when an EditText takes the focus),
 * `maxTextLength` cutting typed text in UTF-16 units, element ids that go stale with their screen.
 */
import { randomUUID } from 'node:crypto';
import { attributeOf, centerOf, elementId, elementRef, findNodes, interpretActions, InvalidSelector, isEditable, launcherScreenshot, parseElementId, rectOf, renderSource, type Gesture, type ScreenView, type ViewNode } from 'appium-replay-driver/runtime';
import { sleep } from './profiles.ts';
import type { SimDevice } from './sim-device.ts';

export interface ServerReply {
  status: number;
  body: unknown;
}

class W3CError extends Error {
  constructor(readonly status: number, readonly error: string, message: string) {
    super(message);
  }
}

const noSuchElement = (m: string) => new W3CError(404, 'no such element', m);

/** UiAutomator2's default settings, as `GET /appium/settings` reports them. */
const DEFAULT_SETTINGS: Record<string, unknown> = {
  actionAcknowledgmentTimeout: 3000,
  allowInvisibleElements: false,
  ignoreUnimportantViews: false,
  elementResponseAttributes: '',
  enableMultiWindows: false,
  enableNotificationListener: true,
  keyInjectionDelay: 0,
  scrollAcknowledgmentTimeout: 200,
  shouldUseCompactResponses: true,
  waitForIdleTimeout: 10000,
  waitForSelectorTimeout: 10000,
  normalizeTagNames: false,
  shutdownOnPowerDisconnect: true,
  simpleBoundsCalculation: false,
  trackScrollEvents: true,
  wakeLockTimeout: 86400000,
  serverPort: 6790,
  mjpegServerPort: 7810,
  mjpegServerFramerate: 10,
  mjpegScalingFactor: 50,
  mjpegServerScreenshotQuality: 50,
  mjpegBilinearFiltering: false,
  useResourcesForOrientationDetection: false,
  enableTopmostWindowFromActivePackage: false,
  disableIdLocatorAutocompletion: false,
  includeExtrasInPageSource: false,
  snapshotMaxDepth: 70,
  currentDisplayId: 0,
  limitXPathContextScope: true,
};

export class Uia2Server {
  private sessionId?: string;
  private settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  private implicitWaitMs = 0;
  private launcherPng?: Promise<string>;
  /** When the UI becomes idle again after the last input (performance.now() ms). */
  private busyUntil = 0;

  constructor(private readonly device: SimDevice) {}

  get windowHeight(): number {
    return this.device.height - this.device.navBarHeight;
  }

  async handle(method: string, url: string, body: Record<string, any>): Promise<ServerReply> {
    const path = url.replace(/^\/wd\/hub/, '').replace(/\?.*$/, '');
    try {
      const value = await this.route(method, path, body ?? {});
      return { status: 200, body: { sessionId: this.sessionId ?? null, value: value ?? null } };
    } catch (e) {
      if (e instanceof W3CError) return { status: e.status, body: { sessionId: this.sessionId ?? null, value: { error: e.error, message: e.message, stacktrace: '' } } };
      const msg = (e as Error).message ?? String(e);
      return { status: 500, body: { sessionId: this.sessionId ?? null, value: { error: 'unknown error', message: msg, stacktrace: (e as Error).stack ?? '' } } };
    }
  }

  private async route(method: string, path: string, body: Record<string, any>): Promise<unknown> {
    if (path === '/status') return { ready: true, message: 'UiAutomator2 Server is ready to accept commands' };
    if (path === '/sessions' && method === 'GET') return this.sessionId ? [{ id: this.sessionId, capabilities: {} }] : [];
    if (path === '/session' && method === 'POST') {
      this.sessionId = randomUUID();
      this.device.serverRequests = 0;
      return { sessionId: this.sessionId, capabilities: body.capabilities?.firstMatch?.[0] ?? {} };
    }
    const m = /^\/session\/([^/]+)(\/.*)?$/.exec(path);
    if (!m) throw new W3CError(404, 'unknown command', `The requested resource could not be found: ${method} ${path}`);
    const [, sid, rest = '/'] = m;
    if (sid !== this.sessionId) throw new W3CError(404, 'invalid session id', `A session is either terminated or not started (${sid})`);
    if (rest === '/' && method === 'DELETE') {
      // The server process quits once its session is deleted (the driver waits for that).
      this.sessionId = undefined;
      setTimeout(() => this.device.instrumentation?.end(false), 20);
      return null;
    }
    if (rest === '/' && method === 'GET') return { capabilities: {} };
    return this.sessionCommand(method, rest, body);
  }

  private async sessionCommand(method: string, p: string, body: Record<string, any>): Promise<unknown> {
    const d = this.device;
    const lat = d.profile.latency;
    const key = `${method} ${p.replace(/\/element\/[^/]+/, '/element/:id').replace(/\/attribute\/.+$/, '/attribute/:name')}`;
    switch (key) {
      case 'GET /source': {
        await this.waitForIdle();
        const [lo, hi] = lat.source;
        await this.device.delay(lo + Math.random() * (hi - lo));
        const view = this.view();
        if (d.profile.faults.hideMaxTextLength) for (const n of view.nodes) delete n.attrs['max-text-length'];
        return renderSource({ ...view, height: this.windowHeight });
      }
      case 'GET /screenshot':
        await this.waitForIdle();
        await this.device.delay(lat.screenshot);
        return this.screenshot();
      case 'GET /window/current/size':
        return { width: d.width, height: this.windowHeight };
      case 'GET /window/rect':
        return { x: 0, y: 0, width: d.width, height: this.windowHeight };
      case 'GET /orientation':
        return d.width > d.height ? 'LANDSCAPE' : 'PORTRAIT';
      case 'GET /appium/device/info':
        return {
          androidId: 'a1b2c3d4e5f60718', manufacturer: d.props['ro.product.manufacturer'], model: d.props['ro.product.model'],
          brand: d.props['ro.product.brand'], apiVersion: d.props['ro.build.version.sdk'], platformVersion: d.props['ro.build.version.release'],
          carrierName: '', realDisplaySize: `${d.width}x${d.height}`, displayDensity: d.density, networks: [], locale: 'zh_CN',
          timeZone: 'Asia/Shanghai', bluetooth: { state: 'OFF' },
        };
      case 'GET /appium/device/pixel_ratio':
        return d.density / 160;
      case 'GET /appium/device/display_density':
        return d.density;
      case 'GET /appium/device/system_bars':
        return { statusBar: d.statusBarHeight, navigationBar: d.navBarHeight };
      case 'GET /appium/settings':
        return this.settings;
      case 'POST /appium/settings':
        Object.assign(this.settings, body.settings ?? {});
        return this.settings;
      case 'POST /timeouts':
        if (typeof body.implicit === 'number') this.implicitWaitMs = body.implicit;
        return null;
      case 'POST /element':
      case 'POST /elements':
      case 'POST /element/:id/element':
      case 'POST /element/:id/elements': {
        await this.device.delay(lat.other);
        const ctx = key.includes(':id') ? this.resolve(p.split('/')[2]).node.index : undefined;
        return this.find(String(body.strategy ?? body.using), String(body.selector ?? body.value), key.endsWith('elements'), ctx);
      }
      case 'GET /element/:id/text':
        return this.node(p).attrs.text ?? '';
      case 'GET /element/:id/attribute/:name':
        return attributeOf(this.node(p), decodeURIComponent(p.split('/').slice(4).join('/')));
      case 'GET /element/:id/name':
        return this.node(p).attrs.class;
      case 'GET /element/:id/rect':
        return rectOf(this.node(p));
      case 'GET /element/:id/location': {
        const r = rectOf(this.node(p));
        return { x: r.x, y: r.y };
      }
      case 'GET /element/:id/size': {
        const r = rectOf(this.node(p));
        return { width: r.width, height: r.height };
      }
      case 'POST /element/:id/click': {
        await this.device.delay(lat.tap);
        const node = this.node(p);
        const { x, y } = centerOf(node);
        this.tap(x, y);
        return null;
      }
      case 'POST /element/:id/clear':
        await this.device.delay(lat.other);
        this.typeInto(this.node(p), '', 'replace');
        return null;
      case 'POST /element/:id/value':
        await this.device.delay(lat.other);
        this.typeInto(this.node(p), String(body.text ?? (Array.isArray(body.value) ? body.value.join('') : '')), body.replace ? 'replace' : 'append');
        return null;
      case 'POST /actions': {
        await this.device.delay(lat.tap);
        const events = interpretActions(body.actions ?? [], (id) => centerOf(this.resolve(id).node));
        for (const e of events) {
          if (e.kind === 'tap') this.tap(e.at.x, e.at.y);
          else if (e.kind === 'swipe' || e.kind === 'scroll') this.gesture(e.gesture);
          else if (e.kind === 'keys') this.typeFocused(e.text);
        }
        return null;
      }
      case 'POST /appium/gestures/click': {
        await this.device.delay(lat.tap);
        const el = body.origin?.ELEMENT ?? body.origin?.['element-6066-11e4-a52e-4f735466cecf'] ?? body.elementId;
        const at = el ? centerOf(this.resolve(el).node) : { x: Number(body.offset?.x ?? body.x), y: Number(body.offset?.y ?? body.y) };
        this.tap(at.x, at.y);
        return null;
      }
      case 'POST /appium/device/press_keycode':
      case 'POST /appium/device/long_press_keycode':
        await this.device.delay(lat.tap);
        if (Number(body.keycode) === 4) d.back();
        else if (Number(body.keycode) === 3) d.home();
        return null;
      case 'POST /back':
        await this.device.delay(lat.tap);
        this.input();
        d.back();
        return null;
      case 'POST /keys':
        this.typeFocused(Array.isArray(body.text) ? body.text.join('') : String(body.text ?? ''));
        return null;
      case 'GET /appium/device/is_keyboard_shown':
        return d.keyboardShown;
      case 'GET /alert/text':
        throw new W3CError(400, 'no such alert', 'No alert is open');
      case 'POST /appium/reset_ax_cache':
        return null;
      case 'POST /appium/list_windows':
        return [];
      case 'GET /element/active': {
        const f = this.device.foreground()?.runtime.focused();
        if (f === undefined) throw noSuchElement('No element has the input focus');
        return elementRef(elementId(this.view(), f));
      }
      default:
        d.log(`[${d.serial}] uia2: unsupported ${method} ${p}`);
        throw new W3CError(404, 'unknown command', `The requested resource could not be found, or a request was received using an HTTP method that is not supported by the mapped resource: ${method} ${p}`);
    }
  }

  /** UiAutomator2's waitForIdle: until the last input's animation is over, at most waitForIdleTimeout. */
  private async waitForIdle(): Promise<void> {
    const left = Math.min(this.busyUntil - performance.now(), Number(this.settings.waitForIdleTimeout) || 0);
    if (left > 0) await this.device.delay(left);
  }

  private input(): void {
    const a = this.device.profile.latency.animation;
    if (a > 0) this.busyUntil = performance.now() + a;
  }

  private view(): ScreenView {
    return this.device.view();
  }

  private async screenshot(): Promise<string> {
    const app = this.device.foreground();
    const view = this.view();
    if (app && view.stateId !== undefined) return app.screens.screenshot(view.stateId);
    this.launcherPng ??= launcherScreenshot(this.device.width, this.device.height);
    return this.launcherPng;
  }

  private async find(strategy: string, selector: string, multiple: boolean, context?: number): Promise<unknown> {
    const deadline = Date.now() + this.implicitWaitMs;
    for (;;) {
      const view = this.view();
      let hits: number[];
      try {
        hits = findNodes(view, strategy, selector, context);
      } catch (e) {
        if (e instanceof InvalidSelector) throw new W3CError(400, 'invalid selector', e.message);
        throw e;
      }
      if (multiple && (hits.length || Date.now() >= deadline)) return hits.map((i) => elementRef(elementId(view, i)));
      if (!multiple && hits.length) return elementRef(elementId(view, hits[0]));
      if (Date.now() >= deadline) throw noSuchElement(`Could not find an element using supplied strategy '${strategy}' and selector '${selector}'`);
      await sleep(200);
    }
  }

  private resolve(id: string): { view: ScreenView; node: ViewNode } {
    const ref = parseElementId(id);
    if (!ref) throw noSuchElement(`no element with id ${JSON.stringify(id)}`);
    const view = this.view();
    const node = ref.key === view.key ? view.nodes[ref.index] : undefined;
    if (!node) throw new W3CError(404, 'stale element reference', `The element '${id}' does not exist in DOM anymore`);
    return { view, node };
  }

  private node(p: string): ViewNode {
    return this.resolve(p.split('/')[2]).node;
  }

  /** A tap; when it gives an EditText the focus, the soft keyboard comes up. */
  private tap(x: number, y: number): void {
    this.input();
    const d = this.device;
    const app = d.foreground();
    if (!app) {
      // On the launcher: the app icon relaunches the last app.
      const last = [...d.apps.values()][0];
      last?.runtime.tap(x, y);
      return;
    }
    const before = app.runtime.view().key;
    d.log(`[${d.serial}] ${app.runtime.tap(x, y)}`);
    const after = d.foreground()?.runtime;
    if (!after) return;
    if (after.view().key !== before) d.keyboardShown = false;
    if (after.focused() !== undefined && after.view().key === before) {
      const node = after.view().nodes[after.focused()!];
      if (node && isEditable(node.attrs.class)) d.keyboardShown = true;
    }
  }

  private gesture(g: Gesture): void {
    this.input();
    const app = this.device.foreground();
    if (app?.runtime.gesture(g)) this.device.keyboardShown = false;
  }

  private typeFocused(keys: string): void {
    const rt = this.device.foreground()?.runtime;
    const f = rt?.focused();
    if (rt && f !== undefined) rt.type(f, keys, 'append');
  }

  /** setText on the node: cut to `max-text-length` UTF-16 units as UiAutomator2 does; focus and keyboard follow. */
  private typeInto(node: ViewNode, text: string, mode: 'append' | 'replace'): void {
    const rt = this.device.foreground()?.runtime;
    if (!rt || !isEditable(node.attrs.class)) throw new W3CError(400, 'invalid element state', `Cannot set the element to '${text}'. Did you interact with the correct element?`);
    const current = mode === 'append' ? (node.attrs.text && node.attrs.text !== node.attrs.hint ? node.attrs.text : '') : '';
    const max = Number(node.attrs['max-text-length'] ?? 0);
    let full = current + text;
    if (max > 0 && full.length > max) full = cutUtf16(full, max);
    rt.type(node.index, full, 'replace');
    if (text) this.device.keyboardShown = true;
  }
}

/**
 * `CharSequence.subSequence(0, max)`: a cut through a surrogate pair leaves a lone high surrogate,
 * which the device's UTF-8 encoder turns into `?` on its way into the page source.
 */
export function cutUtf16(s: string, max: number): string {
  const cut = s.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) + '?' : cut;
}
