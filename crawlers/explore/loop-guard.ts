import type { Logger } from 'pino';
import type { ExplorationGraph, StateNode } from '../graph.ts';
import { ProgressWatch, type Loop, type Move } from '../progress.ts';
import type { GiveUp } from './give-up.ts';
import type { Position } from './position.ts';

/**
 * Feeds every move to the progress watch (crawlers/progress.ts) and acts on the loops it finds:
 * a cycle that yields nothing gives up what it was seeking (the travel target, else the states
 * of the cycle that still have work) as a `loop` wall, so the crawl moves on.
 */
export class LoopGuard {
  private readonly watch = new ProgressWatch();
  /** Moves (from, action, to) seen so far: a new one is progress. */
  private readonly moves = new Set<string>();

  constructor(
    private readonly graph: ExplorationGraph,
    private readonly position: Position,
    private readonly giveUp: GiveUp,
    private readonly log: Logger,
  ) {}

  /** Something new was learnt (a screen, an action, a text). */
  progress(): void {
    this.watch.progress();
  }

  /** One move made; a move never made before is progress. */
  move(m: Move): void {
    const id = JSON.stringify([m.from, m.action, m.to ?? null]);
    if (!this.moves.has(id)) {
      this.moves.add(id);
      this.watch.progress();
      return;
    }
    const loop = this.watch.step(m);
    if (loop) this.onLoop(loop);
  }

  private onLoop(loop: Loop): void {
    const inCycle = new Set(loop.cycle.flatMap((m) => [m.from, m.to]).filter((k): k is string => !!k));
    const here = this.position.key;
    if (!inCycle.size && here) inCycle.add(here);
    const seeking = this.position.seeking;
    const sought =
      seeking && this.graph.hasWork(seeking) ? [seeking] : [...inCycle].map((k) => this.graph.get(k)).filter((n): n is StateNode => !!n && this.graph.hasWork(n));
    this.log.info({ cycle: loop.cycle.map((m) => `${m.from} ${m.action} → ${m.to ?? '(left)'}`), idle: loop.idle, giveUp: sought.map((n) => n.key) }, 'no-progress loop');
    for (const n of sought) this.giveUp.abandon(n, 'loop');
  }
}
