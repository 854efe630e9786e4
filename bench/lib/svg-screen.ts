import type { Rect } from '../../src/geometry.ts';
import { escapeMarkup } from '../../src/escape.ts';

/**
 * A tiny drawing model for synthetic 1080×2340 UI screenshots: shapes plus text items whose
 * content and approximate bounds are known, rendered to SVG (then to PNG by sharp/librsvg).
 */

export const SCREEN_W = 1080;
export const SCREEN_H = 2340;
export const FONT = 'Noto Sans CJK SC';

export interface TextItem {
  text: string;
  /** Left edge, centre or right edge depending on `anchor`. */
  x: number;
  /** Top of the line box. */
  y: number;
  size: number;
  color?: string;
  bold?: boolean;
  anchor?: 'start' | 'middle' | 'end';
}

export class SvgScreen {
  readonly #parts: string[] = [];
  readonly texts: { text: string; bounds: Rect }[] = [];

  constructor(background = '#f4f5f7') {
    this.rect(0, 0, SCREEN_W, SCREEN_H, background);
  }

  rect(x: number, y: number, w: number, h: number, fill: string, radius = 0, stroke?: string): this {
    const s = stroke ? ` stroke="${stroke}" stroke-width="3"` : '';
    this.#parts.push(`<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="${radius}" fill="${fill}"${s}/>`);
    return this;
  }

  circle(cx: number, cy: number, r: number, fill: string): this {
    this.#parts.push(`<circle cx="${cx}" cy="${cy}" r="${r}" fill="${fill}"/>`);
    return this;
  }

  /** A back chevron or similar icon stroke (never text). */
  path(d: string, stroke: string, width = 6): this {
    this.#parts.push(`<path d="${d}" fill="none" stroke="${stroke}" stroke-width="${width}" stroke-linecap="round"/>`);
    return this;
  }

  text(t: TextItem): this {
    const anchor = t.anchor ?? 'start';
    const w = textWidth(t.text, t.size);
    const x1 = anchor === 'start' ? t.x : anchor === 'middle' ? t.x - w / 2 : t.x - w;
    const baseline = t.y + Math.round(t.size * 0.88);
    this.#parts.push(
      `<text x="${t.x}" y="${baseline}" font-family="${FONT}" font-size="${t.size}" fill="${t.color ?? '#222222'}"` +
        `${t.bold ? ' font-weight="bold"' : ''} text-anchor="${anchor}">${escapeMarkup(t.text)}</text>`,
    );
    this.texts.push({
      text: t.text,
      bounds: { x1: Math.round(x1), y1: t.y, x2: Math.round(x1 + w), y2: t.y + Math.round(t.size * 1.15) },
    });
    return this;
  }

  svg(): string {
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${SCREEN_W}" height="${SCREEN_H}">${this.#parts.join('')}</svg>`;
  }
}

/** Approximate advance width: CJK and full-width characters one em, others about half. */
export function textWidth(text: string, size: number): number {
  let em = 0;
  for (const c of text) em += /[\u2e80-\uffef]/.test(c) ? 1 : /[A-Z0-9@%]/.test(c) ? 0.6 : 0.5;
  return em * size;
}
