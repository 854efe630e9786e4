// Batch scaling benchmark: the same N app crawls (the public samples repeated) at several
// concurrency levels, side by side, on replay devices (one local Appium server per slot).
//
//   npm run bench:batch -- [--apps 40] [--levels 1,2,4] [--crawl real|scripted] [--ocr off] [--max-minutes 2]
//                          [--local-servers N] [--out DIR] [--keep]
//
// Reports wall time (including starting the Appium servers), crawl-phase time, speed-up over the
// first level, apps ok/error and peak memory (RSS of this process plus its Appium servers).
// Target: speed-up ≥ 3.2× at concurrency 4 (reported, not asserted). `--crawl scripted` runs the
// test suite's scripted crawl (real replay sessions, scripted exploration) to check the harness.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { RunOne } from '../batch/attempt.ts';
import { executeBatch } from '../batch/batch.ts';
import { formatMs } from '../batch/duration.ts';
import { benchApps, SAMPLES } from './lib/sample-batch.ts';
import { treeRss } from './lib/tree-rss.ts';

const { values } = parseArgs({
  options: {
    apps: { type: 'string', default: '40' },
    levels: { type: 'string', default: '1,2,4' },
    crawl: { type: 'string', default: 'real' },
    ocr: { type: 'string', default: 'off' },
    'max-minutes': { type: 'string', default: '2' },
    out: { type: 'string' },
    'local-servers': { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const N = Number(values.apps);
const levels = values.levels!.split(',').map(Number);

async function runOneFor(kind: string): Promise<RunOne> {
  if (kind === 'scripted') return (await import('../test/batch/scripted-crawl.ts')).scriptedCrawl({ steps: 6, stepMs: 150 });
  const { crawlRunOne } = await import('../cli/commands/batch.ts');
  try {
    await import('../crawlers/crawl.ts');
  } catch (e) {
    console.error(`bench:batch: the real crawl does not load (${(e as Error).message.split('\n')[0]}); try --crawl scripted`);
    process.exit(1);
  }
  return crawlRunOne;
}

interface Row {
  concurrency: number;
  wallMs: number;
  crawlMs: number;
  ok: number;
  error: number;
  peakRssMiB: number;
}

const runOne = await runOneFor(values.crawl!);
const root = values.out ? path.resolve(values.out) : mkdtempSync(path.join(os.tmpdir(), 'govapp-bench-batch-'));
const rows: Row[] = [];
console.log(`bench:batch: ${N} app crawls (${SAMPLES.join(', ')} repeated), crawl=${values.crawl}, ocr=${values.ocr}, levels ${levels.join(', ')}, on ${os.cpus().length} CPUs`);
for (const c of levels) {
  const outDir = path.join(root, `c${c}`);
  rmSync(outDir, { recursive: true, force: true });
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, treeRss())), 250);
  let began = 0;
  const t0 = performance.now();
  const r = await executeBatch({
    apps: benchApps(N, { ocr: values.ocr!, maxMinutes: Number(values['max-minutes']) }),
    outDir,
    concurrency: c,
    localServers: values['local-servers'] ? Number(values['local-servers']) : undefined,
    runOne,
    progress: false,
    onEvent: (e) => e.type === 'begin' && (began = performance.now()),
  });
  const t1 = performance.now();
  clearInterval(sampler);
  peak = Math.max(peak, treeRss());
  rows.push({ concurrency: c, wallMs: t1 - t0, crawlMs: t1 - began, ok: r.ok, error: r.error, peakRssMiB: peak / 2 ** 20 });
  console.log(`  concurrency ${c}: ${formatMs(Math.round(t1 - t0))} (${r.ok} ok, ${r.error} error)`);
  if (!values.keep) rmSync(outDir, { recursive: true, force: true });
}

const base = rows[0];
console.log('\nconcurrency  wall       crawl phase  speed-up  ok/error  peak RSS');
for (const r of rows) {
  const speed = base.crawlMs / r.crawlMs;
  console.log(
    `${String(r.concurrency).padStart(11)}  ${formatMs(Math.round(r.wallMs)).padEnd(9)}  ${formatMs(Math.round(r.crawlMs)).padEnd(11)}  ${speed.toFixed(2).padStart(7)}×  ${`${r.ok}/${r.error}`.padStart(8)}  ${r.peakRssMiB.toFixed(0).padStart(5)} MiB`,
  );
}
const at4 = rows.find((r) => r.concurrency === 4);
if (at4) console.log(`\nspeed-up at 4: ${(base.crawlMs / at4.crawlMs).toFixed(2)}× (target ≥ 3.2×, reported, not asserted; this machine has ${os.cpus().length} CPUs)`);
writeFileSync(path.join(root, 'bench-batch.json'), JSON.stringify({ apps: N, crawl: values.crawl, ocr: values.ocr, cpus: os.cpus().length, rows }, null, 2));
console.log(`results: ${path.join(root, 'bench-batch.json')}`);
