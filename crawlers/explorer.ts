import { GovappError } from '../src/errors.ts';
import type { ObservedAction, ObservedScreen, ProbeResult } from '../src/observation.ts';
import type { Coverage, StopReason, Wall } from '../src/findings/schema.ts';
import { ExplorationGraph, type StateNode } from './graph.ts';
import { GiveUp } from './explore/give-up.ts';
import { LoopGuard } from './explore/loop-guard.ts';
import { Mover } from './explore/mover.ts';
import { Observer } from './explore/observer.ts';
import { FATAL, type ExplorerOptions } from './explore/options.ts';
import { Position } from './explore/position.ts';
import type { Task, TaskContext } from './explore/task.ts';
import { Traveller } from './explore/traveller.ts';

export type { ActStep, Task, TaskContext, TaskProvider } from './explore/task.ts';
export type { ExplorerOptions } from './explore/options.ts';
export { SYSTEM_DIALOG_PACKAGES } from './explore/observer.ts';

/**
 * The crawl loop: observe the screen, take the next untried action the strategy ranks first,
 * travel by known moves (or a relaunch) to states with work left, stop on budget or when
 * nothing is left. Leaving the app (launcher, another app) is detected and undone.
 *
 * The parts (crawlers/explore/): the Observer reads and records screens, the Mover makes every
 * move, the Traveller goes to work elsewhere, GiveUp and the LoopGuard decide what is left
 * behind. Where the crawl stands is one Position object they share, each field with one writer.
 */
export class Explorer {
  readonly graph = new ExplorationGraph();
  readonly probes: ProbeResult[] = [];
  private readonly t0 = Date.now();
  private readonly position = new Position();
  private readonly giveUp: GiveUp;
  private readonly observer: Observer;
  private readonly mover: Mover;
  private readonly traveller: Traveller;
  /** `<state> <task>` of every task run so far. */
  private readonly tasksRun = new Set<string>();

  constructor(private readonly o: ExplorerOptions) {
    const elapsed = () => this.elapsedMs;
    const budgetLeft = () => this.budgetLeft();
    this.giveUp = new GiveUp(this.graph, (key) => this.observer.screenOf(key), o.log);
    const guard = new LoopGuard(this.graph, this.position, this.giveUp, o.log);
    this.observer = new Observer(o, this.graph, this.position, guard, elapsed);
    this.mover = new Mover(o, this.graph, this.position, this.observer, guard, elapsed, budgetLeft);
    this.traveller = new Traveller(this.graph, this.position, this.mover, this.giveUp, o.strategy, o.log, budgetLeft);
  }

  get screens(): ObservedScreen[] {
    return this.observer.screens;
  }

  get actions(): ObservedAction[] {
    return this.mover.actions;
  }

  get elapsedMs(): number {
    return Date.now() - this.t0;
  }

  /** The state the crawl stands on (undefined when outside the app). */
  get current(): string | undefined {
    return this.position.key;
  }

  /** Records a wall once per state and kind. */
  addWall(w: Wall): void {
    this.giveUp.addWall(w);
  }

  /** What the crawl saw and left so far (findings.md `run.coverage`). */
  coverage(extraWalls: Wall[] = []): Coverage {
    return this.giveUp.coverage({ screens: this.screens.length, actions: this.actions.length }, extraWalls);
  }

  private budgetLeft(): boolean {
    return this.actions.length < this.o.maxActions && Date.now() < this.o.deadline && !this.o.signal?.aborted;
  }

  async run(): Promise<StopReason> {
    const { strategy } = this.o;
    if (this.o.launch) await this.mover.launch();
    else await this.observer.observe();
    if (!this.position.key) await this.mover.recover('launch');
    while (this.budgetLeft()) {
      const key = this.position.key;
      const node = key ? this.graph.get(key) : undefined;
      if (!node) {
        await this.mover.recover('out of app');
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
        const ranked = strategy.rank(node, untried, this.graph);
        // The strategy may leave this screen's actions for later when better work waits elsewhere.
        if (strategy.defer?.(node, ranked, this.graph) && (await this.traveller.travel(node))) continue;
        await this.mover.perform(node, ranked[0]);
        continue;
      }
      if (!node.waited && node.actions.length === 0) {
        await this.mover.waitForTimedMove(node);
        continue;
      }
      if (!node.backTried) {
        if (strategy.defer?.(node, [], this.graph) && (await this.traveller.travel(node))) continue;
        await this.mover.pressBack(node);
        continue;
      }
      if (!(await this.traveller.travel(node))) return 'explored';
    }
    return 'budget';
  }

  private nextTask(node: StateNode): Task | undefined {
    const screen = this.observer.screenOf(node.key)!;
    for (const p of this.o.tasks ?? []) {
      const t = p.next(node, screen, this.position.here!.snapshot);
      if (t) return t;
    }
    return undefined;
  }

  private async runTask(node: StateNode, task: Task): Promise<void> {
    // Probe results go out through the lifecycle; a task reports them without waiting, so they
    // are awaited when it is done (a bundle that cannot be written still ends the crawl).
    const reported: Promise<unknown>[] = [];
    const here = this.position.here!;
    const ctx: TaskContext = {
      device: this.o.device,
      signal: this.o.signal,
      log: this.o.log.child({ task: task.name }),
      writer: this.o.writer,
      node,
      screen: this.observer.screenOf(node.key)!,
      snapshot: here.snapshot,
      elapsedMs: () => this.elapsedMs,
      act: (step, run) => this.mover.act(step, run),
      here: () => ({ key: this.position.key, snapshot: this.position.here!.snapshot, source: this.position.here!.source }),
      recordVariant: (suffix) => this.observer.recordVariant(node, suffix),
      saveSample: (suffix) => this.observer.saveSample(node, suffix),
      addProbe: (p) => {
        this.probes.push(p);
        reported.push(this.o.lifecycle.emit('onProbe', p).then(() => undefined, (e: unknown) => e));
      },
      refuse: (entry) => this.o.lifecycle.emit('onRefusal', { state: node.key, ...entry }),
    };
    try {
      await task.run(ctx);
    } catch (e) {
      if (e instanceof GovappError && FATAL.has(e.code)) throw e;
      this.o.log.warn({ task: task.name, err: String((e as Error)?.message ?? e) }, 'task failed');
    }
    const severe = (await Promise.all(reported)).find((e) => e !== undefined);
    if (severe) throw severe;
  }
}
