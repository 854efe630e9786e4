import type { ObservedAction } from '../../src/observation.ts';
import { escapeMarkup as esc } from '../escape.ts';
import { edgeLabel } from './steps.ts';

/**
 * The crawl as a picture: screens as thumbnails, actions as arrows, in a simple layered layout
 * (layer = breadth-first distance from the launch screen, rows top to bottom; within a row,
 * nodes ordered by the mean position of their parents to keep arrows short). Inline SVG whose
 * thumbnails are inlined downscaled copies of the bundle's screenshots.
 */
export interface GraphNode {
  state: string;
  /** What a person calls the screen, when known. */
  title?: string;
  /** The screen's thumbnail as a data URI (undefined: no screenshot). */
  thumbnail?: string;
  inApp: boolean;
  /** Highlight (the screen holds evidence of a `fail`). */
  flagged?: boolean;
}

export interface GraphEdge {
  from: string;
  to: string;
  labels: string[];
}

/** Distinct moves between known screens, with the labels of the actions that made them. */
export function graphEdges(actions: ObservedAction[], states: Set<string>): GraphEdge[] {
  const byKey = new Map<string, GraphEdge>();
  for (const a of actions) {
    if (a.outcome !== 'moved' || !a.to || a.from === a.to || !states.has(a.from) || !states.has(a.to)) continue;
    if (a.kind === 'launch' || a.kind === 'relaunch') continue;
    const key = `${a.from}\u0000${a.to}`;
    const e = byKey.get(key) ?? { from: a.from, to: a.to, labels: [] };
    const label = edgeLabel(a);
    if (!e.labels.includes(label)) e.labels.push(label);
    byKey.set(key, e);
  }
  return [...byKey.values()];
}

/** Layer of every node: BFS distance from `root`; nodes it never reaches go one row below the rest. */
export function layers(nodes: string[], edges: GraphEdge[], root: string | undefined): Map<string, number> {
  const layer = new Map<string, number>();
  const out = new Map<string, string[]>();
  for (const e of edges) out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
  const queue = root && nodes.includes(root) ? [root] : [];
  if (queue.length) layer.set(root!, 0);
  while (queue.length) {
    const n = queue.shift()!;
    for (const m of out.get(n) ?? []) {
      if (layer.has(m)) continue;
      layer.set(m, layer.get(n)! + 1);
      queue.push(m);
    }
  }
  const rest = Math.max(-1, ...layer.values()) + 1;
  for (const n of nodes) if (!layer.has(n)) layer.set(n, rest);
  return layer;
}

const TW = 96;
const CAPTION = 18;
const GX = 36;
const GY = 64;
const MARGIN = 24;

function shortText(s: string, max: number): string {
  const chars = Array.from(s);
  return chars.length > max ? chars.slice(0, max - 1).join('') + '…' : s;
}

export function crawlGraphSvg(nodes: GraphNode[], edges: GraphEdge[], root: string | undefined, aspect = 2340 / 1080): string {
  if (!nodes.length) return '';
  const th = Math.round(TW * Math.min(Math.max(aspect, 0.5), 2.4));
  const layer = layers(nodes.map((n) => n.state), edges, root);
  const rows: string[][] = [];
  for (const n of nodes) (rows[layer.get(n.state)!] ??= []).push(n.state);
  const order = new Map<string, number>();
  rows.forEach((row, r) => {
    if (r > 0) {
      const bary = (s: string) => {
        const ps = edges.filter((e) => e.to === s && layer.get(e.from) === r - 1).map((e) => order.get(e.from)!);
        return ps.length ? ps.reduce((a, b) => a + b, 0) / ps.length : Number.MAX_SAFE_INTEGER;
      };
      row.sort((a, b) => bary(a) - bary(b));
    }
    row.forEach((s, i) => order.set(s, i));
  });
  const widest = Math.max(...rows.map((r) => r?.length ?? 0));
  const width = MARGIN * 2 + widest * TW + (widest - 1) * GX + 110;
  const height = MARGIN * 2 + rows.length * (th + CAPTION) + (rows.length - 1) * GY;
  const pos = new Map<string, { x: number; y: number }>();
  rows.forEach((row, r) => {
    const rowWidth = row.length * TW + (row.length - 1) * GX;
    const x0 = (width - 110 - rowWidth) / 2;
    row.forEach((s, i) => pos.set(s, { x: Math.round(x0 + i * (TW + GX)), y: MARGIN + r * (th + CAPTION + GY) }));
  });

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="crawl-graph" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="爬取路径图">`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#546e7a"/></marker>',
    '<marker id="arrow-back" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#b0bec5"/></marker></defs>',
  );
  const backFrom = new Map<string, number>();
  for (const e of edges) {
    const a = pos.get(e.from)!;
    const b = pos.get(e.to)!;
    const forward = layer.get(e.to)! > layer.get(e.from)!;
    let d: string;
    let lx: number;
    let ly: number;
    if (forward) {
      const x1 = a.x + TW / 2, y1 = a.y + th + CAPTION, x2 = b.x + TW / 2, y2 = b.y - 2;
      d = `M${x1},${y1} C${x1},${y1 + GY * 0.6} ${x2},${y2 - GY * 0.6} ${x2},${y2}`;
      lx = (x1 + x2) / 2;
      ly = (y1 + y2) / 2;
    } else {
      // Back and same-row moves leave on the right; each further one from the same screen bends
      // wider, so neither the curves nor their labels lie on top of each other.
      const k = backFrom.get(e.from) ?? 0;
      backFrom.set(e.from, k + 1);
      const x1 = a.x + TW, y1 = a.y + th * (0.3 + 0.1 * (k % 4)), x2 = b.x + TW + 2, y2 = b.y + th * 0.65;
      const bend = Math.max(x1, x2) + 24 + k * 16 + Math.abs(y2 - y1) * 0.08;
      d = `M${x1},${y1} C${bend},${y1} ${bend},${y2} ${x2},${y2}`;
      lx = bend + 2;
      ly = y1 + (y2 - y1) * (0.3 + 0.15 * (k % 3));
    }
    // A dashed arrow already says "back": only other moves are labelled.
    const plain = !forward && e.labels.every((l) => l === '返回');
    const label = plain ? '' : shortText(e.labels[0] ?? '', 8) + (e.labels.length > 1 ? ` +${e.labels.length - 1}` : '');
    parts.push(
      `<g class="edge${forward ? '' : ' edge-back'}"><title>${esc(`${e.from} → ${e.to}：${e.labels.join('、')}`)}</title>`,
      `<path d="${d}" fill="none" stroke="${forward ? '#546e7a' : '#b0bec5'}" stroke-width="1.6"${forward ? '' : ' stroke-dasharray="4 3"'} marker-end="url(#${forward ? 'arrow' : 'arrow-back'})"/>`,
      label ? `<text x="${lx}" y="${ly}" class="edge-label" text-anchor="${forward ? 'middle' : 'start'}">${esc(label)}</text></g>` : '</g>',
    );
  }
  for (const n of nodes) {
    const p = pos.get(n.state)!;
    const href = n.thumbnail?.startsWith('data:image/') ? n.thumbnail : undefined;
    const stroke = n.flagged ? '#c62828' : n.inApp ? '#90a4ae' : '#bdbdbd';
    parts.push(`<g class="node"><title>${esc(n.title ? `${n.state} ${n.title}` : n.state)}</title>`);
    if (href) parts.push(`<image href="${esc(href)}" x="${p.x}" y="${p.y}" width="${TW}" height="${th}" preserveAspectRatio="xMidYMin slice"/>`);
    parts.push(
      `<rect x="${p.x}" y="${p.y}" width="${TW}" height="${th}" fill="none" stroke="${stroke}" stroke-width="${n.flagged ? 3 : 1.5}"${n.inApp ? '' : ' stroke-dasharray="5 3"'}/>`,
      `<text x="${p.x + TW / 2}" y="${p.y + th + 14}" class="node-label" text-anchor="middle">${esc(shortText(n.title ? `${n.state} ${n.title}` : n.state, 9))}</text></g>`,
    );
  }
  parts.push('</svg>');
  return parts.join('\n');
}
