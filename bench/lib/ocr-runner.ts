import { readFile } from 'node:fs/promises';
import os from 'node:os';
import type { OcrBox } from '../../src/observation.ts';
import type { OcrEngine } from '../../src/ocr/engine-api.ts';
import { createEngine } from '../../src/ocr/engine.ts';
import type { PaddleOptions } from '../../src/ocr/paddle.ts';
import { tesseractCli } from './tesseract-cli.ts';

/**
 * Runs one engine variant over screenshot files, in this process (the bench starts one child
 * process per variant, so model load, memory and CPU threads of one never colour another).
 *
 * Variants: `paddle` (default options), `paddle@<detMaxSide>` (another detection size) or
 * `paddle@<option>=<n>+<option>=<n>` (any numeric PaddleOptions, e.g. `paddle@detMaxSide=960+minRecWidth=320`),
 * `service` (paddle through OcrService: a worker thread, fingerprinting and cache included),
 * `paddle-lib` (the @gutenye/ocr-node pipeline as shipped, for reference), `tesseract`
 * (tesseract.js), `tesseract-cli` (the tesseract program).
 */
export interface VariantRun {
  variant: string;
  /** `ms` wall clock, `cpuMs` CPU time of all threads (of the CLI process for tesseract-cli). */
  screens: { file: string; ms: number; cpuMs: number; boxes: OcrBox[]; error?: string }[];
  /** Peak resident set size of the process (or of the largest CLI run), KiB. */
  maxRssKb: number;
  /** 1-minute load average when the run ended (other processes skew wall times). */
  load: number;
}

export interface RunOptions {
  threads?: number;
  langs: string;
}

export async function runVariant(variant: string, files: string[], opts: RunOptions): Promise<VariantRun> {
  const screens: VariantRun['screens'] = [];
  let cliRss = 0;
  const engine = await makeEngine(variant, opts);
  try {
    for (const file of files) {
      const png = await readFile(file);
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const cpu = () => {
        const c = process.cpuUsage(c0);
        return (c.user + c.system) / 1000;
      };
      try {
        if (engine) {
          const boxes = await engine.recognize(png);
          screens.push({ file, ms: performance.now() - t0, cpuMs: cpu(), boxes });
        } else {
          const r = await tesseractCli(file, opts.langs);
          cliRss = Math.max(cliRss, r.maxRssKb ?? 0);
          screens.push({ file, ms: performance.now() - t0, cpuMs: r.cpuMs ?? NaN, boxes: r.boxes });
        }
      } catch (e) {
        screens.push({ file, ms: performance.now() - t0, cpuMs: cpu(), boxes: [], error: String((e as Error)?.message ?? e) });
      }
    }
  } finally {
    await engine?.close();
  }
  return { variant, screens, maxRssKb: engine ? process.resourceUsage().maxRSS : cliRss, load: os.loadavg()[0] };
}

async function makeEngine(variant: string, opts: RunOptions): Promise<OcrEngine | undefined> {
  const [kind, arg] = variant.split('@');
  switch (kind) {
    case 'paddle':
      return createEngine('paddle', { paddle: { threads: opts.threads, ...paddleArgs(arg) } });
    case 'tesseract':
      return createEngine('tesseract', { tesseract: { langs: opts.langs } });
    case 'paddle-lib':
      return libEngine(opts.threads);
    case 'service': {
      const { OcrService } = await import('../../src/ocr/pool.ts');
      const ocr = new OcrService({ engine: 'paddle', engineOptions: { paddle: { threads: opts.threads } } });
      return { name: 'service', recognize: (png) => ocr.recognize(png), close: () => ocr.close() };
    }
    case 'tesseract-cli':
      return undefined;
    default:
      throw new Error(`unknown variant ${variant}`);
  }
}

function paddleArgs(arg: string | undefined): PaddleOptions {
  if (!arg) return {};
  if (/^\d+$/.test(arg)) return { detMaxSide: Number(arg) };
  return Object.fromEntries(arg.split('+').map((kv) => kv.split('=')).map(([k, v]) => [k, Number(v)]));
}

/** @gutenye/ocr-node's own `Ocr.detect()` (full-resolution detection, rows joined into lines). */
async function libEngine(threads: number | undefined): Promise<OcrEngine> {
  const { default: Ocr } = await import('@gutenye/ocr-node');
  const { rectFromPoints } = await import('../../src/geometry.ts');
  let ocr: Promise<Awaited<ReturnType<typeof Ocr.create>>> | undefined;
  return {
    name: 'paddle-lib',
    async recognize(png) {
      ocr ??= Ocr.create({ onnxOptions: threads ? { intraOpNumThreads: threads } : {} });
      // detect() takes a path in its types; sharp underneath also accepts the PNG bytes.
      const lines = await (await ocr).detect(png as unknown as string);
      return lines.map((l: { text: string; mean: number; box?: number[][] }) => ({ text: l.text, confidence: l.mean, bounds: rectFromPoints((l.box ?? []) as [number, number][]) }));
    },
    async close() {},
  };
}
