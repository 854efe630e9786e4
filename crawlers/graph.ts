import type { CandidateAction } from './actions.ts';

/** What the crawler knows about one abstract state. */
export interface StateNode {
  key: string;
  hash: string;
  /** Order of discovery (0 = launch screen). */
  order: number;
  actions: CandidateAction[];
  tried: Set<string>;
  /** The back key was tried here (its edge, if it stayed in the app, is in `edges`). */
  backTried: boolean;
  /** A wait for a timed move was tried here. */
  waited: boolean;
  visits: number;
  /** Depth in taps from the launch screen when first found. */
  depth: number;
  /** Every text seen on this state so far (scrolling reveals more). */
  seenTexts: Set<string>;
  /** Keys of actions the safety policy refused here (recorded once). */
  refused: Set<string>;
}

export interface Edge {
  from: string;
  /** Candidate action key, or `back` / `wait`. */
  action: string;
  to: string;
}

/** The UI transition graph learnt during a crawl, used to plan the way back to unexplored actions. */
export class ExplorationGraph {
  readonly nodes = new Map<string, StateNode>();
  private readonly out = new Map<string, Map<string, string>>();

  add(node: StateNode): void {
    this.nodes.set(node.key, node);
  }

  get(key: string): StateNode | undefined {
    return this.nodes.get(key);
  }

  /**
   * Records where an action led. The latest observation wins: the back button of a screen shared
   * by several parents (one detail screen for every row) leads to whichever it was opened from,
   * and a path planned over the stale edge would keep failing.
   */
  addEdge(e: Edge): void {
    let m = this.out.get(e.from);
    if (!m) this.out.set(e.from, (m = new Map()));
    m.set(e.action, e.to);
  }

  /** Where an action led last time, if known. */
  target(from: string, action: string): string | undefined {
    return this.out.get(from)?.get(action);
  }

  edges(): Edge[] {
    const all: Edge[] = [];
    for (const [from, m] of this.out) for (const [action, to] of m) all.push({ from, action, to });
    return all;
  }

  untried(node: StateNode): CandidateAction[] {
    return node.actions.filter((a) => !node.tried.has(a.key));
  }

  hasWork(node: StateNode): boolean {
    return this.untried(node).length > 0 || !node.backTried || (!node.waited && node.actions.length === 0);
  }

  /**
   * Shortest known path (BFS over learnt edges) from `from` to any state accepted by `goal`,
   * as the list of edges to follow. Undefined when no such state is reachable by known moves.
   */
  pathTo(from: string, goal: (n: StateNode) => boolean): Edge[] | undefined {
    const prev = new Map<string, Edge | null>([[from, null]]);
    const queue = [from];
    while (queue.length) {
      const cur = queue.shift()!;
      const node = this.nodes.get(cur);
      if (node && cur !== from && goal(node)) {
        const path: Edge[] = [];
        for (let e = prev.get(cur); e; e = prev.get(e.from)) path.unshift(e);
        return path;
      }
      for (const [action, to] of this.out.get(cur) ?? []) {
        if (prev.has(to)) continue;
        prev.set(to, { from: cur, action, to });
        queue.push(to);
      }
    }
    return undefined;
  }
}
