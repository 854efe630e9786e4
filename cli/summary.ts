import type { ClauseResult } from '../src/findings/schema.ts';
import { VERDICT_WORDS } from '../reports/clauses.ts';
import { describeGate, type FailOn, type GateResult } from '../reports/gate.ts';

/**
 * The terminal summary every command that judges a bundle prints (crawl, analyze): one row per
 * clause with the same Chinese verdict words as the report, so a user never reads `fail` in one
 * place and 不符合 in another.
 */
export function verdictRows(clauses: readonly ClauseResult[]): string[] {
  return clauses.map((c) => `  ${c.clause.padEnd(6)} ${VERDICT_WORDS[c.verdict].padEnd(5, '　')} ${c.summary}`);
}

/**
 * Says what the `--fail-on` gate decided, on stderr, whatever `--quiet` says: a non-zero exit
 * always comes with its reason. Quiet and passed: nothing.
 */
export function reportGate(failOn: FailOn | undefined, gate: GateResult, quiet = false): void {
  if (!failOn) return;
  if (gate.tripped) process.stderr.write(`govapp: ${describeGate(failOn, gate)}\n`);
  else if (!quiet) process.stderr.write(`${describeGate(failOn, gate)}\n`);
}
