import { center, containsPoint } from '../../src/geometry.ts';
import type { CrawlObservation, ObservedAction, ObservedScreen, ScreenText } from '../../src/observation.ts';
import { squash } from './text.ts';

/** What happened after an action: which screen it left, through what, and where it led. */
export interface Flow {
  action: ObservedAction;
  from: ObservedScreen;
  to: ObservedScreen;
}

export function screensByState(obs: CrawlObservation): Map<string, ObservedScreen> {
  return new Map(obs.screens.map((s) => [s.state, s]));
}

/** Whether a tap action went through the element carrying text `t` (by bounds, label or selector). */
export function actionHits(a: ObservedAction, t: ScreenText): boolean {
  if (a.kind !== 'tap') return false;
  const c = center(t.bounds);
  if (a.bounds && containsPoint(a.bounds, c.x, c.y)) return true;
  const text = squash(t.text);
  if (!text) return false;
  const said = [a.label, a.selector?.text, a.selector?.['content-desc']].filter((x): x is string => !!x).map(squash);
  return said.some((s) => s === text || (s.length <= 2 * text.length && s.includes(text)));
}

/** Taps that left `screen` through the element with text `t`, and the app screens they led to. */
export function flowsVia(obs: CrawlObservation, screen: ObservedScreen, t: ScreenText): Flow[] {
  const byState = screensByState(obs);
  const out: Flow[] = [];
  for (const a of obs.actions) {
    if (a.from !== screen.state || !a.to || a.to === screen.state || !actionHits(a, t)) continue;
    const to = byState.get(a.to);
    if (to) out.push({ action: a, from: screen, to });
  }
  return out;
}

/** Every tap between two different screens, with both ends. */
export function allFlows(obs: CrawlObservation): Flow[] {
  const byState = screensByState(obs);
  const out: Flow[] = [];
  for (const a of obs.actions) {
    const from = byState.get(a.from);
    const to = a.to ? byState.get(a.to) : undefined;
    if (a.kind === 'tap' && from && to && to !== from) out.push({ action: a, from, to });
  }
  return out;
}

/** Labels of the actions that first led from launch to `screen` (its path), in order. */
export function pathLabels(obs: CrawlObservation, screen: ObservedScreen): string[] {
  const bySeq = new Map(obs.actions.map((a) => [a.seq, a]));
  return screen.path
    .map((seq) => bySeq.get(seq))
    .map((a) => a?.label ?? a?.selector?.text ?? a?.selector?.['content-desc'] ?? '')
    .filter((l) => l !== '');
}
