/**
 * Real-screen bench: per-clause accuracy of the single-screen judgements on the real corpus
 * (test/fixtures/real/, expectations in test/detectors/real/expected.ts) and the number of false
 * `fail`s, for this checkout and, side by side, for a previous release.
 *
 *   npm run bench:real -- [--against cbc4f18] [--misses] [--json out.json]
 *
 * The previous release is extracted with `git archive` (bench/lib/detector-set.ts) and judged with
 * its own detectors, parser and text merge. Launcher screens are scored apart (`system`): nothing
 * on them may count for the app.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CORPUS_CLAUSES, EXPECTED, expectedVerdict } from '../test/detectors/real/expected.ts';
import { checkoutAt, loadDetectorSet } from './lib/detector-set.ts';
import { corpusDir, scoreCorpus, type ClauseScore } from './lib/real-corpus.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: { against: { type: 'string', default: 'cbc4f18' }, misses: { type: 'boolean', default: false }, json: { type: 'string' } },
});

const dir = corpusDir(ROOT);
if (!dir) {
  console.error('govapp: NO_CORPUS: no real screens found (test/fixtures/real/screens, ../shared/real-screens or GOVAPP_REAL_CORPUS); see test/fixtures/real/SOURCES.md');
  process.exit(2);
}

const want = (i: number, clause: string) => expectedVerdict(EXPECTED[i], clause as (typeof CORPUS_CLAUSES)[number])[0];
const sets = [await loadDetectorSet(ROOT, 'this checkout'), await loadDetectorSet(checkoutAt(ROOT, args.against!), `previous (${args.against})`)];
const results = sets.map((set) => ({ set: set.label, scores: scoreCorpus(set, dir, EXPECTED, CORPUS_CLAUSES, want) }));

const pct = (r: number, t: number) => (t ? `${((100 * r) / t).toFixed(1)}%` : '-');
const total = (scores: ClauseScore[]) => scores.reduce((a, s) => ({ right: a.right + s.right, total: a.total + s.total, ff: a.ff + s.falseFails }), { right: 0, total: 0, ff: 0 });

console.log(`real corpus: ${EXPECTED.length} screens from ${new Set(EXPECTED.map((s) => s.app)).size} apps (${dir})\n`);
console.log(['clause'.padEnd(8), ...results.map((r) => `${r.set.padEnd(22)}`)].join(' '));
CORPUS_CLAUSES.forEach((clause, k) =>
  console.log([clause.padEnd(8), ...results.map((r) => `${pct(r.scores[k].right, r.scores[k].total).padStart(6)}  false fail ${String(r.scores[k].falseFails).padEnd(3)}`.padEnd(22))].join(' ')),
);
console.log(['all'.padEnd(8), ...results.map((r) => { const t = total(r.scores); return `${pct(t.right, t.total).padStart(6)}  false fail ${String(t.ff).padEnd(3)}`.padEnd(22); })].join(' '));
console.log(`\n(${results[0].scores[0].total} screens × ${CORPUS_CLAUSES.length} clauses; “false fail” = fail where the expectation is not fail)`);
if (args.misses)
  for (const r of results) {
    console.log(`\nmisses — ${r.set}`);
    for (const s of r.scores) for (const m of s.misses) console.log(`  ${s.clause} ${m.file}: want ${m.want}, got ${m.got} — ${m.summary}`);
  }
if (args.json) writeFileSync(args.json, JSON.stringify(results, null, 2));
