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
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { BatchApp } from '../batch/apps-file.ts';
import type { RunOne } from '../batch/attempt.ts';
import { executeBatch } from '../batch/batch.ts';
import { formatMs } from '../batch/duration.ts';
import { PACKAGE_ROOT } from '../src/paths.ts';

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
const SAMPLES = ['study-portal', 'office-compliant', 'river-patrol'];
const SHARED = path.resolve(PACKAGE_ROOT, '../shared/fixtures/apps');

function benchApps(): BatchApp[] {
  return Array.from({ length: N }, (_, i) => {
    const s = SAMPLES[i % SAMPLES.length];
    const dir = path.join(SHARED, s);
    const pkg: string = JSON.parse(readFileSync(path.join(dir, 'app.json'), 'utf8')).app.package;
    return {
      id: `${s}-${Math.floor(i / SAMPLES.length) + 1}`,
      target: { kind: 'app-graph', dir, package: pkg },
      package: pkg,
      options: { ocr: values.ocr as 'off', maxMinutes: Number(values['max-minutes']), timeoutMs: 10 * 60_000 },
    };
  });
}

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

/** RSS (bytes) of this process and every process below it (the Appium servers), from /proc. */
function treeRss(): number {
  try {
    const parent = new Map<number, number>();
    for (const d of readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue;
      try {
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      } catch {
        // exited meanwhile
      }
    }
    const tree = new Set([process.pid]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const [pid, ppid] of parent) if (!tree.has(pid) && tree.has(ppid)) {
        tree.add(pid);
        grew = true;
      }
    }
    let kb = 0;
    for (const pid of tree) {
      try {
        const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
        if (m) kb += Number(m[1]);
      } catch {
        // exited meanwhile
      }
    }
    return kb * 1024;
  } catch {
    return process.memoryUsage().rss;
  }
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
    apps: benchApps(),
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
