/**
 * OCR bench: character accuracy, time per screen and peak memory of each OCR engine on UI
 * screenshots with known text.
 *
 *   npm run bench:ocr -- [--engines paddle,tesseract,tesseract-cli] [--synthetic 1] [--limit N]
 *                        [--threads N] [--fixtures DIR|none] [--details] [--keep]
 *
 * Corpus: the recorded sample screens (`/work/shared/fixtures/apps/<app>/states/*.png`, truth from
 * their page sources, see bench/lib/ocr-corpus.ts) plus synthetic screens rendered by
 * bench/ocr-render.ts into a temporary directory. Metric: bench/lib/ocr-metric.ts.
 * Each engine runs in its own child process: "cold" is the first screen including model load,
 * "warm" the mean of the others, "CPU" the CPU time of all its threads (steadier than wall time
 * when other processes share the machine; "load" is the 1-minute load average), RSS the peak.
 * Engine variants (bench/lib/ocr-runner.ts): paddle, paddle@<detMaxSide>, paddle@<opt>=<n>+…,
 * service (paddle behind OcrService), paddle-lib (@gutenye/ocr-node as shipped), tesseract,
 * tesseract-cli (skipped when the program or its chi_sim data is missing).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PADDLE_DEFAULTS } from '../src/ocr/paddle.ts';
import { TESSERACT_DEFAULTS } from '../src/ocr/tesseract.ts';
import { fixtureScreens, type CorpusScreen } from './lib/ocr-corpus.ts';
import { accuracy, scoreScreen, type Score } from './lib/ocr-metric.ts';
import { runVariant, type VariantRun } from './lib/ocr-runner.ts';
import { tesseractCliAvailable } from './lib/tesseract-cli.ts';
import { renderScreens } from './ocr-render.ts';

const SELF = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(SELF), '..');
const LANGS = TESSERACT_DEFAULTS.langs;

const { values: args } = parseArgs({
  options: {
    engines: { type: 'string', default: 'paddle,tesseract,tesseract-cli' },
    fixtures: { type: 'string', default: '/work/shared/fixtures/apps' },
    synthetic: { type: 'string', default: '1' },
    limit: { type: 'string' },
    threads: { type: 'string' },
    details: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    child: { type: 'string' },
    files: { type: 'string' },
    out: { type: 'string' },
  },
});
const threads = args.threads ? Number(args.threads) : undefined;

if (args.child) {
  const files = JSON.parse(await readFile(args.files!, 'utf8')) as string[];
  const run = await runVariant(args.child, files, { threads, langs: LANGS });
  await writeFile(args.out!, JSON.stringify(run));
} else {
  await main();
}

async function main(): Promise<void> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'govapp-ocr-bench-'));
  try {
    const rendered = await renderScreens(path.join(tmp, 'synthetic'), Number(args.synthetic));
    const synthetic: CorpusScreen[] = rendered.map((r) => ({ ...r, name: `synthetic/${r.name}`, set: 'synthetic' }));
    let corpus = [...(args.fixtures === 'none' ? [] : await fixtureScreens(args.fixtures)), ...synthetic];
    if (args.limit) corpus = corpus.slice(0, Number(args.limit));
    const listFile = path.join(tmp, 'files.json');
    await writeFile(listFile, JSON.stringify(corpus.map((c) => c.file)));
    console.log(
      `corpus: ${corpus.filter((c) => c.set === 'fixture').length} recorded + ${corpus.filter((c) => c.set === 'synthetic').length} synthetic screens, ` +
        `${corpus.reduce((n, c) => n + c.truth.length, 0)} known texts; ${os.availableParallelism()} cores, ${os.cpus()[0]?.model ?? '?'}; ` +
        `paddle detMaxSide ${PADDLE_DEFAULTS.detMaxSide}, ONNX threads ${threads ?? os.availableParallelism()}` +
        (args.keep ? `; synthetic PNGs kept in ${path.join(tmp, 'synthetic')}` : ''),
    );
    const rows: string[][] = [];
    for (const variant of args.engines.split(',').filter(Boolean)) {
      if (variant === 'tesseract-cli' && !(await tesseractCliAvailable(LANGS))) {
        console.log(`tesseract-cli: skipped (no tesseract program with ${LANGS} on PATH)`);
        continue;
      }
      const run = await runChild(variant, listFile, path.join(tmp, `${variant}.json`));
      rows.push(summarize(run, corpus));
      if (args.details) printDetails(run, corpus);
    }
    printTable(['engine', 'acc recorded', 'acc synthetic', 'acc all', 'cold 1st ms', 'warm ms/screen', 'warm max ms', 'warm CPU ms', 'peak RSS MB', 'errors', 'load'], rows);
  } finally {
    if (!args.keep) await rm(tmp, { recursive: true, force: true });
  }
}

function runChild(variant: string, files: string, out: string): Promise<VariantRun> {
  const argv = ['--import', 'tsx', SELF, '--child', variant, '--files', files, '--out', out, ...(threads ? ['--threads', String(threads)] : [])];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, { cwd: ROOT, stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', async (code) => {
      if (code !== 0) return reject(new Error(`${variant}: child exited ${code}\n${stderr}`));
      resolve(JSON.parse(await readFile(out, 'utf8')) as VariantRun);
    });
  });
}

function scores(run: VariantRun, corpus: CorpusScreen[]): { screen: CorpusScreen; score: Score }[] {
  return corpus.map((screen, i) => ({ screen, score: scoreScreen(screen.truth, run.screens[i]?.boxes ?? []) }));
}

function summarize(run: VariantRun, corpus: CorpusScreen[]): string[] {
  const all = scores(run, corpus);
  const pct = (set?: CorpusScreen['set']) => {
    const s = all.filter((x) => !set || x.screen.set === set).map((x) => x.score);
    return s.length ? `${(accuracy(s) * 100).toFixed(2)} %` : '-';
  };
  const warm = run.screens.slice(1).map((s) => s.ms);
  const avg = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
  return [
    run.variant,
    pct('fixture'),
    pct('synthetic'),
    pct(),
    String(Math.round(run.screens[0]?.ms ?? NaN)),
    String(Math.round(avg(warm))),
    String(Math.round(Math.max(...warm))),
    String(Math.round(avg(run.screens.slice(1).map((s) => s.cpuMs)))),
    String(Math.round(run.maxRssKb / 1024)),
    String(run.screens.filter((s) => s.error).length),
    run.load.toFixed(1),
  ];
}

function printDetails(run: VariantRun, corpus: CorpusScreen[]): void {
  console.log(`\n${run.variant}: ms per screen`);
  console.log(corpus.map((c, i) => `  ${c.name} ${Math.round(run.screens[i]?.ms ?? NaN)} ms, CPU ${Math.round(run.screens[i]?.cpuMs ?? NaN)} ms (${run.screens[i]?.boxes.length ?? 0} boxes)`).join('\n'));
  console.log(`${run.variant}: texts not read exactly`);
  for (const { screen, score } of scores(run, corpus)) {
    for (const m of score.misses) console.log(`  ${screen.name}: ${JSON.stringify(m.truth)} → ${JSON.stringify(m.read)} (${m.errors})`);
  }
  for (const s of run.screens.filter((x) => x.error)) console.log(`  ${s.file}: ERROR ${s.error}`);
}

function printTable(head: string[], rows: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(`\n${line(head)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}
