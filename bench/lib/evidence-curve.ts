import { runDetectors } from '../../detectors/run.ts';
import type { ClauseId, ClauseResult, Verdict } from '../../src/findings/schema.ts';
import type { CrawlObservation, ObservedAction, ObservedScreen, ProbeResult } from '../../src/observation.ts';

/**
 * How fast a crawl found its evidence: the observation is cut after k = 0..N actions, the
 * detectors judge every prefix as if the crawl had stopped there, and the curve says after how
 * many actions each clause's verdict reached its final value (the verdict of the whole crawl)
 * for good. Pure: the detectors are a parameter (default: the real ones).
 */

export type Verdicts = Partial<Record<ClauseId, Verdict>>;
export type Detect = (obs: CrawlObservation) => ClauseResult[];

export interface EvidenceCurve {
  /** Actions in the crawl. */
  actions: number;
  /** Verdicts of the whole crawl. */
  final: Verdicts;
  /** Per clause: the smallest k such that the verdict after k, k+1, …, N actions is the final one. */
  settledAt: Partial<Record<ClauseId, number>>;
  /** The smallest k after which every verdict stays at its final value (max of `settledAt`). */
  actionsToAllEvidence: number;
  /** statesAt[k] = distinct states seen within the first k actions (k = 0..N). */
  statesAt: number[];
  /** How many prefixes the detectors judged. */
  judged: number;
}

/** Actions sorted by seq. */
function ordered(actions: readonly ObservedAction[]): ObservedAction[] {
  return [...actions].sort((a, b) => a.seq - b.seq);
}

/**
 * How many actions had been taken when a screen was first seen. A screen recorded while action
 * k read the screen after it (its `path` ends with k, or its first sighting comes after action k
 * started) counts from k on; a screen recorded between actions k and k+1 (a settled AI answer)
 * also counts from k on; the launch screen counts from 0.
 */
export function screenSeenAfter(screen: Pick<ObservedScreen, 'firstSeenMs' | 'path'>, actions: readonly ObservedAction[]): number {
  let started = 0;
  for (const a of actions) if (a.startedMs < screen.firstSeenMs) started++;
  const viaPath = screen.path.length ? Math.max(...screen.path) : 0;
  return Math.min(Math.max(started, viaPath), actions.length);
}

/**
 * When a probe result was recorded, from what the bundle keeps: a timer probe by its last
 * sample's time; an AI question when its answer screen was recorded; a probe that typed by the
 * first `type` action on its state; otherwise when its state was first seen.
 */
export function probeSeenAfter(p: ProbeResult, screens: readonly ObservedScreen[], actions: readonly ObservedAction[]): number {
  const sorted = ordered(actions);
  if (p.kind === 'timer') {
    const last = Math.max(...p.samples.map((s) => s.atMs));
    return sorted.filter((a) => a.startedMs < last).length;
  }
  const answer = p.kind === 'ai-question' && p.answerState ? screens.find((s) => s.state === p.answerState) : undefined;
  if (answer) return screenSeenAfter(answer, sorted);
  const typed = sorted.find((a) => a.kind === 'type' && a.from === p.state);
  if (typed) return typed.seq;
  const screen = screens.find((s) => s.state === p.state);
  return screen ? screenSeenAfter(screen, sorted) : sorted.length;
}

/** Screens that are variants of another screen (`<state>-answer`) are not states of their own. */
export function isVariant(screen: ObservedScreen, screens: readonly ObservedScreen[]): boolean {
  return screens.some((o) => o !== screen && screen.state.startsWith(`${o.state}-`));
}

export interface PrefixIndex {
  actions: ObservedAction[];
  /** Per screen (same order as the observation): actions taken when first seen. */
  screenAt: number[];
  probeAt: number[];
}

export function indexObservation(obs: CrawlObservation, probeAt?: readonly number[]): PrefixIndex {
  const actions = ordered(obs.actions);
  return {
    actions,
    screenAt: obs.screens.map((s) => screenSeenAfter(s, actions)),
    probeAt: obs.probes.map((p, i) => probeAt?.[i] ?? probeSeenAfter(p, obs.screens, actions)),
  };
}

/** The observation as it stood after the first `k` actions. */
export function prefixObservation(obs: CrawlObservation, k: number, index: PrefixIndex = indexObservation(obs)): CrawlObservation {
  return {
    app: obs.app,
    screens: obs.screens.filter((_, i) => index.screenAt[i] <= k),
    actions: index.actions.slice(0, k),
    probes: obs.probes.filter((_, i) => index.probeAt[i] <= k),
    stopReason: k >= index.actions.length ? obs.stopReason : 'budget',
  };
}

export function verdictsOf(results: readonly ClauseResult[]): Verdicts {
  return Object.fromEntries(results.map((r) => [r.clause, r.verdict])) as Verdicts;
}

/**
 * The action counts at which the observation gains something a verdict could depend on: a
 * screen, a probe result, or the first action taking a move (from, control, to) not seen
 * before (detectors read flows such as "this entry led to a form"). Between two such counts the
 * prefix holds nothing new, so its verdicts are those of the earlier one. Sorted, 0 and N included.
 */
export function eventPoints(obs: CrawlObservation, index: PrefixIndex): number[] {
  const points = new Set<number>([0, index.actions.length, ...index.screenAt, ...index.probeAt]);
  const moves = new Set<string>();
  for (const a of index.actions) {
    const move = JSON.stringify([a.from, a.kind, a.selector ?? a.label ?? '', a.to]);
    if (a.outcome === 'moved' && !moves.has(move)) points.add(a.seq);
    moves.add(move);
  }
  return [...points].filter((k) => k >= 0 && k <= index.actions.length).sort((a, b) => a - b);
}

export interface CurveOptions {
  /** When each probe was recorded (actions taken); derived from the observation when absent. */
  probeAt?: readonly number[];
  detect?: Detect;
  /**
   * `exact` judges every event point; `bisect` (default) assumes that once a clause has reached
   * its final verdict it keeps it (evidence only accumulates) and binary-searches the event
   * points, judging a few dozen prefixes instead of hundreds.
   */
  mode?: 'exact' | 'bisect';
}

export function evidenceCurve(obs: CrawlObservation, opts: CurveOptions = {}): EvidenceCurve {
  // Raw verdicts: a prefix is a crawl cut short, whose absence-based verdicts findings would
  // withhold; the curve asks when the evidence for the final verdict was in.
  const detect = opts.detect ?? ((o: CrawlObservation) => runDetectors(o, {}, { absence: 'raw' }));
  const index = indexObservation(obs, opts.probeAt);
  const n = index.actions.length;
  const points = eventPoints(obs, index);
  const cache = new Map<number, Verdicts>();
  const final = verdictsOf(detect(obs));
  cache.set(n, final);
  const at = (i: number): Verdicts => {
    const k = points[i];
    let v = cache.get(k);
    if (!v) cache.set(k, (v = verdictsOf(detect(prefixObservation(obs, k, index)))));
    return v;
  };
  const clauses = Object.keys(final) as ClauseId[];
  const settledAt: Partial<Record<ClauseId, number>> = {};
  if (opts.mode === 'exact') {
    // Backwards from the end: a clause is settled from the last point at which it still had its final verdict.
    const open = new Set(clauses);
    for (let i = points.length - 1; i >= 0 && open.size; i--) {
      const v = at(i);
      for (const c of [...open]) {
        if (v[c] === final[c]) settledAt[c] = points[i];
        else open.delete(c);
      }
    }
  } else {
    for (const c of clauses) {
      // Smallest point index whose verdict is final (monotone by assumption).
      let [lo, hi] = [0, points.length - 1];
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (at(mid)[c] === final[c]) hi = mid;
        else lo = mid + 1;
      }
      settledAt[c] = points[lo];
    }
  }
  const actionsToAllEvidence = Math.max(0, ...clauses.map((c) => settledAt[c] ?? 0));

  const states = obs.screens.map((s, i) => ({ at: index.screenAt[i], variant: isVariant(s, obs.screens) })).filter((s) => !s.variant);
  const statesAt = Array.from({ length: n + 1 }, () => 0);
  for (const s of states) statesAt[s.at]++;
  for (let k = 1; k <= n; k++) statesAt[k] += statesAt[k - 1];
  return { actions: n, final, settledAt, actionsToAllEvidence, statesAt, judged: cache.size };
}
