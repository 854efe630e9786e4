/**
 * The app as a running process: back stack, transitions, timers, typed text, app state
 * (spec app-graph.md, "Behaviour of a device serving an app-graph"). Pure: no Appium, no I/O;
 * time comes from an injected clock and screens from an injected lookup, so it is unit-testable.
 *
 * Timed moves are evaluated lazily: every query or action first `settle()`s, firing each timer
 * that fell due since the state was entered, chained, each at its own due time.
 */
import type { AppGraph, AppGraphTransition, Selector } from '@govapp/app-graph/schema';
import { BackStack, type AppStatus } from './back-stack.ts';
import { climbToClickable, deepestAt, matchesSelector } from './hit-test.ts';
import { LAUNCHER_ICON_ID, LAUNCHER_PACKAGE, launcherView } from './launcher.ts';
import { stateView, type ScreenSource } from './state-view.ts';
import { applyKeys, inputRules, isEditable, sanitize, type InputRules } from './text-input.ts';
import { subtree, type ScreenView } from './view.ts';

export type { AppStatus, ScreenSource };
export type Gesture = NonNullable<AppGraphTransition['gesture']>;
/** Appium queryAppState values. */
export type AppState = 0 | 1 | 3 | 4;

export interface RuntimeOptions {
  now?: () => number;
  log?: (msg: string) => void;
}

export class GraphRuntime {
  private readonly stack = new BackStack();
  private launchedAt = 0;
  private readonly from = new Map<string, AppGraphTransition[]>();
  private readonly states = new Map<string, AppGraph['states'][number]>();
  private readonly now: () => number;
  private readonly log: (msg: string) => void;
  readonly rules: InputRules;

  constructor(private readonly graph: AppGraph, private readonly screen: (stateId: string) => ScreenSource, opts: RuntimeOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.log = opts.log ?? (() => {});
    this.rules = inputRules(graph);
    for (const t of graph.transitions) this.from.set(t.from, [...(this.from.get(t.from) ?? []), t]);
    for (const s of graph.states) this.states.set(s.id, s);
  }

  /** Session start or activating the app's package: the stack becomes `[start]`. */
  launch(): void {
    const at = this.now();
    this.stack.launch(this.graph.start, at);
    this.launchedAt = at;
    this.log(`launch ${this.graph.app.package}: [${this.graph.start}]`);
  }

  get appStatus(): AppStatus {
    this.settle();
    return this.stack.status;
  }

  /** State ids from bottom to top (empty unless in the foreground). */
  backStack(): string[] {
    this.settle();
    return this.stack.ids();
  }

  /** Fires every timer that has fallen due, chained, each at its own due time. */
  settle(at = this.now()): void {
    for (let guard = 0; guard < 1000 && this.stack.status === 'foreground'; guard++) {
      const top = this.stack.top;
      const timers = this.outgoing(top.stateId).filter((t) => t.after !== undefined).sort((a, b) => a.after! - b.after!);
      const due = timers.find((t) => top.enteredAt + t.after! * 1000 <= at && this.canFire(t, this.build(top.enteredAt + t.after! * 1000)));
      if (!due) return;
      const when = top.enteredAt + due.after! * 1000;
      this.log(`timer ${due.after}s on ${top.stateId}`);
      this.fire(due, when, this.build(when));
    }
  }

  view(): ScreenView {
    const at = this.now();
    this.settle(at);
    return this.build(at);
  }

  currentPackage(): string {
    return this.view().package;
  }

  currentActivity(): string {
    return this.view().activity;
  }

  /** A tap at a point: deepest node → nearest clickable ancestor → first matching transition. */
  tap(x: number, y: number): string {
    const at = this.now();
    this.settle(at);
    const view = this.build(at);
    const hit = deepestAt(view.nodes, x, y);
    const clickable = hit && climbToClickable(view.nodes, hit);
    if (this.stack.status !== 'foreground') {
      if (clickable?.attrs['resource-id'] !== LAUNCHER_ICON_ID) return `tap (${x},${y}) on the launcher: nothing`;
      this.launch();
      return `tap (${x},${y}) on the launcher icon: app launched`;
    }
    const top = this.stack.top;
    const editable = [hit, clickable].find((n) => n && isEditable(n.attrs.class));
    if (editable) top.focused = editable.index;
    if (!clickable) return `tap (${x},${y}) on ${view.stateId}: dead spot`;
    const inside = subtree(view.nodes, clickable.index);
    for (const t of this.outgoing(top.stateId)) {
      if (t.on && inside.some((n) => matchesSelector(n.attrs, t.on as Selector)) && this.fire(t, at, view)) {
        return `tap (${x},${y}) on ${view.stateId} → ${this.stack.describe()}`;
      }
    }
    return `tap (${x},${y}) on ${view.stateId}: no transition`;
  }

  /** A classified swipe; gestures replace the top unless the transition says otherwise. */
  gesture(kind: Gesture): boolean {
    const at = this.now();
    this.settle(at);
    if (this.stack.status !== 'foreground') return false;
    const view = this.build(at);
    const t = this.outgoing(view.stateId!).find((t) => t.gesture === kind && this.canFire(t, view));
    if (!t) return false;
    this.fire(t, at, view);
    this.log(`${kind} on ${view.stateId} → ${this.stack.describe()}`);
    return true;
  }

  /** Back key: a `key: back` transition first, otherwise pop; popping the last screen backgrounds the app. */
  back(): void {
    const at = this.now();
    this.settle(at);
    if (this.stack.status !== 'foreground') return;
    const view = this.build(at);
    const t = this.outgoing(view.stateId!).find((t) => t.key === 'back' && this.canFire(t, view));
    if (t) this.fire(t, at, view);
    else this.stack.pop(at);
    this.log(`back on ${view.stateId} → ${this.stack.describe()}`);
  }

  /** HOME: the app goes to the background. */
  home(): void {
    this.settle();
    if (this.stack.status === 'foreground') this.stack.leave('background');
  }

  /** Launches the app unless it is already in the foreground; the launcher package means HOME. */
  activate(pkg: string): void {
    this.settle();
    if (pkg === this.graph.app.package && this.stack.status !== 'foreground') this.launch();
    else if (pkg === LAUNCHER_PACKAGE) this.home();
  }

  /** Stops the app; true when it was running. */
  terminate(pkg: string): boolean {
    this.settle();
    if (pkg !== this.graph.app.package || this.stack.status === 'stopped') return false;
    this.stack.leave('stopped');
    this.log(`terminate ${pkg}`);
    return true;
  }

  appState(pkg: string): AppState {
    const view = this.view();
    if (pkg === this.graph.app.package) return this.stack.status === 'foreground' ? 4 : this.stack.status === 'background' ? 3 : 1;
    if (pkg === view.package) return 4;
    if (pkg === LAUNCHER_PACKAGE) return 3;
    return this.graph.states.some((s) => s.package === pkg) ? 1 : 0;
  }

  /** Index of the focused EditText on the current screen, if any. */
  focused(): number | undefined {
    this.settle();
    return this.stack.status === 'foreground' ? this.stack.top.focused : undefined;
  }

  /** Types keys into an EditText of the current screen (append, or replace its text); returns the stored text. */
  type(index: number, keys: string, mode: 'append' | 'replace'): string {
    const view = this.view();
    const node = view.nodes[index];
    if (this.stack.status !== 'foreground' || !node || !isEditable(node.attrs.class)) throw new Error(`element ${index} does not take text`);
    const top = this.stack.top;
    const base = this.screen(top.stateId).nodes[index].attrs;
    const current = top.typed.get(index) ?? (base.text && base.text === base.hint ? '' : (base.text ?? ''));
    const stored = sanitize(applyKeys(mode === 'replace' ? '' : current, keys), this.rules);
    top.typed.set(index, stored);
    top.focused = index;
    return stored;
  }

  private build(at: number): ScreenView {
    const { graph, stack } = this;
    if (stack.status !== 'foreground') return launcherView(stack.launcherKey, graph.device.width, graph.device.height, graph.app.label ?? graph.app.package);
    return stateView(graph, this.stateOf(stack.top.stateId), this.screen(stack.top.stateId), stack.top, at - this.launchedAt);
  }

  /** Whether a transition would do something: its `when` holds, or it has an `else`. */
  private canFire(t: AppGraphTransition, view: ScreenView): boolean {
    return !t.when || t.else !== undefined || this.holds(t.when, view);
  }

  private fire(t: AppGraphTransition, at: number, view: ScreenView): boolean {
    if (!this.canFire(t, view)) return false;
    if (t.when && !this.holds(t.when, view)) this.stack.move(t.else!, false, at);
    else this.stack.move(t.to, t.replace ?? t.gesture !== undefined, at);
    return true;
  }

  private holds(when: Record<string, string>, view: ScreenView): boolean {
    return Object.entries(when).every(([rid, text]) => {
      const field = view.nodes.find((n) => n.attrs['resource-id'] === rid);
      return field !== undefined && (field.attrs.text ?? '') === text;
    });
  }

  private outgoing(stateId: string): AppGraphTransition[] {
    return this.from.get(stateId) ?? [];
  }

  private stateOf(id: string): AppGraph['states'][number] {
    const s = this.states.get(id);
    if (!s) throw new Error(`no state "${id}"`);
    return s;
  }
}
