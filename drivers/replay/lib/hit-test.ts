/** Where a tap lands and what it matches (spec: "Taps", "Selectors"). Pure. */
import { containsPoint } from '@govapp/app-graph/geometry';
import type { Selector } from '@govapp/app-graph/schema';
import type { ViewNode } from './view.ts';

/**
 * The deepest displayed node whose bounds contain the point; among equally deep nodes the last in
 * document order wins, as it is drawn on top.
 */
export function deepestAt(nodes: readonly ViewNode[], x: number, y: number): ViewNode | undefined {
  let best: ViewNode | undefined;
  for (const n of nodes) {
    if (!n.bounds || n.attrs.displayed === 'false' || !containsPoint(n.bounds, x, y)) continue;
    if (!best || n.depth >= best.depth) best = n;
  }
  return best;
}

/** The node itself when clickable, else its nearest clickable ancestor. */
export function climbToClickable(nodes: readonly ViewNode[], node: ViewNode): ViewNode | undefined {
  for (let n: ViewNode | undefined = node; n; n = n.parent === undefined ? undefined : nodes[n.parent]) {
    if (n.attrs.clickable === 'true') return n;
  }
  return undefined;
}

/** An element matches a selector when every listed attribute equals its own. */
export function matchesSelector(attrs: Readonly<Record<string, string>>, selector: Selector): boolean {
  return Object.entries(selector).every(([k, v]) => (attrs[k] ?? '') === v);
}
