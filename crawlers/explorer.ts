import type { Logger } from 'pino';
import { GovappError } from '../src/errors.ts';
import type { Device } from '../src/device/device.ts';
import { swipeVector } from '../src/device/device.ts';
import type { AppGraphTransition } from '../src/appgraph/schema.ts';
import type { ObservedAction, ObservedScreen, ProbeResult } from '../src/observation.ts';
import { parsePageSource } from '../src/snapshot/parse.ts';
import type { Snapshot } from '../src/snapshot/model.ts';
import type { BundleWriter } from '../src/bundle/writer.ts';
import { extractActions, type CandidateAction, type SkippedAction } from './actions.ts';
import { ExplorationGraph, type StateNode } from './graph.ts';
import type { SafetyPolicy } from './safety.ts';
import { signatureOf, stateHash } from './state-key.ts';
import type { Strategy } from './strategies/strategy.ts';
import type { Coverage, StopReason, Wall } from '../src/findings/schema.ts';
import type { WallKind } from '../src/findings/coverage.ts';
import { ProgressWatch, type Loop } from './progress.ts';

/** Packages that show dialogs over the app (permissions, installers, ANR): part of the app's flow. */
export const SYSTEM_DIALOG_PACKAGES = new Set([
  'com.android.permissioncontroller',
  'com.google.android.permissioncontroller',
  'com.android.packageinstaller',
  'com.google.android.packageinstaller',
  'android',
]);

/**
 * Work the crawler does on a screen before exploring it: log in, run an active probe. A task
 * acts through the same `act` as exploration, so every step is logged, observed and recorded.
 */
export interface Task {
  name: string;
  run(ctx: TaskContext): Promise<void>;
}

export interface TaskContext {
  device: Device;
  signal?: AbortSignal;
  log: Logger;
  writer: BundleWriter;
  node: StateNode;
  screen: ObservedScreen;
  snapshot: Snapshot;
  elapsedMs(): number;
  /** Runs one device action and reads the screen after it (see Explorer.act). */
  act(step: ActStep, run: () => Promise<void>): Promise<void>;
  /** The screen as last observed. */
  here(): { key: string | undefined; snapshot: Snapshot; source: string };
  /**
   * Records the screen as it is now as an extra screen `<state>-<suffix>` (a settled AI answer):
   * same state for exploration, but its own page source, screenshot and OCR in the bundle.
   */
  recordVariant(suffix: string): Promise<ObservedScreen>;
  /** Saves the current page source and screenshot as `states/<state>.<suffix>.xml|png`. */
  saveSample(suffix: string): Promise<{ source: string; screenshot: string; xml: string; snapshot: Snapshot }>;
  /** Records a probe result (probes.json; detectors read it). */
  addProbe(p: ProbeResult): void;
}

export interface TaskProvider {
  /** A task to run on this screen now, or undefined. Called every time the crawler stands on a screen. */
  next(node: StateNode, screen: ObservedScreen, snapshot: Snapshot): Task | undefined;
}

export interface ActStep {
  kind: ObservedAction['kind'];
  from?: StateNode;
  /** Edge name in the exploration graph (an action key, `back`, `wait`); none for one-off task steps. */
  edge?: string;
  details?: Partial<ObservedAction>;
  transition?: (to: string) => AppGraphTransition;
}

/** Home-screen packages: leaving the app to one of these means it was closed or sent back. */
const LAUNCHER = /launcher|\.home$|trebuchet|nexuslauncher/i;

export interface ExplorerHooks {
  /** A new screen was recorded. */
  onScreen?(screen: ObservedScreen, snapshot: Snapshot, png: Buffer): void | Promise<void>;
  /** A screen was reached (new or not); the crawler may run probes here before acting. */
  onArrive?(node: StateNode, screen: ObservedScreen, snapshot: Snapshot): void | Promise<void>;
  onAction?(action: ObservedAction): void;
}

export interface ExplorerOptions {
  device: Device;
  writer: BundleWriter;
  appPackage: string;
  policy: SafetyPolicy;
  strategy: Strategy;
  maxActions: number;
  deadline: number;
  signal?: AbortSignal;
  log: Logger;
  hooks?: ExplorerHooks;
  tasks?: TaskProvider[];
  /** Pause after each action before reading the screen (real devices: animations). */
  settleMs?: number;
  /** What the device could do with WebViews on the screen just read (hybrid apps). */
  webviewStatus?: () => { webviews: number; inspected: number; fallback: boolean; reason?: string };
  /** How long to wait for a screen without actions to move by itself (splash screens). */
  waitForTimedMoveMs?: number;
  /**
   * Judges a tap again just before it is made, with what was not known when the screen was read
   * (the OCR text inside an image-only control, crawlers/safety/ocr-gate.ts). A refusal is
   * recorded like any other and the tap is not made.
   */
  vetTap?: (state: string, action: CandidateAction) => Promise<SkippedAction | undefined>;
  // --- Target boundary hook (mini-programs, crawlers/mini/): both absent for an ordinary app. ---
  /**
   * Where a screen stands when the app is not a package of its own (a mini-program inside its
   * host): `app` (recorded, the app's), `overlay` (recorded, in its flow but not the app's, like a
   * permission dialog), `out` (left the app). Default: by package.
   */
  place?: (current: { package: string; activity: string }, snapshot: Snapshot) => 'app' | 'overlay' | 'out';
  /** Brings the app to the front when activating its package cannot (opening a mini-program inside its host); used at the start and for relaunches. */
  launch?: (signal?: AbortSignal) => Promise<void>;
}

interface Here {
  key: string | undefined;
  snapshot: Snapshot;
  source: string;
  package: string;
  activity: string;
}

/** Errors that end the crawl; any other failure of one action is logged and the crawl goes on. */
const FATAL = new Set(['DEVICE_OFFLINE', 'DEVICE_UNRESPONSIVE', 'ABORTED', 'APP_CRASH_LOOP', 'BAD_PAGE_SOURCE', 'MINI_OPEN_FAILED']);

/** Swipes in one direction on one state while each brings new texts into view. */
const MAX_SCROLLS = 10;
/** Attempts to reach a state by known moves before giving up on it. */
const MAX_TRAVEL_FAILURES = 3;

/** The texts of a screen, as a set (what scrolling is judged by); digits folded so ticking clocks are not "new". */
function textsOf(s: Snapshot): Set<string> {
  return new Set(s.elements.filter((e) => e.displayed && (e.text || e.contentDesc)).map((e) => (e.text || e.contentDesc).replace(/\d/g, '0')));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The crawl loop: observe the screen, take the next untried action the strategy ranks first,
 * travel by known moves (or a relaunch) to states with work left, stop on budget or when
 * nothing is left. Leaving the app (launcher, another app) is detected and undone.
 */
export class Explorer {
  readonly graph = new ExplorationGraph();
  readonly screens: ObservedScreen[] = [];
  readonly actions: ObservedAction[] = [];
  readonly probes: ProbeResult[] = [];
  private readonly screenByKey = new Map<string, ObservedScreen>();
  private readonly keyByHash = new Map<string, string>();
  private readonly t0 = Date.now();
  private seq = 0;
  private readonly scrolls = new Map<string, number>();
  private readonly travelFailures = new Map<string, number>();
  private readonly travelLeaves = new Map<string, number>();
  private relaunchesWithoutProgress = 0;
  private pathToHere: number[] = [];
  private here!: Here;
  /** Places the crawl could not get past (run.coverage.walls). */
  readonly walls: Wall[] = [];
  /** Untried actions of states given up on (they count as left, not tried). */
  private readonly abandonedLeft = new Map<string, number>();
  /** Moves (from, action, to) seen so far: a new one is progress. */
  private readonly moves = new Set<string>();
  private readonly watch = new ProgressWatch();
  /** The state a travel is heading for, if any: what a loop was seeking. */
  private seeking: StateNode | undefined;
  /** `<state> <task>` of every task run so far. */
  private readonly tasksRun = new Set<string>();

  constructor(private readonly o: ExplorerOptions) {}

  get elapsedMs(): number {
    return Date.now() - this.t0;
  }

  private budgetLeft(): boolean {
    return this.actions.length < this.o.maxActions && Date.now() < this.o.deadline && !this.o.signal?.aborted;
  }

  async run(): Promise<StopReason> {
    if (this.o.launch) await this.act({ kind: 'launch' }, () => this.o.launch!(this.o.signal));
    else await this.observe();
    if (!this.here.key) await this.recover('launch');
    while (this.budgetLeft()) {
      const node = this.here.key ? this.graph.get(this.here.key) : undefined;
      if (!node) {
        await this.recover('out of app');
        continue;
      }
      const untried = this.graph.untried(node);
      const task = this.nextTask(node);
      // A task that already ran here (a login on every relaunch) waits until the screen's own
      // actions are tried: otherwise the links beside a login form are never reached.
      if (task && !(untried.length && this.tasksRun.has(`${node.key} ${task.name}`))) {
        this.tasksRun.add(`${node.key} ${task.name}`);
        await this.runTask(node, task);
        continue;
      }
      if (untried.length) {
        const ranked = this.o.strategy.rank(node, untried, this.graph);
        // The strategy may leave this screen's actions for later when better work waits elsewhere.
        if (this.o.strategy.defer?.(node, ranked, this.graph) && (await this.travel(node))) continue;
        await this.perform(node, ranked[0]);
        continue;
      }
      if (!node.waited && node.actions.length === 0) {
        await this.waitForTimedMove(node);
        continue;
      }
      if (!node.backTried) {
        if (this.o.strategy.defer?.(node, [], this.graph) && (await this.travel(node))) continue;
        await this.pressBack(node);
        continue;
      }
      if (!(await this.travel(node))) return 'explored';
    }
    return 'budget';
  }

  private nextTask(node: StateNode): Task | undefined {
    const screen = this.screenByKey.get(node.key)!;
    for (const p of this.o.tasks ?? []) {
      const t = p.next(node, screen, this.here.snapshot);
      if (t) return t;
    }
    return undefined;
  }

  private async runTask(node: StateNode, task: Task): Promise<void> {
    const ctx: TaskContext = {
      device: this.o.device,
      signal: this.o.signal,
      log: this.o.log.child({ task: task.name }),
      writer: this.o.writer,
      node,
      screen: this.screenByKey.get(node.key)!,
      snapshot: this.here.snapshot,
      elapsedMs: () => this.elapsedMs,
      act: (step, run) => this.act(step, run),
      here: () => ({ key: this.here.key, snapshot: this.here.snapshot, source: this.here.source }),
      recordVariant: (suffix) => this.recordVariant(node, suffix),
      saveSample: (suffix) => this.saveSample(node, suffix),
      addProbe: (p) => {
        this.probes.push(p);
        this.o.writer.addProbe(p);
      },
    };
    try {
      await task.run(ctx);
    } catch (e) {
      if (e instanceof GovappError && FATAL.has(e.code)) throw e;
      this.o.log.warn({ task: task.name, err: String((e as Error)?.message ?? e) }, 'task failed');
    }
  }

  /** Goes to the best state with work left; false when there is none anywhere. */
  private async travel(from: StateNode, relaunched = false): Promise<boolean> {
    const withWork = [...this.graph.nodes.values()].filter((n) => n.key !== from.key && this.graph.hasWork(n));
    if (!withWork.length) return false;
    const paths = new Map(withWork.map((n) => [n.key, this.graph.pathTo(from.key, (m) => m.key === n.key)]));
    const reachable = withWork.filter((n) => paths.get(n.key));
    if (!reachable.length) {
      // Nothing known leads there from here: relaunch. If a fresh launch cannot reach them
      // either, they are out of reach (behind a login that failed, a one-time screen…).
      if (this.relaunchesWithoutProgress >= 2) {
        for (const n of withWork) this.abandon(n, 'unreachable');
        this.o.log.info({ states: withWork.map((n) => n.key) }, 'giving up on states no known move reaches');
        return [...this.graph.nodes.values()].some((n) => this.graph.hasWork(n));
      }
      if (relaunched) return true;
      this.relaunchesWithoutProgress++;
      await this.relaunch();
      // Head for the work at once: a task on the launch screen (a login) would take the crawl
      // away from the only known way there.
      const start = this.here.key ? this.graph.get(this.here.key) : undefined;
      return start && this.budgetLeft() && this.graph.pathTo(start.key, (m) => this.graph.hasWork(m)) ? this.travel(start, true) : true;
    }
    const target = this.o.strategy.pickTarget(reachable, (n) => paths.get(n.key)!.length, this.graph);
    const path = paths.get(target!.key)!;
    this.seeking = target;
    try {
      return this.follow(target!, path);
    } finally {
      this.seeking = undefined;
    }
  }

  /** Walks a planned path to `target`; gives the target up when known moves keep missing it. */
  private async follow(target: StateNode, path: NonNullable<ReturnType<ExplorationGraph['pathTo']>>): Promise<boolean> {
    for (const edge of path) {
      if (!this.budgetLeft()) return true;
      // A loop found on the way has given the target up.
      if (!this.graph.hasWork(target)) break;
      const node = this.graph.get(edge.from)!;
      if (edge.action === 'back') await this.pressBack(node);
      else if (edge.action === 'wait') await this.waitForTimedMove(node);
      else {
        const action = node.actions.find((a) => a.key === edge.action);
        if (!action) break;
        await this.perform(node, action);
      }
      if (this.here.key !== edge.to) {
        // The app did something else: plan again from here; a target that keeps eluding us is given up.
        // Landing on another screen of the app only shows the edge was stale (a detail screen shared
        // by several lists goes back to whichever opened it); it has just been relearnt, so only a
        // move that did nothing or left the app counts against the target.
        const stale = this.here.key !== undefined && this.here.key !== edge.from;
        const fails = (this.travelFailures.get(target.key) ?? 0) + (stale ? 0 : 1);
        this.travelFailures.set(target.key, fails);
        if (!this.here.key) this.travelLeaves.set(target.key, (this.travelLeaves.get(target.key) ?? 0) + 1);
        if (fails >= MAX_TRAVEL_FAILURES) {
          this.o.log.info({ state: target.key }, 'giving up on a state known moves no longer reach');
          this.abandon(target, (this.travelLeaves.get(target.key) ?? 0) >= fails ? 'leaves-app' : 'unreachable');
        }
        break;
      }
    }
    // Reached: earlier failures were stale edges (now relearnt), not an unreachable state.
    if (this.here.key === target.key) {
      this.travelFailures.delete(target.key);
      this.travelLeaves.delete(target.key);
    }
    return true;
  }

  /** Reads the current screen; records it when new. */
  private async observe(): Promise<void> {
    const { device, signal } = this.o;
    const [source, current] = await Promise.all([device.pageSource(signal), device.currentApp(signal)]);
    const snapshot = parsePageSource(source, 'page source from the device');
    const place = this.o.place?.(current, snapshot);
    const inApp = place ? place === 'app' : current.package === this.o.appPackage;
    const onTop = place ? place !== 'out' : inApp || SYSTEM_DIALOG_PACKAGES.has(current.package);
    this.here = { key: undefined, snapshot, source, package: current.package, activity: current.activity };
    if (!onTop) return;
    const hash = stateHash(signatureOf(snapshot, current));
    let key = this.keyByHash.get(hash);
    if (!key) key = await this.record(hash, source, snapshot, current, inApp);
    else this.mergeActions(this.graph.get(key)!, snapshot);
    this.here.key = key;
    const node = this.graph.get(key)!;
    node.visits++;
    await this.o.hooks?.onArrive?.(node, this.screenByKey.get(key)!, snapshot);
  }

  private async record(hash: string, source: string, snapshot: Snapshot, current: { package: string; activity: string }, inApp: boolean): Promise<string> {
    const key = `s${this.keyByHash.size + 1}`;
    this.keyByHash.set(hash, key);
    const png = await this.o.device.screenshot(this.o.signal);
    const { actions, skipped } = this.candidates(snapshot);
    for (const s of skipped) this.o.writer.addSkipped({ state: key, ...s });
    const screen: ObservedScreen = {
      state: key,
      screenshot: `states/${key}.png`,
      source: `states/${key}.xml`,
      package: current.package,
      activity: current.activity,
      inApp,
      snapshot,
      texts: [],
      firstSeenMs: this.elapsedMs,
      path: [...this.pathToHere],
    };
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
      depth: this.pathToHere.length,
      seenTexts: textsOf(snapshot),
      refused: new Set(skipped.map((x) => JSON.stringify(x.selector))),
    });
    this.o.writer.addScreen(screen, source, png);
    this.watch.progress();
    this.o.log.info({ state: key, activity: current.activity, actions: actions.length, skipped: skipped.length }, 'new screen');
    await this.o.hooks?.onScreen?.(screen, snapshot, png);
    return key;
  }

  /**
   * Runs one action, reads the screen after it, and logs it: crawl.jsonl always, a recorded
   * transition when it took effect, an edge of the exploration graph when it stayed in the app.
   */
  private async act(step: ActStep, run: () => Promise<void>): Promise<void> {
    const { kind, from } = step;
    // A task's tap (a login's submit) is that control's try: it is not left as work undone.
    const b = step.details?.bounds;
    if (from && kind === 'tap' && !step.edge && b) {
      const same = from.actions.find((a) => a.kind === 'tap' && a.bounds.x1 === b.x1 && a.bounds.y1 === b.y1 && a.bounds.x2 === b.x2 && a.bounds.y2 === b.y2);
      if (same) from.tried.add(same.key);
    }
    const startedMs = this.elapsedMs;
    const seq = ++this.seq;
    let outcome: ObservedAction['outcome'] = 'same';
    const before = this.here?.key;
    try {
      await run();
      if (this.o.settleMs) await sleep(this.o.settleMs);
      this.pathToHere = kind === 'relaunch' || kind === 'launch' ? [] : [...this.pathToHere, seq];
      await this.observe();
      if (!this.here.key) outcome = 'left-app';
      else if (this.here.key !== before) outcome = 'moved';
      const known = this.here.key ? this.screenByKey.get(this.here.key)!.path : undefined;
      // Keep the shortest known way here as the path that reaches this screen.
      if (known && known.length < this.pathToHere.length) this.pathToHere = [...known];
    } catch (e) {
      if (e instanceof GovappError && FATAL.has(e.code)) throw e;
      outcome = 'error';
      this.o.log.warn({ err: String((e as Error).message ?? e), kind }, 'action failed');
    }
    const action: ObservedAction = {
      seq,
      kind,
      from: from?.key ?? before ?? '(outside)',
      to: this.here?.key,
      outcome,
      startedMs,
      durationMs: this.elapsedMs - startedMs,
      ...step.details,
    };
    this.actions.push(action);
    const to = this.here?.key;
    if (from && to && step.edge) this.graph.addEdge({ from: from.key, action: step.edge, to });
    this.o.writer.addAction(action, from && to && outcome === 'moved' ? step.transition?.(to) : undefined);
    this.o.hooks?.onAction?.(action);
    this.watchMove({ from: action.from, action: step.edge ?? `${kind} ${action.label ?? ''} ${action.detail ?? ''}`, to });
  }

  /** Feeds one move to the progress watch; a move never made before is progress. */
  private watchMove(m: { from: string; action: string; to: string | undefined }): void {
    const id = JSON.stringify([m.from, m.action, m.to ?? null]);
    if (!this.moves.has(id)) {
      this.moves.add(id);
      this.watch.progress();
      return;
    }
    const loop = this.watch.step(m);
    if (loop) this.onLoop(loop);
  }

  /**
   * A cycle that yields nothing: give up what it was seeking (the travel target, else the states
   * of the cycle that still have work), as a `loop` wall, and move on.
   */
  private onLoop(loop: Loop): void {
    const inCycle = new Set(loop.cycle.flatMap((m) => [m.from, m.to]).filter((k): k is string => !!k));
    if (!inCycle.size && this.here?.key) inCycle.add(this.here.key);
    const sought = this.seeking && this.graph.hasWork(this.seeking) ? [this.seeking] : [...inCycle].map((k) => this.graph.get(k)).filter((n): n is StateNode => !!n && this.graph.hasWork(n));
    this.o.log.info({ cycle: loop.cycle.map((m) => `${m.from} ${m.action} → ${m.to ?? '(left)'}`), idle: loop.idle, giveUp: sought.map((n) => n.key) }, 'no-progress loop');
    for (const n of sought) this.abandon(n, 'loop');
  }

  private candidates(snapshot: Snapshot) {
    return extractActions(snapshot, { appPackage: this.o.appPackage, policy: this.o.policy });
  }

  /** A known state can show more than last time (rows scrolled into view): add their actions. */
  private mergeActions(node: StateNode, snapshot: Snapshot): void {
    const { actions, skipped } = this.candidates(snapshot);
    const known = new Set(node.actions.map((a) => a.key));
    for (const a of actions)
      if (!known.has(a.key)) {
        node.actions.push(a);
        this.watch.progress();
      }
    for (const x of skipped) {
      const k = JSON.stringify(x.selector);
      if (node.refused.has(k)) continue;
      node.refused.add(k);
      this.o.writer.addSkipped({ state: node.key, ...x });
    }
  }

  /**
   * After a swipe that stayed on the same state: when it brought texts never seen on this state
   * into view, record the scrolled screen as a variant (its texts are evidence too) and swipe
   * again, until nothing new appears or MAX_SCROLLS is reached.
   */
  private async afterScroll(node: StateNode, a: CandidateAction): Promise<void> {
    if (this.here.key !== node.key) return;
    const fresh = [...textsOf(this.here.snapshot)].filter((t) => !node.seenTexts.has(t));
    if (!fresh.length) return;
    this.watch.progress();
    for (const t of fresh) node.seenTexts.add(t);
    const n = (this.scrolls.get(`${node.key} ${a.key}`) ?? 0) + 1;
    this.scrolls.set(`${node.key} ${a.key}`, n);
    await this.recordVariant(node, `${a.gesture === 'scroll-down' ? 'down' : a.gesture === 'scroll-up' ? 'up' : a.gesture === 'scroll-left' ? 'left' : 'right'}${n}`);
    if (n < MAX_SCROLLS) node.tried.delete(a.key);
  }

  private async saveSample(node: StateNode, suffix: string) {
    const [xml, png] = [await this.o.device.pageSource(this.o.signal), await this.o.device.screenshot(this.o.signal)];
    const source = `states/${node.key}.${suffix}.xml`;
    const screenshot = `states/${node.key}.${suffix}.png`;
    this.o.writer.writeFile(source, xml);
    this.o.writer.writeFile(screenshot, png);
    return { source, screenshot, xml, snapshot: parsePageSource(xml, source) };
  }

  private async recordVariant(node: StateNode, suffix: string): Promise<ObservedScreen> {
    const [source, current] = await Promise.all([this.o.device.pageSource(this.o.signal), this.o.device.currentApp(this.o.signal)]);
    const png = await this.o.device.screenshot(this.o.signal);
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
      firstSeenMs: this.elapsedMs,
      path: [...this.pathToHere],
    };
    this.screens.push(screen);
    this.screenByKey.set(key, screen);
    this.o.writer.addScreen(screen, source, png);
    await this.o.hooks?.onScreen?.(screen, snapshot, png);
    return screen;
  }

  /**
   * Gives a state up: its work is left undone. When actions of it were still untried, that is a
   * wall of `kind` (a state with only a back press or a wait left hides nothing).
   */
  private abandon(n: StateNode, kind?: WallKind): void {
    const left = this.graph.untried(n).length;
    if (left) {
      this.abandonedLeft.set(n.key, (this.abandonedLeft.get(n.key) ?? 0) + left);
      if (kind) this.addWall({ state: n.key, kind, ...this.wallText(n.key) });
    }
    for (const a of n.actions) n.tried.add(a.key);
    n.backTried = true;
    n.waited = true;
  }

  /** Records a wall once per state and kind. */
  addWall(w: Wall): void {
    if (this.walls.some((x) => x.state === w.state && x.kind === w.kind)) return;
    this.walls.push(w);
    this.o.log.info({ wall: w }, 'wall');
  }

  /** The state the crawl stands on (undefined when outside the app). */
  get current(): string | undefined {
    return this.here?.key;
  }

  /** A short text naming a screen for a wall: its title or first line. */
  private wallText(key: string): { text?: string } {
    const els = this.screenByKey.get(key)?.snapshot.elements.filter((e) => e.displayed) ?? [];
    // A title or first line of text; a content description (a back arrow's "返回") only failing that.
    const el = els.find((e) => /title/i.test(e.resourceId) && e.text.trim()) ?? els.find((e) => e.text.trim()) ?? els.find((e) => e.contentDesc.trim());
    const text = el ? (el.text || el.contentDesc).trim().slice(0, 30) : undefined;
    return text ? { text } : {};
  }

  /** What the crawl saw and left so far (findings.md `run.coverage`). */
  coverage(extraWalls: Wall[] = []): Coverage {
    let left = 0;
    let refused = 0;
    for (const n of this.graph.nodes.values()) {
      left += this.abandonedLeft.get(n.key) ?? this.graph.untried(n).length;
      refused += n.refused.size;
    }
    const walls = [...this.walls];
    for (const w of extraWalls) if (!walls.some((x) => x.state === w.state && x.kind === w.kind)) walls.push(w);
    return { screens: this.screens.length, actionsTried: this.actions.length, actionsLeft: left, refused, walls };
  }

  private async perform(node: StateNode, a: CandidateAction): Promise<void> {
    node.tried.add(a.key);
    const refusal = a.kind === 'tap' ? await this.o.vetTap?.(node.key, a) : undefined;
    if (refusal) {
      node.refused.add(JSON.stringify(refusal.selector));
      this.o.writer.addSkipped({ state: node.key, ...refusal });
      this.o.log.info({ state: node.key, label: refusal.label, intent: refusal.intent }, 'tap refused on second look');
      return;
    }
    this.relaunchesWithoutProgress = 0;
    const { device, signal } = this.o;
    const details = { selector: a.selector, label: a.label, bounds: a.bounds };
    if (a.kind === 'tap') {
      await this.act(
        { kind: 'tap', from: node, edge: a.key, details, transition: (to) => ({ from: node.key, on: a.selector, to, replace: true }) },
        () => device.tap(a.point.x, a.point.y, signal),
      );
      return;
    }
    const gesture = a.gesture!;
    const finger = ({ 'scroll-down': 'up', 'scroll-up': 'down', 'scroll-right': 'left', 'scroll-left': 'right' } as const)[gesture];
    const v = swipeVector(a.bounds, finger);
    await this.act(
      { kind: 'swipe', from: node, edge: a.key, details: { ...details, detail: gesture }, transition: (to) => ({ from: node.key, gesture, to, replace: true }) },
      () => device.swipe(v.from, v.to, 300, signal),
    );
    await this.afterScroll(node, a);
  }

  private async pressBack(node: StateNode): Promise<void> {
    node.backTried = true;
    this.relaunchesWithoutProgress = 0;
    await this.act(
      { kind: 'back', from: node, edge: 'back', transition: (to) => ({ from: node.key, key: 'back', to, replace: true }) },
      () => this.o.device.back(this.o.signal),
    );
  }

  /** Screens without actions (splash, loading) usually move by themselves: wait and see. */
  private async waitForTimedMove(node: StateNode): Promise<void> {
    node.waited = true;
    const limit = this.o.waitForTimedMoveMs ?? 6000;
    const started = Date.now();
    await this.act(
      {
        kind: 'wait',
        from: node,
        edge: 'wait',
        transition: (to) => ({ from: node.key, after: Math.max(1, Math.ceil((Date.now() - started) / 1000)), to, replace: true }),
      },
      async () => {
        while (Date.now() - started < limit && !this.o.signal?.aborted) {
          await sleep(250);
          const [source, current] = await Promise.all([this.o.device.pageSource(this.o.signal), this.o.device.currentApp(this.o.signal)]);
          const hash = stateHash(signatureOf(parsePageSource(source), current));
          if (hash !== node.hash) return;
        }
      },
    );
  }

  /**
   * Out of the app: from another app (browser, dialer, settings) back once usually returns;
   * from the launcher, or if back did not help, bring the app to the front again.
   */
  private async recover(why: string): Promise<void> {
    this.o.log.debug({ why, package: this.here?.package }, 'recovering');
    if (!LAUNCHER.test(this.here?.package ?? '')) await this.act({ kind: 'back' }, () => this.o.device.back(this.o.signal));
    if (!this.here.key && this.budgetLeft()) await this.relaunch();
  }

  private async relaunch(): Promise<void> {
    const { device, signal, appPackage } = this.o;
    await this.act({ kind: 'relaunch' }, async () => {
      if (this.o.launch) return this.o.launch(signal);
      await device.terminateApp(appPackage, signal).catch(() => undefined);
      await device.activateApp(appPackage, signal);
    });
    if (!this.here.key) throw new GovappError('INTERNAL', `the app ${appPackage} does not come to the front after a relaunch (now: ${this.here.package})`);
  }
}
