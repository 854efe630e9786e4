import { describe, expect, it } from 'vitest';
import { appTable, checkTargets, statesAfter, summarise, targetsTable, type BenchRow } from '../../bench/lib/explore-summary.ts';

const row = (strategy: string, toAllEvidence: number, statesAt: number[], seed?: number): BenchRow => ({
  app: 'demo',
  strategy,
  seed,
  actions: statesAt.length - 1,
  stopReason: 'explored',
  toAllEvidence,
  settledAt: { '4.2': toAllEvidence },
  statesAt,
  mismatches: [],
  wallMs: 1000,
});

/** statesAt for a crawl of n actions that finds one state every `every` actions, up to `max`. */
const curve = (n: number, every: number, max: number) => Array.from({ length: n + 1 }, (_, k) => Math.min(max, 1 + Math.floor(k / every)));

describe('exploration bench figures', () => {
  it('states after k actions; a crawl that ended earlier keeps its last count', () => {
    const r = row('bfs', 10, [1, 2, 2, 3]);
    expect(statesAfter(r, 0)).toBe(1);
    expect(statesAfter(r, 2)).toBe(2);
    expect(statesAfter(r, 300)).toBe(3);
  });

  it('random runs are summarised over seeds: mean and range', () => {
    const rows = [row('random', 100, curve(400, 5, 60), 1), row('random', 200, curve(400, 4, 60), 2)];
    const [s] = summarise(rows, 300);
    expect(s).toMatchObject({ strategy: 'random', runs: 2, toAllEvidence: 150, toAllEvidenceMin: 100, toAllEvidenceMax: 200 });
    expect(s.statesAtBudget).toBe(60);
    expect(s.statesAt100).toBe((21 + 26) / 2);
  });

  it('targets: ratios to bfs and to mean random, and coverage against every other run', () => {
    const rows = [
      row('targeted', 20, curve(400, 3, 100)),
      row('bfs', 90, curve(400, 4, 100)),
      row('random', 150, curve(400, 5, 100), 1),
      row('random', 250, curve(400, 5, 100), 2),
    ];
    const c = checkTargets('demo', rows, 300)!;
    expect(c.vsBfs).toBeCloseTo(20 / 90);
    expect(c.vsRandom).toBeCloseTo(0.1);
    expect(c).toMatchObject({ coverageOk: true, targetedStates: 100, bestOtherStates: 76 });
    const worse = checkTargets('demo', [row('targeted', 20, curve(400, 6, 100)), row('bfs', 90, curve(400, 4, 100))], 300)!;
    expect(worse.coverageOk).toBe(false);
  });

  it('an app whose evidence needs no action at all compares as one action', () => {
    const c = checkTargets('demo', [row('targeted', 0, [3]), row('bfs', 0, [3])], 300)!;
    expect(c.vsBfs).toBe(1);
  });

  it('renders one Markdown table per app and a table of targets', () => {
    const rows = [row('targeted', 20, curve(400, 3, 100)), row('bfs', 90, curve(400, 4, 100))];
    const table = appTable('demo', rows, 300);
    expect(table).toContain('### demo');
    expect(table).toMatch(/\| targeted \| 1 \| 20 \| 34 \| 100 \| 100 \| 400 \| as expected \|/);
    const targets = targetsTable([checkTargets('demo', rows, 300)!]);
    expect(targets).toContain('| demo | 0.22 ✓ | — | 100 vs 76 ✓ |');
  });
});
