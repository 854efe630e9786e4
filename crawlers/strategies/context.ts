import type { ExplorationGraph } from '../graph.ts';
import { entryKind, labelOf } from './labels.ts';
import type { SeekPlan } from './seek.ts';

/** What the targeted strategy knows about the whole graph, recomputed at each decision. */
export interface Context {
  graph: ExplorationGraph;
  seek: SeekPlan;
  /**
   * action key → where it leads wherever it is: a bottom tab tried once, or a control tried on
   * two states that led to the same place both times. (A 在线办理 button with one resource-id on
   * every service screen leads to a different form from each: not predicted.)
   */
  knownTarget: Map<string, string>;
  /** label → number of states that offer an action with it. */
  labelStates: Map<string, number>;
  /** seek entry name → tried actions naming it. */
  triedInGroup: Map<string, number>;
  /** node key → the state a tap (not a bottom tab) first led here from: where back probably returns. */
  parent: Map<string, string>;
  /** Learnt moves: node key → states one move away. */
  out: Map<string, string[]>;
  /** Where a home tab leads: the first state found with a bottom bar. */
  home?: string;
  /** Detail screens that rows of lists on two or more states opened (one template for many lists). */
  templates: Set<string>;
}

export function contextOf(graph: ExplorationGraph, seek: SeekPlan): Context {
  const ctx: Context = { graph, seek, knownTarget: new Map(), labelStates: new Map(), triedInGroup: new Map(), parent: new Map(), out: new Map(), templates: new Set() };
  ctx.home = [...graph.nodes.values()].filter((n) => n.actions.some((a) => a.inBottomBar)).sort((a, b) => a.order - b.order)[0]?.key;
  const rowParents = new Map<string, Set<string>>();
  const seen = new Map<string, { to: Set<string>; from: Set<string>; tab: boolean }>();
  for (const e of graph.edges()) {
    const k = seen.get(e.action) ?? { to: new Set(), from: new Set(), tab: false };
    seen.set(e.action, k);
    k.to.add(e.to);
    k.from.add(e.from);
    k.tab ||= graph.get(e.from)?.actions.find((a) => a.key === e.action)?.inBottomBar ?? false;
    const l = ctx.out.get(e.from);
    if (l) l.push(e.to);
    else ctx.out.set(e.from, [e.to]);
    if (e.to === e.from || !e.action.startsWith('tap:')) continue;
    const from = graph.get(e.from);
    const to = graph.get(e.to);
    const act = from?.actions.find((a) => a.key === e.action);
    if (act && entryKind(act)?.startsWith('list:')) rowParents.set(e.to, (rowParents.get(e.to) ?? new Set()).add(e.from));
    if (!from || !to || act?.inBottomBar) continue;
    const known = ctx.parent.get(e.to);
    if (!known || graph.get(known)!.depth > from.depth) ctx.parent.set(e.to, e.from);
  }
  for (const [action, k] of seen) if (k.to.size === 1 && (k.tab || k.from.size >= 2)) ctx.knownTarget.set(action, [...k.to][0]);
  for (const [to, parents] of rowParents) if (parents.size >= 2) ctx.templates.add(to);
  for (const n of graph.nodes.values()) {
    const labels = new Set<string>();
    for (const a of n.actions) {
      labels.add(labelOf(a));
      if (!n.tried.has(a.key)) continue;
      for (const g of seek.relevance(a).groups) ctx.triedInGroup.set(g.id, (ctx.triedInGroup.get(g.id) ?? 0) + 1);
    }
    for (const l of labels) if (l) ctx.labelStates.set(l, (ctx.labelStates.get(l) ?? 0) + 1);
  }
  return ctx;
}

/**
 * Moves from `from` to every state reachable by learnt edges; with `viaBack`, also by going back
 * from a state to its parent (not learnt yet, but what back usually does): an estimate.
 */
export function distancesFrom(ctx: Context, from: string, viaBack = false): Map<string, number> {
  const dist = new Map([[from, 0]]);
  const queue = [from];
  while (queue.length) {
    const cur = queue.shift()!;
    const next = ctx.out.get(cur) ?? [];
    const parent = viaBack ? ctx.parent.get(cur) : undefined;
    for (const to of parent ? [...next, parent] : next) {
      if (dist.has(to)) continue;
      dist.set(to, dist.get(cur)! + 1);
      queue.push(to);
    }
  }
  return dist;
}
