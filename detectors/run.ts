import { GovappError, isGovappError } from '../src/errors.ts';
import { CLAUSES, type ClauseResult } from '../src/findings/schema.ts';
import type { CrawlObservation } from '../src/observation.ts';
import { parseOptions, runDetector } from './define.ts';
import { detectors } from './index.ts';

/** Options per detector id, e.g. `{ 'unit-name': { minOcrConfidence: 0.7 } }`. */
export type DetectorOptions = Readonly<Record<string, unknown>>;

/** Checks every detector's options up front: BAD_CONFIG for an unknown detector id or a bad field. */
export function validateDetectorOptions(options: DetectorOptions = {}): void {
  for (const id of Object.keys(options))
    if (!detectors.some((d) => d.meta.id === id)) throw new GovappError('BAD_CONFIG', `detector options: no detector "${id}"`);
  for (const d of detectors) parseOptions(d, options[d.meta.id]);
}

/**
 * Runs every registered detector over one crawl: one ClauseResult per clause, in findings/1
 * order. A detector that throws yields `unknown` with a summary naming the internal error; the
 * others still run. Bad options throw (BAD_CONFIG) before anything runs.
 */
export function runDetectors(obs: CrawlObservation, options: DetectorOptions = {}): ClauseResult[] {
  validateDetectorOptions(options);
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
