import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { OcrBox } from '../../src/observation.ts';
import { readingOrder } from '../../src/ocr/engine-api.ts';
import { joinWords } from '../../src/ocr/tesseract.ts';

/** The Tesseract command-line program (e.g. Debian `tesseract-ocr` + `tesseract-ocr-chi-sim`), as a reference. */
const run = promisify(execFile);
const TIME = '/usr/bin/time';

/** Whether `tesseract` is on PATH with every language of `langs` (`+`-joined). */
export async function tesseractCliAvailable(langs: string): Promise<boolean> {
  try {
    const { stdout, stderr } = await run('tesseract', ['--list-langs']);
    const have = new Set(`${stdout}\n${stderr}`.split('\n').map((l) => l.trim()));
    return langs.split('+').every((l) => have.has(l));
  } catch {
    return false;
  }
}

/** OCR one image with the CLI (sparse text, TSV); peak memory and CPU time when GNU time is there to measure them. */
export async function tesseractCli(file: string, langs: string): Promise<{ boxes: OcrBox[]; maxRssKb?: number; cpuMs?: number }> {
  const args = [file, 'stdout', '-l', langs, '--psm', '11', 'tsv'];
  const timed = await access(TIME).then(
    () => true,
    () => false,
  );
  const { stdout, stderr } = timed
    ? await run(TIME, ['-f', 'maxrss=%M cpu=%U+%S', 'tesseract', ...args], { maxBuffer: 64 << 20 })
    : await run('tesseract', args, { maxBuffer: 64 << 20 });
  const m = /maxrss=(\d+) cpu=([\d.]+)\+([\d.]+)/.exec(stderr);
  return { boxes: parseTsv(stdout), ...(m ? { maxRssKb: Number(m[1]), cpuMs: (Number(m[2]) + Number(m[3])) * 1000 } : {}) };
}

/** Tesseract TSV (level 5 = word) → one box per text line, confidence 0..1. */
export function parseTsv(tsv: string): OcrBox[] {
  const lines = new Map<string, { words: string[]; conf: number[]; x1: number; y1: number; x2: number; y2: number }>();
  for (const row of tsv.split('\n').slice(1)) {
    const f = row.split('\t');
    if (f.length < 12 || f[0] !== '5' || !f[11].trim()) continue;
    const [left, top, w, h, conf] = f.slice(6, 11).map(Number);
    const key = f.slice(1, 5).join('/');
    const line = lines.get(key) ?? { words: [], conf: [], x1: left, y1: top, x2: left + w, y2: top + h };
    line.words.push(f[11]);
    line.conf.push(conf);
    line.x1 = Math.min(line.x1, left);
    line.y1 = Math.min(line.y1, top);
    line.x2 = Math.max(line.x2, left + w);
    line.y2 = Math.max(line.y2, top + h);
    lines.set(key, line);
  }
  const boxes = [...lines.values()].map((l) => ({
    text: joinWords(l.words),
    confidence: l.conf.reduce((a, b) => a + b, 0) / l.conf.length / 100,
    bounds: { x1: l.x1, y1: l.y1, x2: l.x2, y2: l.y2 },
  }));
  return readingOrder(boxes.filter((b) => b.text && b.confidence >= 0.5));
}
