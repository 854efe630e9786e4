import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { ClauseResult, Evidence, Findings } from '../src/findings/schema.ts';
import { clauseSlug, outlineColor, verdictWord } from './clauses.ts';
import { resolveInBundle } from './paths.ts';
import { escapeMarkup } from './escape.ts';
import { isWide } from '../src/text-width.ts';

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
  for (const ch of s) w += isWide(ch) ? size : size * 0.6;
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

/** Bundle-relative path of the copy of one screenshot with every box `clause` found on it (items numbered). */
export function annotatedGroupPath(clause: string, firstIndex: number): string {
  return `evidence/${clauseSlug(clause)}-${firstIndex + 1}-all.png`;
}

/**
 * Evidence of one clause on one screenshot, in the clause's order: the report shows such a group
 * as one picture with every box numbered, and the items listed, instead of near-identical cards.
 */
export function groupEvidence(evidence: readonly Evidence[]): { screenshot: string; indices: number[] }[] {
  const groups = new Map<string, number[]>();
  evidence.forEach((e, i) => groups.set(e.screenshot, [...(groups.get(e.screenshot) ?? []), i]));
  return [...groups.entries()].map(([screenshot, indices]) => ({ screenshot, indices }));
}

/** The overlay for a group: each box outlined with its number (1-based, as the report lists them) in a tag. */
export function groupOverlaySvg(width: number, height: number, c: Pick<ClauseResult, 'clause' | 'verdict'>, evs: readonly Evidence[], scale = 1): string {
  const color = outlineColor(c.verdict);
  const stroke = Math.max(3, Math.round(width / 180));
  const size = Math.max(14, Math.round(width / 30));
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`];
  evs.forEach((ev, n) => {
    if (!ev.bounds) return;
    const [x1, y1, x2, y2] = ev.bounds.map((v) => Math.round(v * scale));
    const tag = String(n + 1);
    const tw = Math.ceil(textWidth(tag, size) + size * 0.6);
    const tx = Math.max(0, Math.min(x1 - stroke / 2, width - tw));
    const ty = Math.max(0, Math.min(y1 - stroke / 2, height - size * 1.3));
    parts.push(
      `<rect x="${x1 - stroke / 2}" y="${y1 - stroke / 2}" width="${Math.max(1, x2 - x1 + stroke)}" height="${Math.max(1, y2 - y1 + stroke)}" fill="${color}" fill-opacity="0.08" stroke="${color}" stroke-width="${stroke}"/>`,
      `<rect x="${tx}" y="${ty}" width="${tw}" height="${Math.round(size * 1.3)}" fill="${color}"/>`,
      `<text x="${tx + tw / 2}" y="${ty + size * 1.02}" text-anchor="middle" font-family="${LABEL_FONT}, sans-serif" font-size="${size}" font-weight="bold" fill="#ffffff">${escapeMarkup(tag)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
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
  /** Draws `overlay` over the bundle screenshot `screenshot` into `file`; false when it is not a readable image. */
  const draw = async (screenshot: string, file: string, overlay: (width: number, height: number, scale: number) => string): Promise<boolean> => {
    const src = resolveInBundle(bundleDir, screenshot);
    if (!src || !existsSync(src)) return false;
    const image = sharp(src);
    const meta = await image.metadata();
    if (!meta.width || !meta.height) return false;
    const scale = opts.screenWidth ? meta.width / opts.screenWidth : 1;
    const dest = path.join(bundleDir, file);
    mkdirSync(path.dirname(dest), { recursive: true });
    await image
      .composite([{ input: Buffer.from(overlay(meta.width, meta.height, scale)), top: 0, left: 0 }])
      .png({ compressionLevel: 9 })
      .toFile(dest);
    return true;
  };
  for (const c of findings.clauses) {
    for (const [index, ev] of c.evidence.entries()) {
      if (!ev.bounds) continue;
      const file = annotatedPath(c.clause, index);
      if (await draw(ev.screenshot, file, (w, h, scale) => overlaySvg(w, h, c, ev, scale))) out.push({ clause: c.clause, index, file });
    }
    for (const g of groupEvidence(c.evidence)) {
      const evs = g.indices.map((i) => c.evidence[i]);
      if (evs.length < 2 || !evs.some((e) => e.bounds)) continue;
      const file = annotatedGroupPath(c.clause, g.indices[0]);
      if (await draw(g.screenshot, file, (w, h, scale) => groupOverlaySvg(w, h, c, evs, scale))) out.push({ clause: c.clause, index: g.indices[0], file });
    }
  }
  return out;
}
