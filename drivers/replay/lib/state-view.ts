/**
 * The view of one app-graph state at a moment: its recorded nodes with dynamic text (`{elapsed}`)
 * and typed text applied (spec: "Dynamic text", "Text input"). Pure.
 */
import type { AppGraph, AppGraphState } from '@govapp/app-graph/schema';
import type { Entry } from './back-stack.ts';
import { matchesSelector } from './hit-test.ts';
import { cloneNodes, type ScreenView, type ViewNode } from './view.ts';

export interface ScreenSource {
  nodes: readonly ViewNode[];
  rotation: number;
}

export function stateView(graph: AppGraph, state: AppGraphState, src: ScreenSource, entry: Entry, sinceLaunchMs: number): ScreenView {
  const nodes = cloneNodes(src.nodes);
  for (const d of state.dynamic ?? []) {
    const text = d.text.replaceAll('{elapsed}', formatElapsed(sinceLaunchMs));
    for (const n of nodes) if (matchesSelector(src.nodes[n.index].attrs, d.on)) n.attrs.text = text;
  }
  for (const [i, text] of entry.typed) nodes[i].attrs.text = text;
  return {
    key: `s${entry.serial}`,
    stateId: state.id,
    package: state.package ?? graph.app.package,
    activity: state.activity ?? graph.app.launchActivity ?? '',
    width: graph.device.width,
    height: graph.device.height,
    rotation: src.rotation,
    nodes,
  };
}

/** Milliseconds → `HH:MM:SS`. */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}
