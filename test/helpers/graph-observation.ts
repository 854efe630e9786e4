import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadAppGraph, type LoadedAppGraph } from '../../src/appgraph/load.ts';
import type { AppGraphTransition } from '../../src/appgraph/schema.ts';
import type { ActionKind, CrawlObservation, ObservedAction, ObservedScreen } from '../../src/observation.ts';
import { mergeTexts } from '../../src/ocr/merge.ts';
import { labelOf, type Snapshot, type UiElement } from '../../src/snapshot/model.ts';
import { parsePageSource } from '../../src/snapshot/parse.ts';

/**
 * A CrawlObservation from an app-graph/1 directory, as a crawl that tried every transition would
 * have seen it: breadth-first from `start`, `when` conditions taken as satisfied (the `to` branch),
 * pops (`@back`) not followed. Texts are the accessibility texts (`mergeTexts` without OCR).
 */
export interface GraphObservation {
  obs: CrawlObservation;
  loaded: LoadedAppGraph;
  snapshots: Map<string, Snapshot>;
}

const kindOf = (t: AppGraphTransition): ActionKind => (t.on ? 'tap' : t.gesture ? 'swipe' : t.key ? 'back' : 'wait');

/** The element a selector names, climbed to its nearest clickable ancestor (what a tap would hit). */
export function selectElement(s: Snapshot, selector: Record<string, string>): UiElement | undefined {
  const hit = s.elements.find((e) => Object.entries(selector).every(([k, v]) => e.attrs[k] === v));
  for (let p = hit; p; p = p.parent === undefined ? undefined : s.elements[p.parent]) if (p.clickable) return p;
  return hit;
}

export function graphObservation(dir: string): GraphObservation {
  const loaded = loadAppGraph(dir);
  const { graph, byId } = loaded;
  const snapshots = new Map<string, Snapshot>();
  const snapshotOf = (id: string) => {
    if (!snapshots.has(id)) {
      const file = path.join(loaded.dir, byId.get(id)!.source);
      snapshots.set(id, parsePageSource(readFileSync(file, 'utf8'), file));
    }
    return snapshots.get(id)!;
  };

  const paths = new Map<string, number[]>([[graph.start, []]]);
  const order = [graph.start];
  const actions: ObservedAction[] = [];
  for (let i = 0; i < order.length; i++) {
    const from = order[i];
    for (const t of graph.transitions) {
      if (t.from !== from || t.to === '@back') continue;
      const el = t.on ? selectElement(snapshotOf(from), t.on) : undefined;
      const seq = actions.length + 1;
      actions.push({
        seq,
        kind: kindOf(t),
        from,
        to: t.to,
        selector: t.on,
        label: el ? labelOf(snapshotOf(from), el) : undefined,
        bounds: el?.bounds,
        detail: t.gesture,
        outcome: 'moved',
        startedMs: seq * 1000,
        durationMs: 300,
      });
      if (!paths.has(t.to)) {
        paths.set(t.to, [...paths.get(from)!, seq]);
        order.push(t.to);
      }
    }
  }

  const screens = order.map((id, i): ObservedScreen => {
    const state = byId.get(id)!;
    const pkg = state.package ?? graph.app.package;
    const snapshot = snapshotOf(id);
    return {
      state: id,
      screenshot: state.screenshot,
      source: state.source,
      package: pkg,
      activity: state.activity ?? '',
      inApp: pkg === graph.app.package,
      snapshot,
      texts: mergeTexts(snapshot, undefined),
      firstSeenMs: i * 1000,
      path: paths.get(id)!,
    };
  });
  return {
    obs: {
      app: { package: graph.app.package, label: graph.app.label, versionName: graph.app.versionName },
      screens,
      actions,
      probes: [],
      stopReason: 'explored',
      // Every transition tried, nothing in the way: the coverage of a complete crawl.
      coverage: { screens: screens.length, actionsTried: actions.length, actionsLeft: 0, refused: 0, walls: [] },
    },
    loaded,
    snapshots,
  };
}

/** What a field of this app-graph holds after typing `text`: unsupported code points become the replacement. */
export function simulateTyping(loaded: LoadedAppGraph, text: string): string {
  const input = loaded.graph.input;
  if (!input) return text;
  const ranges = input.unsupported.map(([a, b]) => [parseInt(a.slice(2), 16), parseInt(b.slice(2), 16)] as const);
  return Array.from(text)
    .map((ch) => (ranges.some(([a, b]) => ch.codePointAt(0)! >= a && ch.codePointAt(0)! <= b) ? input.replacement : ch))
    .join('');
}
