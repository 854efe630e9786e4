/**
 * Watches a crawl for cycles that yield nothing: the same sequence of moves (state, action,
 * resulting state) recurring while no new screen, no new edge and no new text turns up. A
 * permission dialog shown on every entry to a screen, a dialog that reopens when dismissed, a
 * tab bar that re-renders its screen — each makes the crawler go round the same few moves, and
 * without this watch the budget goes with them.
 */

/** One move as the watch sees it. */
export interface Move {
  from: string;
  /** Edge or action kind. */
  action: string;
  /** Resulting state; undefined when the app was left. */
  to: string | undefined;
}

export interface ProgressOptions {
  /** Longest cycle (in moves) recognised as such. */
  maxCycle?: number;
  /** How many times a cycle is seen in a row before it counts as a loop. */
  repeats?: number;
  /** Moves without progress, cycle or not, after which the crawl counts as stuck anyway. */
  maxIdle?: number;
}

export interface Loop {
  /** The moves of one turn of the cycle (empty when the crawl was merely idle for too long). */
  cycle: Move[];
  /** Moves made since the last progress. */
  idle: number;
}

const same = (a: Move, b: Move) => a.from === b.from && a.action === b.action && a.to === b.to;

export class ProgressWatch {
  private idle: Move[] = [];
  private readonly maxCycle: number;
  private readonly repeats: number;
  private readonly maxIdle: number;

  constructor(o: ProgressOptions = {}) {
    this.maxCycle = o.maxCycle ?? 12;
    this.repeats = o.repeats ?? 3;
    this.maxIdle = o.maxIdle ?? 60;
  }

  /** Something new was learnt (a screen, an edge, a text): the moves so far were not wasted. */
  progress(): void {
    this.idle = [];
  }

  /**
   * Records one move that brought nothing new; returns the loop when the latest moves are one
   * cycle repeated `repeats` times (or nothing new came for `maxIdle` moves). The watch starts
   * over after reporting, so each loop is reported once.
   */
  step(m: Move): Loop | undefined {
    this.idle.push(m);
    const n = this.idle.length;
    for (let len = 1; len <= this.maxCycle && len * this.repeats <= n; len++) {
      let repeating = true;
      for (let i = 0; i < len * (this.repeats - 1) && repeating; i++) repeating = same(this.idle[n - 1 - i], this.idle[n - 1 - i - len]);
      if (repeating) return this.report(this.idle.slice(n - len));
    }
    return n >= this.maxIdle ? this.report([]) : undefined;
  }

  private report(cycle: Move[]): Loop {
    const loop = { cycle, idle: this.idle.length };
    this.idle = [];
    return loop;
  }
}
