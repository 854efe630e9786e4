import { BadInputError } from '../src/errors.ts';
import { EXIT } from '../src/exit-codes.ts';
import { incompleteNotice } from '../src/findings/coverage.ts';
import type { Findings, Verdict } from '../src/findings/schema.ts';

/**
 * `--fail-on fail|review|incomplete` (or a comma list such as `fail,incomplete`): CI gating.
 * - `fail`: the gate trips when any clause is `fail`;
 * - `review`: also when any clause is `review` or `unknown` (both need a person before release);
 * - `incomplete`: when the crawl did not see the whole app (stopped by budget, error or user,
 *   or blocked by a wall; or a bundle that does not record its coverage), so verdicts that rest
 *   on absence were withheld (findings.md "Absence needs coverage").
 * A tripped gate exits with {@link GATE_EXIT_CODE}; crawl errors keep their own codes (1, or 2 for BAD_*).
 */
export const FAIL_ON_LEVELS = ['fail', 'review', 'incomplete'] as const;
export type FailOnLevel = (typeof FAIL_ON_LEVELS)[number];
/** One level, or several joined by commas (as parsed: known levels only, in the order given). */
export type FailOn = string;

export const GATE_EXIT_CODE = EXIT.GATE;

const TRIPPING: Record<Exclude<FailOnLevel, 'incomplete'>, readonly Verdict[]> = {
  fail: ['fail'],
  review: ['fail', 'review', 'unknown'],
};

/** Parses the `--fail-on` value (undefined when the option was not given). */
export function parseFailOn(value: string | undefined): FailOn | undefined {
  if (value === undefined) return undefined;
  const levels = value.split(',').map((v) => v.trim());
  for (const l of levels)
    if (!(FAIL_ON_LEVELS as readonly string[]).includes(l)) throw new BadInputError('BAD_ARGUMENT', `--fail-on: expected one of ${FAIL_ON_LEVELS.join(', ')} (or a comma list), got "${value}"`);
  return [...new Set(levels)].join(',');
}

export interface GateResult {
  tripped: boolean;
  /** What tripped it: clauses as `4.1.1 (fail)`, and `incomplete crawl (…)`. */
  offending: string[];
  exitCode: number;
}

export function evaluateGate(findings: Pick<Findings, 'clauses'> & { run?: Findings['run'] }, failOn: FailOn | undefined): GateResult {
  if (!failOn) return { tripped: false, offending: [], exitCode: 0 };
  const levels = failOn.split(',') as FailOnLevel[];
  const tripping = new Set(levels.flatMap((l) => (l === 'incomplete' ? [] : TRIPPING[l])));
  const offending = findings.clauses.filter((c) => tripping.has(c.verdict)).map((c) => `${c.clause} (${c.verdict})`);
  const run = findings.run;
  if (levels.includes('incomplete') && (!run || incompleteNotice(run)))
    offending.push(`incomplete crawl (stop: ${run?.stopReason ?? 'unknown'}, walls: ${run?.coverage?.walls.length ?? 'not recorded'})`);
  return { tripped: offending.length > 0, offending, exitCode: offending.length ? GATE_EXIT_CODE : 0 };
}

/** One line for stderr when the gate trips, e.g. `--fail-on fail: 4.1.1 (fail), 5 (fail)`. */
export function describeGate(failOn: FailOn, r: GateResult): string {
  return r.tripped ? `--fail-on ${failOn}: ${r.offending.join(', ')}` : `--fail-on ${failOn}: passed`;
}
