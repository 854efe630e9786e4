/**
 * What the device shows at one moment: the nodes of the current screen with their attributes as
 * they are served (typed and dynamic text applied), plus the screen's identity. Pure.
 */
import { parseBounds, type Rect } from '@govapp/app-graph/geometry';
import type { Snapshot } from '@govapp/app-graph/snapshot/model';

export interface ViewNode {
  /** Pre-order position in the screen, the same as in the served page source. */
  index: number;
  parent: number | undefined;
  children: number[];
  depth: number;
  /** Every attribute as served, `class` and `index` always present. */
  attrs: Record<string, string>;
  bounds: Rect | undefined;
}

export interface ScreenView {
  /**
   * Identity of this screen instance: element ids carry it, and an element whose key differs from
   * the current one is stale. A stack entry keeps its key while it lives, so going back to a
   * screen revives its elements, as returning to the same Activity does.
   */
  key: string;
  /** The app-graph state shown, or undefined for the launcher. */
  stateId: string | undefined;
  package: string;
  activity: string;
  width: number;
  height: number;
  rotation: number;
  nodes: ViewNode[];
}

const FALLBACK_CLASS = 'android.view.View';

/** Snapshot (either source format) → view nodes with normalised `class`, `index` and `displayed`. */
export function nodesFromSnapshot(s: Snapshot): ViewNode[] {
  return s.elements.map((e) => {
    const attrs: Record<string, string> = { ...e.attrs };
    if (attrs.index === undefined) {
      const siblings = e.parent === undefined ? s.roots : s.elements[e.parent].children;
      attrs.index = String(siblings.indexOf(e.id));
    }
    attrs.class = e.className || FALLBACK_CLASS;
    const bounds = parseBounds(attrs.bounds);
    if (attrs.displayed === undefined) {
      attrs.displayed = String(bounds !== undefined && bounds.x2 > bounds.x1 && bounds.y2 > bounds.y1);
    }
    return { index: e.id, parent: e.parent, children: [...e.children], depth: e.depth, attrs, bounds };
  });
}

/** A copy whose attribute maps may be changed without touching the cached nodes. */
export function cloneNodes(nodes: readonly ViewNode[]): ViewNode[] {
  return nodes.map((n) => ({ ...n, attrs: { ...n.attrs } }));
}

/** The node and every node below it, in pre-order. */
export function subtree(nodes: readonly ViewNode[], root: number): ViewNode[] {
  const out: ViewNode[] = [];
  const visit = (i: number) => {
    out.push(nodes[i]);
    for (const c of nodes[i].children) visit(c);
  };
  visit(root);
  return out;
}

export function isDescendant(nodes: readonly ViewNode[], node: number, ancestor: number): boolean {
  for (let p = nodes[node].parent; p !== undefined; p = nodes[p].parent) if (p === ancestor) return true;
  return false;
}
