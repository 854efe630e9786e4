import { BadInputError } from '../src/errors.ts';
import { EXIT } from '../src/cli/exit-codes.ts';
import type { Findings, Verdict } from '../src/findings/schema.ts';

/**
 * `--fail-on fail|review`: CI gating on a crawl's verdicts.
 * - `fail`: the gate trips when any clause is `fail`;
 * - `review`: also when any clause is `review` or `unknown` (both need a person before release).
 * A tripped gate exits with {@link GATE_EXIT_CODE}; crawl errors keep their own codes (1, or 2 for BAD_*).
 */
export const FAIL_ON_LEVELS = ['fail', 'review'] as const;
export type FailOn = (typeof FAIL_ON_LEVELS)[number];

export const GATE_EXIT_CODE = EXIT.GATE;

const TRIPPING: Record<FailOn, readonly Verdict[]> = {
  fail: ['fail'],
  review: ['fail', 'review', 'unknown'],
};

/** Parses the `--fail-on` value (undefined when the option was not given). */
export function parseFailOn(value: string | undefined): FailOn | undefined {
  if (value === undefined) return undefined;
  if ((FAIL_ON_LEVELS as readonly string[]).includes(value)) return value as FailOn;
  throw new BadInputError('BAD_ARGUMENT', `--fail-on: expected one of ${FAIL_ON_LEVELS.join(', ')}, got "${value}"`);
}

export interface GateResult {
  tripped: boolean;
  /** The clauses that tripped it, as `4.1.1 (fail)`. */
  offending: string[];
  exitCode: number;
}

export function evaluateGate(findings: Pick<Findings, 'clauses'>, failOn: FailOn | undefined): GateResult {
  if (!failOn) return { tripped: false, offending: [], exitCode: 0 };
  const offending = findings.clauses.filter((c) => TRIPPING[failOn].includes(c.verdict)).map((c) => `${c.clause} (${c.verdict})`);
  return { tripped: offending.length > 0, offending, exitCode: offending.length ? GATE_EXIT_CODE : 0 };
}

/** One line for stderr when the gate trips, e.g. `--fail-on fail: 4.1.1 (fail), 5 (fail)`. */
export function describeGate(failOn: FailOn, r: GateResult): string {
  return r.tripped ? `--fail-on ${failOn}: ${r.offending.join(', ')}` : `--fail-on ${failOn}: passed`;
}
