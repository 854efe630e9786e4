import { existsSync, readFileSync } from 'node:fs';
import type { ClauseResult, Evidence } from '../../src/findings/schema.ts';
import { center } from '../../src/geometry.ts';
import type { ObservedAction } from '../../src/observation.ts';
import type { Snapshot } from '../../src/snapshot/model.ts';
import { parsePageSource } from '../../src/snapshot/parse.ts';
import { pathTo, type BundleData } from '../bundle-data.ts';
import { resolveInBundle } from '../paths.ts';
import { describeAction } from '../html/steps.ts';
import { elementXpath, evidenceElement, selectorXpath, textCondition } from './locators.ts';

/** What one reproduction spec does, as plain data (serialised into the spec). */
export type ReproStep =
  | { kind: 'tap'; seq: number; say: string; xpath?: string; at?: { x: number; y: number } }
  | { kind: 'type'; seq: number; say: string; xpath?: string; text: string }
  | { kind: 'back'; seq: number; say: string }
  | { kind: 'swipe'; seq: number; say: string; direction: string; bounds?: [number, number, number, number] }
  | { kind: 'wait'; seq: number; say: string; ms: number }
  | { kind: 'relaunch'; seq: number; say: string };

export interface ReproCase {
  /** State key of the screen holding the evidence. */
  state: string;
  /** What the evidence shows (for the test title). */
  shows: string;
  steps: ReproStep[];
  /** Probe to redo on the evidence screen: type `text` into `xpath`. */
  probe?: { xpath: string; text: string };
  /** Each must match an element once the steps are done. */
  expect: string[];
}

export interface ReproPlan {
  clause: string;
  verdict: string;
  summary: string;
  package: string;
  cases: ReproCase[];
}

/** Finger direction of a recorded swipe: `up`/`down`/`left`/`right` as is, app-graph gesture names translated. */
export function fingerDirection(detail: string | undefined): string {
  const gestures: Record<string, string> = { 'scroll-down': 'up', 'scroll-up': 'down', 'scroll-left': 'right', 'scroll-right': 'left' };
  return gestures[detail ?? ''] ?? (['up', 'down', 'left', 'right'].includes(detail ?? '') ? detail! : 'up');
}

export function stepOf(a: ObservedAction): ReproStep | undefined {
  const say = describeAction(a);
  switch (a.kind) {
    case 'tap':
      return { kind: 'tap', seq: a.seq, say, xpath: selectorXpath(a.selector), ...(a.bounds ? { at: center(a.bounds) } : {}) };
    case 'type':
      return { kind: 'type', seq: a.seq, say, xpath: selectorXpath(a.selector), text: a.detail ?? '' };
    case 'back':
      return { kind: 'back', seq: a.seq, say };
    case 'swipe':
      return { kind: 'swipe', seq: a.seq, say, direction: fingerDirection(a.detail), ...(a.bounds ? { bounds: [a.bounds.x1, a.bounds.y1, a.bounds.x2, a.bounds.y2] as [number, number, number, number] } : {}) };
    case 'wait':
      return { kind: 'wait', seq: a.seq, say, ms: a.durationMs };
    case 'launch':
    case 'relaunch':
      return { kind: 'relaunch', seq: a.seq, say };
  }
}

/** Steps of a path: leading launches are dropped (every spec starts from a fresh launch). */
export function stepsOf(path: ObservedAction[]): ReproStep[] {
  const steps = path.map(stepOf).filter((s): s is ReproStep => s !== undefined);
  while (steps[0]?.kind === 'relaunch') steps.shift();
  return steps;
}

function snapshotOf(data: BundleData, state: string, cache: Map<string, Snapshot | undefined>): Snapshot | undefined {
  if (cache.has(state)) return cache.get(state);
  const rel = data.screens.find((s) => s.state === state)?.source ?? `states/${state}.xml`;
  const file = resolveInBundle(data.dir, rel);
  let snap: Snapshot | undefined;
  try {
    snap = file && existsSync(file) ? parsePageSource(readFileSync(file, 'utf8'), file) : undefined;
  } catch {
    snap = undefined;
  }
  cache.set(state, snap);
  return snap;
}

function caseOf(data: BundleData, ev: Evidence, snap: Snapshot | undefined): ReproCase {
  const el = snap ? evidenceElement(snap, ev) : undefined;
  const steps = stepsOf(pathTo(data, ev.state));
  const shows = ev.text ?? ev.state;
  // An encoding probe typed into a field: type the same text again and expect the same read-back.
  // (Other probes, e.g. timer samples, carry before/after readings of a text view: just assert it.)
  if (ev.via === 'probe' && typeof ev.before === 'string' && el && /EditText$/.test(el.className)) {
    const field = elementXpath(el, '');
    const after = typeof ev.after === 'string' ? ev.after : ev.text;
    const expect = after !== undefined ? [`${field.slice(0, -1)} and ${textCondition('text', after)}]`] : [field];
    return { state: ev.state, shows, steps, probe: { xpath: field, text: ev.before }, expect };
  }
  const expect = el ? [elementXpath(el, ev.text)] : ev.text ? [`//*[${textCondition('text', ev.text)} or ${textCondition('content-desc', ev.text)}]`] : [];
  return { state: ev.state, shows, steps, expect };
}

/** The reproduction of one finding: one case per piece of evidence that names a screen. */
export function reproPlan(data: BundleData, c: ClauseResult): ReproPlan {
  const cache = new Map<string, Snapshot | undefined>();
  const cases = c.evidence
    .filter((ev) => data.screens.some((s) => s.state === ev.state))
    .map((ev) => caseOf(data, ev, snapshotOf(data, ev.state, cache)))
    .filter((k) => k.expect.length > 0);
  return { clause: c.clause, verdict: c.verdict, summary: c.summary, package: data.findings.app.package, cases };
}
