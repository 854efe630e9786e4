import type { Logger } from 'pino';
import type { ExplorationGraph, StateNode } from '../graph.ts';
import type { Strategy } from '../strategies/strategy.ts';
import type { GiveUp } from './give-up.ts';
import type { Mover } from './mover.ts';
import type { Position } from './position.ts';

/** Attempts to reach a state by known moves before giving up on it. */
const MAX_TRAVEL_FAILURES = 3;
/** Relaunches in a row, with no exploring move between them, before unreachable work is given up. */
const MAX_FRUITLESS_RELAUNCHES = 2;

type Path = NonNullable<ReturnType<ExplorationGraph['pathTo']>>;

/**
 * Goes to states with work left: by known moves when a path is known (the strategy picks the
 * target), by a relaunch when none is, and gives a state up when known moves keep missing it or
 * even a fresh launch cannot reach it.
 */
export class Traveller {
  private readonly failures = new Map<string, number>();
  private readonly leaves = new Map<string, number>();
  private relaunches = 0;
  /** Mover.explorations when `relaunches` was last brought up to date. */
  private explorationsSeen = 0;

  constructor(
    private readonly graph: ExplorationGraph,
    private readonly position: Position,
    private readonly mover: Mover,
    private readonly giveUp: GiveUp,
    private readonly strategy: Strategy,
    private readonly log: Logger,
    private readonly budgetLeft: () => boolean,
  ) {}

  /** Relaunches since the last exploring move. */
  private fruitlessRelaunches(): number {
    if (this.mover.explorations !== this.explorationsSeen) {
      this.explorationsSeen = this.mover.explorations;
      this.relaunches = 0;
    }
    return this.relaunches;
  }

  /** Goes to the best state with work left; false when there is none anywhere. */
  async travel(from: StateNode, relaunched = false): Promise<boolean> {
    const withWork = [...this.graph.nodes.values()].filter((n) => n.key !== from.key && this.graph.hasWork(n));
    if (!withWork.length) return false;
    const paths = new Map(withWork.map((n) => [n.key, this.graph.pathTo(from.key, (m) => m.key === n.key)]));
    const reachable = withWork.filter((n) => paths.get(n.key));
    if (!reachable.length) {
      // Nothing known leads there from here: relaunch. If a fresh launch cannot reach them
      // either, they are out of reach (behind a login that failed, a one-time screen…).
      if (this.fruitlessRelaunches() >= MAX_FRUITLESS_RELAUNCHES) {
        for (const n of withWork) this.giveUp.abandon(n, 'unreachable');
        this.log.info({ states: withWork.map((n) => n.key) }, 'giving up on states no known move reaches');
        return [...this.graph.nodes.values()].some((n) => this.graph.hasWork(n));
      }
      if (relaunched) return true;
      this.relaunches++;
      await this.mover.relaunch();
      // Head for the work at once: a task on the launch screen (a login) would take the crawl
      // away from the only known way there.
      const key = this.position.key;
      const start = key ? this.graph.get(key) : undefined;
      return start && this.budgetLeft() && this.graph.pathTo(start.key, (m) => this.graph.hasWork(m)) ? this.travel(start, true) : true;
    }
    const target = this.strategy.pickTarget(reachable, (n) => paths.get(n.key)!.length, this.graph)!;
    this.position.seek(target);
    try {
      return await this.follow(target, paths.get(target.key)!);
    } finally {
      this.position.seek(undefined);
    }
  }

  /** Walks a planned path to `target`; gives the target up when known moves keep missing it. */
  private async follow(target: StateNode, path: Path): Promise<boolean> {
    for (const edge of path) {
      if (!this.budgetLeft()) return true;
      // A loop found on the way has given the target up.
      if (!this.graph.hasWork(target)) break;
      const node = this.graph.get(edge.from)!;
      if (edge.action === 'back') await this.mover.pressBack(node);
      else if (edge.action === 'wait') await this.mover.waitForTimedMove(node);
      else {
        const action = node.actions.find((a) => a.key === edge.action);
        if (!action) break;
        await this.mover.perform(node, action);
      }
      const here = this.position.key;
      if (here !== edge.to) {
        // The app did something else: plan again from here; a target that keeps eluding us is given up.
        // Landing on another screen of the app only shows the edge was stale (a detail screen shared
        // by several lists goes back to whichever opened it); it has just been relearnt, so only a
        // move that did nothing or left the app counts against the target.
        const stale = here !== undefined && here !== edge.from;
        const fails = (this.failures.get(target.key) ?? 0) + (stale ? 0 : 1);
        this.failures.set(target.key, fails);
        if (!here) this.leaves.set(target.key, (this.leaves.get(target.key) ?? 0) + 1);
        if (fails >= MAX_TRAVEL_FAILURES) {
          this.log.info({ state: target.key }, 'giving up on a state known moves no longer reach');
          this.giveUp.abandon(target, (this.leaves.get(target.key) ?? 0) >= fails ? 'leaves-app' : 'unreachable');
        }
        break;
      }
    }
    // Reached: earlier failures were stale edges (now relearnt), not an unreachable state.
    if (this.position.key === target.key) {
      this.failures.delete(target.key);
      this.leaves.delete(target.key);
    }
    return true;
  }
}
