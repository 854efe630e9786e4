import { CLAUSES, type ClauseResult, type Coverage, type Findings, type StopReason } from './schema.ts';

export interface FindingsRun {
  startedAt: Date;
  finishedAt: Date;
  states: number;
  actions: number;
  stopReason: StopReason;
  coverage?: Coverage;
}

/**
 * Assembles findings/1: every clause exactly once, in the spec's order. A clause no detector
 * answered is `unknown` — never guessed.
 */
export function buildFindings(app: Findings['app'], run: FindingsRun, results: ClauseResult[], extra: Record<string, unknown> = {}): Findings {
  const byClause = new Map(results.map((r) => [r.clause, r]));
  return {
    format: 'findings/1',
    app,
    run: {
      startedAt: run.startedAt.toISOString(),
      finishedAt: run.finishedAt.toISOString(),
      states: run.states,
      actions: run.actions,
      stopReason: run.stopReason,
      ...(run.coverage ? { coverage: run.coverage } : {}),
      ...extra,
    },
    clauses: CLAUSES.map(
      (clause) => byClause.get(clause) ?? { clause, verdict: 'unknown' as const, summary: '未运行该条款的检测，无法判定', evidence: [] },
    ),
  };
}
