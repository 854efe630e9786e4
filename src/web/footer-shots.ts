import type { DomSnapshot } from './dom-model.ts';

/**
 * Where to photograph a page's footer when the footer lies below the fold: the window scroll
 * positions (CSS px) whose viewports together show every footer element the read-through passed
 * but the screen does not display (`read`, not `visible`), from the footer's end upward, at most
 * `maxShots` (a footer taller than that is shown from its end: the 主办 / ICP / 公网安备 lines sit
 * there). Ascending. Empty when the footer is on screen or there is none. Pure.
 */
export function footerShotPositions(dom: DomSnapshot, maxShots = 4): number[] {
  const off = dom.nodes.filter((n) => n.footer && n.read && !n.visible && n.rect.height > 0);
  if (!off.length) return [];
  const vh = dom.viewport.height;
  const top = Math.min(...off.map((n) => n.rect.y)) + dom.scroll.y;
  const bottom = Math.max(...off.map((n) => n.rect.y + n.rect.height)) + dom.scroll.y;
  const margin = Math.round(vh * 0.05);
  const out: number[] = [];
  // The last viewport ends a little below the footer's end; each one above overlaps the next by 10 %.
  for (let y = bottom + margin - vh; out.length < maxShots; y -= Math.round(vh * 0.9)) {
    const at = Math.max(0, Math.round(y));
    if (at !== out.at(-1)) out.push(at);
    if (at <= Math.max(0, top - margin)) break;
  }
  return out.reverse();
}
