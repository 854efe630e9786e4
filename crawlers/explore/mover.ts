import { GovappError } from '../../src/errors.ts';
import { swipeVector } from '../../src/device/device.ts';
import type { ObservedAction } from '../../src/observation.ts';
import { parsePageSource } from '../../src/snapshot/parse.ts';
import type { CandidateAction } from '../actions.ts';
import type { ExplorationGraph, StateNode } from '../graph.ts';
import { signatureOf, stateHash } from '../state-key.ts';
import type { LoopGuard } from './loop-guard.ts';
import { textsOf, type Observer } from './observer.ts';
import { FATAL, type ExplorerOptions } from './options.ts';
import type { Position } from './position.ts';
import type { ActStep } from './task.ts';

/** Swipes in one direction on one state while each brings new texts into view. */
const MAX_SCROLLS = 10;
/** Home-screen packages: leaving the app to one of these means it was closed or sent back. */
const LAUNCHER = /launcher|\.home$|trebuchet|nexuslauncher/i;
const SCROLL_SUFFIX = { 'scroll-down': 'down', 'scroll-up': 'up', 'scroll-left': 'left', 'scroll-right': 'right' } as const;
const FINGER = { 'scroll-down': 'up', 'scroll-up': 'down', 'scroll-right': 'left', 'scroll-left': 'right' } as const;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type MoverOptions = Pick<ExplorerOptions, 'device' | 'signal' | 'appPackage' | 'lifecycle' | 'log' | 'settleMs' | 'waitForTimedMoveMs' | 'vetTap' | 'launch'>;

/**
 * Every move on the device — a tap or swipe of a candidate action, back, a wait for a timed
 * move, a relaunch — made through `act`, which reads the screen after it and logs it. The one
 * writer of the actions list and of the path to the current screen.
 */
export class Mover {
  readonly actions: ObservedAction[] = [];
  /** Exploring moves made (taps, swipes, back presses): what a relaunch without progress is judged by. */
  explorations = 0;
  private seq = 0;
  private readonly scrolls = new Map<string, number>();

  constructor(
    private readonly o: MoverOptions,
    private readonly graph: ExplorationGraph,
    private readonly position: Position,
    private readonly observer: Observer,
    private readonly guard: LoopGuard,
    private readonly elapsedMs: () => number,
    private readonly budgetLeft: () => boolean,
  ) {}

  /**
   * Runs one action, reads the screen after it, and logs it: crawl.jsonl always, a recorded
   * transition when it took effect, an edge of the exploration graph when it stayed in the app.
   */
  async act(step: ActStep, run: () => Promise<void>): Promise<void> {
    const { kind, from } = step;
    // A task's tap (a login's submit) is that control's try: it is not left as work undone.
    const b = step.details?.bounds;
    if (from && kind === 'tap' && !step.edge && b) {
      const same = from.actions.find((a) => a.kind === 'tap' && a.bounds.x1 === b.x1 && a.bounds.y1 === b.y1 && a.bounds.x2 === b.x2 && a.bounds.y2 === b.y2);
      if (same) from.tried.add(same.key);
    }
    const startedMs = this.elapsedMs();
    const seq = ++this.seq;
    let outcome: ObservedAction['outcome'] = 'same';
    const before = this.position.key;
    try {
      await run();
      if (this.o.settleMs) await sleep(this.o.settleMs);
      this.position.step(seq, kind === 'relaunch' || kind === 'launch');
      await this.observer.observe();
      const here = this.position.key;
      if (!here) outcome = 'left-app';
      else if (here !== before) outcome = 'moved';
      // Keep the shortest known way here as the path that reaches this screen.
      if (here) this.position.shortcut(this.observer.screenOf(here)!.path);
    } catch (e) {
      if (e instanceof GovappError && FATAL.has(e.code)) throw e;
      outcome = 'error';
      this.o.log.warn({ err: String((e as Error).message ?? e), kind }, 'action failed');
    }
    const to = this.position.key;
    const action: ObservedAction = { seq, kind, from: from?.key ?? before ?? '(outside)', to, outcome, startedMs, durationMs: this.elapsedMs() - startedMs, ...step.details };
    this.actions.push(action);
    if (from && to && step.edge) this.graph.addEdge({ from: from.key, action: step.edge, to });
    await this.o.lifecycle.emit('onAction', action, from && to && outcome === 'moved' ? step.transition?.(to) : undefined);
    this.guard.move({ from: action.from, action: step.edge ?? `${kind} ${action.label ?? ''} ${action.detail ?? ''}`, to });
  }

  /** Tries one candidate action of `node` (unless the second look at a tap refuses it). */
  async perform(node: StateNode, a: CandidateAction): Promise<void> {
    node.tried.add(a.key);
    const refusal = a.kind === 'tap' ? await this.o.vetTap?.(node.key, a) : undefined;
    if (refusal) {
      node.refused.add(JSON.stringify(refusal.selector));
      await this.o.lifecycle.emit('onRefusal', { state: node.key, ...refusal });
      this.o.log.info({ state: node.key, label: refusal.label, intent: refusal.intent }, 'tap refused on second look');
      return;
    }
    this.explorations++;
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
    const v = swipeVector(a.bounds, FINGER[gesture]);
    await this.act(
      { kind: 'swipe', from: node, edge: a.key, details: { ...details, detail: gesture }, transition: (to) => ({ from: node.key, gesture, to, replace: true }) },
      () => device.swipe(v.from, v.to, 300, signal),
    );
    await this.afterScroll(node, a);
  }

  /**
   * After a swipe that stayed on the same state: when it brought texts never seen on this state
   * into view, record the scrolled screen as a variant (its texts are evidence too) and swipe
   * again, until nothing new appears or MAX_SCROLLS is reached.
   */
  private async afterScroll(node: StateNode, a: CandidateAction): Promise<void> {
    const here = this.position.here!;
    if (here.key !== node.key) return;
    const fresh = [...textsOf(here.snapshot)].filter((t) => !node.seenTexts.has(t));
    if (!fresh.length) return;
    this.guard.progress();
    for (const t of fresh) node.seenTexts.add(t);
    const n = (this.scrolls.get(`${node.key} ${a.key}`) ?? 0) + 1;
    this.scrolls.set(`${node.key} ${a.key}`, n);
    await this.observer.recordVariant(node, `${SCROLL_SUFFIX[a.gesture!]}${n}`);
    if (n < MAX_SCROLLS) node.tried.delete(a.key);
  }

  async pressBack(node: StateNode): Promise<void> {
    node.backTried = true;
    this.explorations++;
    await this.act({ kind: 'back', from: node, edge: 'back', transition: (to) => ({ from: node.key, key: 'back', to, replace: true }) }, () => this.o.device.back(this.o.signal));
  }

  /** Screens without actions (splash, loading) usually move by themselves: wait and see. */
  async waitForTimedMove(node: StateNode): Promise<void> {
    node.waited = true;
    const { device, signal } = this.o;
    const limit = this.o.waitForTimedMoveMs ?? 6000;
    const started = Date.now();
    await this.act(
      { kind: 'wait', from: node, edge: 'wait', transition: (to) => ({ from: node.key, after: Math.max(1, Math.ceil((Date.now() - started) / 1000)), to, replace: true }) },
      async () => {
        while (Date.now() - started < limit && !signal?.aborted) {
          await sleep(250);
          const [source, current] = await Promise.all([device.pageSource(signal), device.currentApp(signal)]);
          if (stateHash(signatureOf(parsePageSource(source), current)) !== node.hash) return;
        }
      },
    );
  }

  /**
   * Out of the app: from another app (browser, dialer, settings) back once usually returns;
   * from the launcher, or if back did not help, bring the app to the front again.
   */
  async recover(why: string): Promise<void> {
    this.o.log.debug({ why, package: this.position.here?.package }, 'recovering');
    if (!LAUNCHER.test(this.position.here?.package ?? '')) await this.act({ kind: 'back' }, () => this.o.device.back(this.o.signal));
    if (!this.position.key && this.budgetLeft()) await this.relaunch();
  }

  /** Opens the app through the target's own launch (a mini-program inside its host). */
  async launch(): Promise<void> {
    await this.act({ kind: 'launch' }, () => this.o.launch!(this.o.signal));
  }

  async relaunch(): Promise<void> {
    const { device, signal, appPackage } = this.o;
    await this.act({ kind: 'relaunch' }, async () => {
      if (this.o.launch) return this.o.launch(signal);
      await device.terminateApp(appPackage, signal).catch(() => undefined);
      await device.activateApp(appPackage, signal);
    });
    if (!this.position.key) throw new GovappError('INTERNAL', `the app ${appPackage} does not come to the front after a relaunch (now: ${this.position.here?.package})`);
  }
}
