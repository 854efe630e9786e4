import type { z } from 'zod';
import { GovappError, isGovappError } from '../src/errors.ts';
import { CLAUSES, type ClauseResult } from '../src/findings/schema.ts';
import type { CrawlObservation } from '../src/observation.ts';
import { absenceJudgeable, describeCoverage } from '../src/findings/coverage.ts';
import { parseOptions, runDetector } from './define.ts';
import { detectors } from './index.ts';

/** The crawl's signals beside the verdicts (findings.md "Signals"): part of the detectors' public entry point. */
export { computeSignals, type SignalOptions } from './lib/signals.ts';

/** Options per detector id, e.g. `{ 'unit-name': { minOcrConfidence: 0.7 } }`. */
export type DetectorOptions = Readonly<Record<string, unknown>>;

/** Each registered detector's options schema, by id: what `govapp.yaml`'s `detectors:` section is checked against. */
export function detectorOptionSchemas(): ReadonlyMap<string, z.ZodType> {
  return new Map(detectors.map((d) => [d.meta.id, d.options]));
}

/** Checks every detector's options up front: BAD_CONFIG for an unknown detector id or a bad field. */
export function validateDetectorOptions(options: DetectorOptions = {}): void {
  for (const id of Object.keys(options))
    if (!detectors.some((d) => d.meta.id === id)) throw new GovappError('BAD_CONFIG', `detector options: no detector "${id}"`);
  for (const d of detectors) parseOptions(d, options[d.meta.id]);
}

export interface RunOptions {
  /**
   * `coverage` (default): absence-based verdicts become `unknown` unless the crawl was explored
   * with no wall (findings.md "Absence needs coverage"). `raw`: every verdict as the detectors
   * gave it, for measuring how fast a crawl's evidence settles (bench/), never for findings.
   */
  absence?: 'coverage' | 'raw';
}

/**
 * Runs every registered detector over one crawl: one ClauseResult per clause, in findings/1
 * order. A detector that throws yields `unknown` with a summary naming the internal error; the
 * others still run. Bad options throw (BAD_CONFIG) before anything runs. Absence-based verdicts
 * of a partial crawl are then withheld ({@link withholdAbsence}).
 */
export function runDetectors(obs: CrawlObservation, options: DetectorOptions = {}, run: RunOptions = {}): ClauseResult[] {
  validateDetectorOptions(options);
  const results = judge(obs, options);
  return run.absence === 'raw' ? results : withholdAbsence(results, obs);
}

/**
 * The one place absence meets coverage: when the crawl did not explore everything it could
 * reach, or met a wall, or cannot say (an old bundle without `run.coverage`), every verdict that
 * rests on absence becomes `unknown`, its summary saying what was seen and why the rest was not,
 * followed by what the detector would have concluded. Evidence- and probe-based verdicts stand.
 */
export function withholdAbsence(results: ClauseResult[], run: Pick<CrawlObservation, 'stopReason' | 'coverage'>): ClauseResult[] {
  if (absenceJudgeable(run)) return results;
  const why = describeCoverage(run);
  return results.map((r) =>
    r.basis === 'absence' && r.verdict !== 'unknown'
      ? { ...r, verdict: 'unknown', summary: `${why}；${r.summary}，但遍历不完整，不能据“未发现”下结论`, withheld: r.verdict }
      : r,
  );
}

function judge(obs: CrawlObservation, options: DetectorOptions): ClauseResult[] {
  return CLAUSES.map((clause): ClauseResult => {
    const detector = detectors.find((d) => d.meta.clause === clause);
    if (!detector) return { clause, verdict: 'unknown', summary: `没有判定条款 ${clause} 的检测器`, evidence: [] };
    try {
      return runDetector(detector, obs, options[detector.meta.id]).result;
    } catch (e) {
      const message = isGovappError(e) || e instanceof Error ? e.message : String(e);
      return { clause, verdict: 'unknown', summary: `检测器 ${detector.meta.id} 内部错误，未能判定：${message}`, evidence: [] };
    }
  });
}
