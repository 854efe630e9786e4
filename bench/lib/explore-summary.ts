/**
 * Figures of the exploration bench (bench/explore.ts), pure: one row per crawl, summarised per
 * app and strategy, compared with the targets of the issue "Goal-directed exploration":
 * targeted needs ≤ ⅓ of bfs's and ≤ 1⁄10 of random's actions until every clause verdict has its
 * final value, and never covers fewer states than any baseline at the end of the budget.
 */

export interface BenchRow {
  app: string;
  strategy: string;
  seed?: number;
  /** Actions the crawl took until it had explored everything (or hit the cap). */
  actions: number;
  stopReason: string;
  /** Actions until every clause verdict equals its final value for good. */
  toAllEvidence: number;
  /** Per clause: actions until its verdict settled. */
  settledAt: Record<string, number>;
  /** statesAt[k] = states seen within the first k actions. */
  statesAt: number[];
  /** Clauses whose final verdict differs from the app's expected.json (when it has one). */
  mismatches: string[];
  wallMs: number;
}

/** States covered after `k` actions (a crawl that stopped earlier keeps what it had). */
export function statesAfter(row: Pick<BenchRow, 'statesAt'>, k: number): number {
  if (!row.statesAt.length) return 0;
  return row.statesAt[Math.min(k, row.statesAt.length - 1)];
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / (xs.length || 1);

export interface StrategySummary {
  strategy: string;
  runs: number;
  /** Mean over runs (random: over seeds). */
  toAllEvidence: number;
  toAllEvidenceMin: number;
  toAllEvidenceMax: number;
  statesAt100: number;
  statesAtBudget: number;
  /** Worst run's states at the budget (what "never fewer" compares against). */
  statesAtBudgetMin: number;
  statesAtBudgetMax: number;
  actions: number;
  mismatches: string[];
}

export function summarise(rows: BenchRow[], budget: number): StrategySummary[] {
  const by = new Map<string, BenchRow[]>();
  for (const r of rows) by.set(r.strategy, [...(by.get(r.strategy) ?? []), r]);
  return [...by].map(([strategy, rs]) => {
    const ev = rs.map((r) => r.toAllEvidence);
    const atBudget = rs.map((r) => statesAfter(r, budget));
    return {
      strategy,
      runs: rs.length,
      toAllEvidence: mean(ev),
      toAllEvidenceMin: Math.min(...ev),
      toAllEvidenceMax: Math.max(...ev),
      statesAt100: mean(rs.map((r) => statesAfter(r, 100))),
      statesAtBudget: mean(atBudget),
      statesAtBudgetMin: Math.min(...atBudget),
      statesAtBudgetMax: Math.max(...atBudget),
      actions: mean(rs.map((r) => r.actions)),
      mismatches: [...new Set(rs.flatMap((r) => r.mismatches))],
    };
  });
}

export interface TargetCheck {
  app: string;
  /** targeted / bfs actions to all evidence; target ≤ 1/3. */
  vsBfs?: number;
  /** targeted / mean random actions to all evidence; target ≤ 1/10. */
  vsRandom?: number;
  /** targeted covers at least as many states at the budget as every run of every other strategy. */
  coverageOk: boolean;
  /** The other strategies' best run at the budget, for the record. */
  bestOtherStates: number;
  targetedStates: number;
}

/** Ratio with a floor of one action (an app whose evidence is all on the launch screen needs 0). */
const ratio = (a: number, b: number) => Math.max(a, 1) / Math.max(b, 1);

export function checkTargets(app: string, rows: BenchRow[], budget: number): TargetCheck | undefined {
  const targeted = rows.filter((r) => r.strategy === 'targeted');
  if (!targeted.length) return undefined;
  const t = mean(targeted.map((r) => r.toAllEvidence));
  const bfs = rows.filter((r) => r.strategy === 'bfs');
  const random = rows.filter((r) => r.strategy === 'random');
  const others = rows.filter((r) => r.strategy !== 'targeted');
  const targetedStates = Math.min(...targeted.map((r) => statesAfter(r, budget)));
  const bestOtherStates = Math.max(0, ...others.map((r) => statesAfter(r, budget)));
  return {
    app,
    vsBfs: bfs.length ? ratio(t, mean(bfs.map((r) => r.toAllEvidence))) : undefined,
    vsRandom: random.length ? ratio(t, mean(random.map((r) => r.toAllEvidence))) : undefined,
    coverageOk: targetedStates >= bestOtherStates,
    bestOtherStates,
    targetedStates,
  };
}

const fmt = (n: number, digits = 0) => (Number.isInteger(n) || digits === 0 ? String(Math.round(n)) : n.toFixed(digits));

/** One Markdown table for one app: a line per strategy. */
export function appTable(app: string, rows: BenchRow[], budget: number): string {
  const lines = [
    `### ${app}`,
    '',
    `| strategy | runs | actions to all evidence | states @100 | states @${budget} | states (end) | actions (end) | verdicts |`,
    '|---|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const s of summarise(rows, budget)) {
    const range = s.runs > 1 ? ` (${s.toAllEvidenceMin}–${s.toAllEvidenceMax})` : '';
    const end = rows.filter((r) => r.strategy === s.strategy).map((r) => r.statesAt.at(-1) ?? 0);
    const endText = Math.min(...end) === Math.max(...end) ? String(end[0]) : `${Math.min(...end)}–${Math.max(...end)}`;
    const budgetText = s.statesAtBudgetMin === s.statesAtBudgetMax ? fmt(s.statesAtBudget) : `${fmt(s.statesAtBudget, 1)} (${s.statesAtBudgetMin}–${s.statesAtBudgetMax})`;
    lines.push(
      `| ${s.strategy} | ${s.runs} | ${fmt(s.toAllEvidence, 1)}${range} | ${fmt(s.statesAt100, 1)} | ${budgetText} | ${endText} | ${fmt(s.actions, 1)} | ${s.mismatches.length ? `≠ expected: ${s.mismatches.join(', ')}` : 'as expected'} |`,
    );
  }
  return lines.join('\n');
}

/** The targets table across apps. */
export function targetsTable(checks: TargetCheck[]): string {
  const r = (x: number | undefined, limit: number) => (x === undefined ? '—' : `${x.toFixed(2)} ${x <= limit ? '✓' : '✗'}`);
  const lines = [
    '| app | targeted ÷ bfs (≤ 0.33) | targeted ÷ random (≤ 0.10) | states at budget: targeted vs best other |',
    '|---|---:|---:|---|',
    ...checks.map((c) => `| ${c.app} | ${r(c.vsBfs, 1 / 3)} | ${r(c.vsRandom, 0.1)} | ${c.targetedStates} vs ${c.bestOtherStates} ${c.coverageOk ? '✓' : '✗'} |`),
  ];
  return lines.join('\n');
}
