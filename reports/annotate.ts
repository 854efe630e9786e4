import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { ClauseResult, Evidence, Findings } from '../src/findings/schema.ts';
import { clauseSlug, outlineColor, verdictWord } from './clauses.ts';
import { resolveInBundle } from './paths.ts';
import { escapeMarkup } from './escape.ts';

/**
 * Annotated screenshots: for each piece of evidence with bounds, a copy of its screenshot with the
 * bounds outlined and a label naming the clause and verdict, at `evidence/<clause>-<n>.png`.
 * Labels are drawn by librsvg through an SVG overlay in the CJK font the report uses.
 */
export const LABEL_FONT = 'Noto Sans CJK SC';

/** Bundle-relative path of the annotated copy of `clause`'s evidence number `index` (0-based). */
export function annotatedPath(clause: string, index: number): string {
  return `evidence/${clauseSlug(clause)}-${index + 1}.png`;
}

/** Rough rendered width of `s` at `size` px: CJK and full-width glyphs are square, the rest about half. */
export function textWidth(s: string, size: number): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch) ? size : size * 0.6;
  return w;
}

function truncate(s: string, size: number, maxWidth: number): string {
  if (textWidth(s, size) <= maxWidth) return s;
  const chars = Array.from(s);
  while (chars.length && textWidth(chars.join('') + '…', size) > maxWidth) chars.pop();
  return chars.join('') + '…';
}

/** The overlay for one piece of evidence, in image pixels (bounds scaled by `scale`). */
export function overlaySvg(width: number, height: number, c: Pick<ClauseResult, 'clause' | 'verdict'>, ev: Evidence, scale = 1): string {
  const [x1, y1, x2, y2] = ev.bounds!.map((n) => Math.round(n * scale));
  const color = outlineColor(c.verdict);
  const stroke = Math.max(3, Math.round(width / 180));
  const size = Math.max(14, Math.round(width / 30));
  const pad = Math.round(size * 0.35);
  const label = truncate(`${c.clause} ${verdictWord(c.verdict)}${ev.text ? `：${ev.text.replace(/\s+/g, ' ')}` : ''}`, size, width - 2 * pad);
  const boxW = Math.min(width, Math.ceil(textWidth(label, size) + 2 * pad));
  const boxH = size + 2 * pad;
  const above = y1 - stroke - boxH >= 0;
  const boxY = above ? y1 - stroke - boxH : Math.min(height - boxH, y2 + stroke);
  const boxX = Math.max(0, Math.min(x1, width - boxW));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect x="${x1 - stroke / 2}" y="${y1 - stroke / 2}" width="${Math.max(1, x2 - x1 + stroke)}" height="${Math.max(1, y2 - y1 + stroke)}" fill="${color}" fill-opacity="0.08" stroke="${color}" stroke-width="${stroke}"/>`,
    `<rect x="${boxX}" y="${boxY}" width="${boxW}" height="${boxH}" fill="${color}" rx="${Math.round(pad / 2)}"/>`,
    `<text x="${boxX + pad}" y="${boxY + pad + size * 0.86}" font-family="${LABEL_FONT}, sans-serif" font-size="${size}" font-weight="bold" fill="#ffffff">${escapeMarkup(label)}</text>`,
    '</svg>',
  ].join('');
}

export interface AnnotatedEvidence {
  clause: string;
  index: number;
  /** Bundle-relative path of the annotated copy. */
  file: string;
}

/**
 * Writes the annotated copies for every clause's evidence that has bounds and a readable screenshot.
 * `screenWidth` (device pixels) scales bounds when screenshots were stored at another size.
 */
export async function annotateFindings(bundleDir: string, findings: Findings, opts: { screenWidth?: number } = {}): Promise<AnnotatedEvidence[]> {
  const out: AnnotatedEvidence[] = [];
  for (const c of findings.clauses) {
    for (const [index, ev] of c.evidence.entries()) {
      if (!ev.bounds) continue;
      const src = resolveInBundle(bundleDir, ev.screenshot);
      if (!src || !existsSync(src)) continue;
      const image = sharp(src);
      const meta = await image.metadata();
      if (!meta.width || !meta.height) continue;
      const scale = opts.screenWidth ? meta.width / opts.screenWidth : 1;
      const file = annotatedPath(c.clause, index);
      const dest = path.join(bundleDir, file);
      mkdirSync(path.dirname(dest), { recursive: true });
      await image
        .composite([{ input: Buffer.from(overlaySvg(meta.width, meta.height, c, ev, scale)), top: 0, left: 0 }])
        .png({ compressionLevel: 9 })
        .toFile(dest);
      out.push({ clause: c.clause, index, file });
    }
  }
  return out;
}
