import type { ObservedScreen } from '../../src/observation.ts';
import { parsePageSource } from '../../src/snapshot/parse.ts';
import type { Snapshot } from '../../src/snapshot/model.ts';
import { extractActions } from '../actions.ts';
import type { ExplorationGraph, StateNode } from '../graph.ts';
import { signatureOf, stateHash } from '../state-key.ts';
import type { LoopGuard } from './loop-guard.ts';
import type { ExplorerOptions } from './options.ts';
import type { Position } from './position.ts';

/** Packages that show dialogs over the app (permissions, installers, ANR): part of the app's flow. */
export const SYSTEM_DIALOG_PACKAGES = new Set([
  'com.android.permissioncontroller',
  'com.google.android.permissioncontroller',
  'com.android.packageinstaller',
  'com.google.android.packageinstaller',
  'android',
]);

/** The texts of a screen, as a set (what scrolling is judged by); digits folded so ticking clocks are not "new". */
export function textsOf(s: Snapshot): Set<string> {
  return new Set(s.elements.filter((e) => e.displayed && (e.text || e.contentDesc)).map((e) => (e.text || e.contentDesc).replace(/\d/g, '0')));
}

type ObserverOptions = Pick<ExplorerOptions, 'device' | 'signal' | 'appPackage' | 'policy' | 'writer' | 'lifecycle' | 'log' | 'webviewStatus' | 'place'>;

/**
 * Reads screens and records them: the one writer of `Position.here`. A screen never seen before
 * becomes a state (its actions extracted, refusals reported, its files sent out through the
 * lifecycle); a known one may show more actions than last time.
 */
export class Observer {
  readonly screens: ObservedScreen[] = [];
  private readonly screenByKey = new Map<string, ObservedScreen>();
  private readonly keyByHash = new Map<string, string>();

  constructor(
    private readonly o: ObserverOptions,
    private readonly graph: ExplorationGraph,
    private readonly position: Position,
    private readonly guard: LoopGuard,
    private readonly elapsedMs: () => number,
  ) {}

  screenOf(key: string): ObservedScreen | undefined {
    return this.screenByKey.get(key);
  }

  /** Reads the current screen into the position; records it when new. */
  async observe(): Promise<void> {
    const { device, signal } = this.o;
    const [source, current] = await Promise.all([device.pageSource(signal), device.currentApp(signal)]);
    const snapshot = parsePageSource(source, 'page source from the device');
    const place = this.o.place?.(current, snapshot);
    const inApp = place ? place === 'app' : current.package === this.o.appPackage;
    const onTop = place ? place !== 'out' : inApp || SYSTEM_DIALOG_PACKAGES.has(current.package);
    this.position.arrive({ key: undefined, snapshot, source, package: current.package, activity: current.activity });
    if (!onTop) return;
    const hash = stateHash(signatureOf(snapshot, current));
    let key = this.keyByHash.get(hash);
    if (!key) key = await this.record(hash, source, snapshot, current, inApp);
    else await this.mergeActions(this.graph.get(key)!, snapshot);
    this.position.arrive({ key, snapshot, source, package: current.package, activity: current.activity });
    this.graph.get(key)!.visits++;
    await this.o.lifecycle.emit('onArrive', this.screenByKey.get(key)!, snapshot);
  }

  private async record(hash: string, source: string, snapshot: Snapshot, current: { package: string; activity: string }, inApp: boolean): Promise<string> {
    const key = `s${this.keyByHash.size + 1}`;
    this.keyByHash.set(hash, key);
    const png = await this.o.device.screenshot(this.o.signal);
    const { actions, skipped } = this.candidates(snapshot);
    for (const s of skipped) await this.o.lifecycle.emit('onRefusal', { state: key, ...s });
    const path = [...this.position.path];
    const screen: ObservedScreen = { state: key, screenshot: `states/${key}.png`, source: `states/${key}.xml`, package: current.package, activity: current.activity, inApp, snapshot, texts: [], firstSeenMs: this.elapsedMs(), path };
    const webview = this.o.webviewStatus?.();
    if (webview?.webviews) screen.webview = webview;
    this.screens.push(screen);
    this.screenByKey.set(key, screen);
    this.graph.add({
      key,
      hash,
      order: this.graph.nodes.size,
      actions,
      tried: new Set(),
      backTried: false,
      waited: false,
      visits: 0,
      depth: path.length,
      seenTexts: textsOf(snapshot),
      refused: new Set(skipped.map((x) => JSON.stringify(x.selector))),
    });
    this.guard.progress();
    this.o.log.info({ state: key, activity: current.activity, actions: actions.length, skipped: skipped.length }, 'new screen');
    await this.o.lifecycle.emit('onState', screen, { source, png });
    return key;
  }

  private candidates(snapshot: Snapshot) {
    return extractActions(snapshot, { appPackage: this.o.appPackage, policy: this.o.policy });
  }

  /** A known state can show more than last time (rows scrolled into view): add their actions. */
  private async mergeActions(node: StateNode, snapshot: Snapshot): Promise<void> {
    const { actions, skipped } = this.candidates(snapshot);
    const known = new Set(node.actions.map((a) => a.key));
    for (const a of actions)
      if (!known.has(a.key)) {
        node.actions.push(a);
        this.guard.progress();
      }
    for (const x of skipped) {
      const k = JSON.stringify(x.selector);
      if (node.refused.has(k)) continue;
      node.refused.add(k);
      await this.o.lifecycle.emit('onRefusal', { state: node.key, ...x });
    }
  }

  /** Records the screen as it is now as a variant `<state>-<suffix>` of `node` (a scrolled view, a settled answer). */
  async recordVariant(node: StateNode, suffix: string): Promise<ObservedScreen> {
    const { device, signal } = this.o;
    const [source, current] = await Promise.all([device.pageSource(signal), device.currentApp(signal)]);
    const png = await device.screenshot(signal);
    const snapshot = parsePageSource(source, 'page source from the device');
    const base = this.screenByKey.get(node.key)!;
    const key = `${node.key}-${suffix}`;
    const screen: ObservedScreen = {
      ...base,
      state: key,
      screenshot: `states/${key}.png`,
      source: `states/${key}.xml`,
      package: current.package,
      activity: current.activity,
      snapshot,
      texts: [],
      ocr: undefined,
      firstSeenMs: this.elapsedMs(),
      path: [...this.position.path],
    };
    this.screens.push(screen);
    this.screenByKey.set(key, screen);
    await this.o.lifecycle.emit('onState', screen, { source, png });
    return screen;
  }

  /** Saves the current page source and screenshot as `states/<state>.<suffix>.xml|png` (probe samples). */
  async saveSample(node: StateNode, suffix: string) {
    const [xml, png] = [await this.o.device.pageSource(this.o.signal), await this.o.device.screenshot(this.o.signal)];
    const source = `states/${node.key}.${suffix}.xml`;
    const screenshot = `states/${node.key}.${suffix}.png`;
    this.o.writer.writeFile(source, xml);
    this.o.writer.writeFile(screenshot, png);
    return { source, screenshot, xml, snapshot: parsePageSource(xml, source) };
  }
}
