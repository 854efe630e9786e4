import type { Logger } from 'pino';
import type { Coverage, Wall } from '../../src/findings/schema.ts';
import type { WallKind } from '../../src/findings/coverage.ts';
import type { ObservedScreen } from '../../src/observation.ts';
import type { ExplorationGraph, StateNode } from '../graph.ts';

/**
 * What the crawl gave up and why: states abandoned with work left (their untried actions count
 * as left, not tried), the walls met (run.coverage.walls), and the coverage figures built from
 * both (findings.md `run.coverage`).
 */
export class GiveUp {
  /** Places the crawl could not get past. */
  readonly walls: Wall[] = [];
  /** Untried actions of states given up on. */
  private readonly abandonedLeft = new Map<string, number>();

  constructor(
    private readonly graph: ExplorationGraph,
    private readonly screenOf: (key: string) => ObservedScreen | undefined,
    private readonly log: Logger,
  ) {}

  /**
   * Gives a state up: its work is left undone. When actions of it were still untried, that is a
   * wall of `kind` (a state with only a back press or a wait left hides nothing).
   */
  abandon(n: StateNode, kind?: WallKind): void {
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
    this.log.info({ wall: w }, 'wall');
  }

  /** What the crawl saw and left so far. */
  coverage(counts: { screens: number; actions: number }, extraWalls: Wall[] = []): Coverage {
    let left = 0;
    let refused = 0;
    for (const n of this.graph.nodes.values()) {
      left += this.abandonedLeft.get(n.key) ?? this.graph.untried(n).length;
      refused += n.refused.size;
    }
    const walls = [...this.walls];
    for (const w of extraWalls) if (!walls.some((x) => x.state === w.state && x.kind === w.kind)) walls.push(w);
    return { screens: counts.screens, actionsTried: counts.actions, actionsLeft: left, refused, walls };
  }

  /** A short text naming a screen for a wall: its title or first line. */
  private wallText(key: string): { text?: string } {
    const els = this.screenOf(key)?.snapshot.elements.filter((e) => e.displayed) ?? [];
    // A title or first line of text; a content description (a back arrow's "返回") only failing that.
    const el = els.find((e) => /title/i.test(e.resourceId) && e.text.trim()) ?? els.find((e) => e.text.trim()) ?? els.find((e) => e.contentDesc.trim());
    const text = el ? (el.text || el.contentDesc).trim().slice(0, 30) : undefined;
    return text ? { text } : {};
  }
}
