import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ClauseResult, Verdict } from '../../src/findings/schema.ts';
import type { CrawlObservation, ObservedScreen, OcrBox, ScreenText } from '../../src/observation.ts';
import type { Snapshot } from '../../src/snapshot/model.ts';

/**
 * The real-screen corpus (test/fixtures/real/) judged one screen at a time, shared by its table
 * test and `npm run bench:real`. The detector set is passed in (`DetectorSet`) so the bench can
 * judge the corpus with an older checkout's detectors, parser and text merge side by side.
 */

export type ScreenVerdict = 'fail' | 'review' | 'pass' | 'none';

/** What judging needs from a checkout: its detectors, and its page-source → texts pipeline. */
export interface DetectorSet {
  label: string;
  detectors: readonly { meta: { id: string; clause: string } }[];
  runDetector: (detector: never, obs: CrawlObservation) => { result: ClauseResult };
  parse: (bytes: Buffer, file: string) => Snapshot;
  mergeTexts: (snapshot: Snapshot, ocr: readonly OcrBox[] | undefined) => ScreenText[];
}

/** Prohibitions: their `pass` rests on absence. Requirements: their `fail` rests on absence. */
const PROHIBITIONS = new Set(['4.1.1', '4.1.2', '4.1.3', '6.i']);

/**
 * A crawl verdict read as a single-screen judgement: what the screen is evidence of. One screen is
 * never coverage, so every absence-based verdict (a prohibition's pass, a requirement's fail,
 * 7.3's n/a, unknown) is `none`.
 */
export function screenVerdict(clause: string, verdict: Verdict): ScreenVerdict {
  if (verdict === 'review') return 'review';
  if (verdict === 'unknown' || verdict === 'n/a') return 'none';
  if (PROHIBITIONS.has(clause)) return verdict === 'fail' ? 'fail' : 'none';
  if (clause === '7.3') return verdict;
  return verdict === 'pass' ? 'pass' : 'none';
}

/** Where the corpus lives: GOVAPP_REAL_CORPUS, else test/fixtures/real/screens, else ../shared/real-screens. */
export function corpusDir(repo: string): string | undefined {
  const candidates = [process.env.GOVAPP_REAL_CORPUS, path.join(repo, 'test/fixtures/real/screens'), path.resolve(repo, '../shared/real-screens')];
  return candidates.find((d): d is string => !!d && existsSync(d) && readdirSync(d).some((f) => f.endsWith('.xml')));
}

/** The package a crawl's currentApp() would report: the app's when any node has it, else the most common. */
function screenPackage(snapshot: Snapshot, app: string): string {
  const counts = new Map<string, number>();
  for (const e of snapshot.elements) if (e.package) counts.set(e.package, (counts.get(e.package) ?? 0) + 1);
  if (counts.has(app)) return app;
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
}

/** A one-screen crawl of `app` that saw only this page source. */
export function screenObservation(set: DetectorSet, bytes: Buffer, file: string, app: string): CrawlObservation {
  const snapshot = set.parse(bytes, file);
  const pkg = screenPackage(snapshot, app);
  const screen: ObservedScreen = {
    state: path.basename(file, '.xml'),
    screenshot: `states/${path.basename(file, '.xml')}.png`,
    source: `states/${path.basename(file)}`,
    package: pkg,
    activity: '',
    inApp: pkg === app,
    snapshot,
    texts: set.mergeTexts(snapshot, undefined),
    firstSeenMs: 0,
    path: [],
  };
  return { app: { package: app }, screens: [screen], actions: [], probes: [], stopReason: 'explored' };
}

export interface Judgement {
  clause: string;
  verdict: ScreenVerdict;
  summary: string;
}

/** Every detector of the set on one screen, as single-screen judgements by clause. */
export function judgeScreen(set: DetectorSet, obs: CrawlObservation): Map<string, Judgement> {
  const out = new Map<string, Judgement>();
  for (const d of set.detectors) {
    const clause = d.meta.clause;
    try {
      const { result } = set.runDetector(d as never, obs);
      out.set(clause, { clause, verdict: screenVerdict(clause, result.verdict), summary: result.summary });
    } catch (e) {
      out.set(clause, { clause, verdict: 'none', summary: `error: ${(e as Error).message}` });
    }
  }
  return out;
}

export function readScreen(dir: string, file: string): Buffer {
  return readFileSync(path.join(dir, file));
}

export interface ClauseScore {
  clause: string;
  right: number;
  total: number;
  falseFails: number;
  misses: { file: string; want: ScreenVerdict; got: ScreenVerdict; summary: string }[];
}

/** Per-clause accuracy and false `fail`s (a `fail` where the expectation is not `fail`). */
export function scoreCorpus(
  set: DetectorSet,
  dir: string,
  expected: readonly { file: string; app: string }[],
  clauses: readonly string[],
  want: (i: number, clause: string) => ScreenVerdict,
): ClauseScore[] {
  const scores = clauses.map((clause): ClauseScore => ({ clause, right: 0, total: 0, falseFails: 0, misses: [] }));
  expected.forEach((s, i) => {
    const judged = judgeScreen(set, screenObservation(set, readScreen(dir, s.file), path.join(dir, s.file), s.app));
    for (const score of scores) {
      const w = want(i, score.clause);
      const got = judged.get(score.clause) ?? { verdict: 'none' as const, summary: '(no detector)' };
      score.total++;
      if (got.verdict === w) score.right++;
      else score.misses.push({ file: s.file, want: w, got: got.verdict, summary: got.summary });
      if (got.verdict === 'fail' && w !== 'fail') score.falseFails++;
    }
  });
  return scores;
}
