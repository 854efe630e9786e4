import { executeScript } from './browser-script.ts';

/**
 * Runs IN THE BROWSER: scrolls what a finger at (x, y) would scroll, by (dx, dy) CSS px of
 * content movement (a finger moving up by 300 px scrolls content down by 300 px: dy = +300).
 * The nearest ancestor that can still scroll that way takes it, else the document.
 * Returns how far it actually moved, so the caller can tell an exhausted list.
 */
export function scrollAt(x: number, y: number, dx: number, dy: number): { dx: number; dy: number } {
  const canScroll = (el: Element): boolean => {
    const cs = getComputedStyle(el);
    const y = /(auto|scroll)/.test(cs.overflowY) && el.scrollHeight > el.clientHeight + 1;
    const x = /(auto|scroll)/.test(cs.overflowX) && el.scrollWidth > el.clientWidth + 1;
    if (Math.abs(dy) >= Math.abs(dx)) {
      if (!y) return false;
      return dy > 0 ? el.scrollTop + el.clientHeight < el.scrollHeight - 1 : el.scrollTop > 0;
    }
    if (!x) return false;
    return dx > 0 ? el.scrollLeft + el.clientWidth < el.scrollWidth - 1 : el.scrollLeft > 0;
  };
  let el = document.elementFromPoint(x, y);
  while (el && el !== document.body && el !== document.documentElement && !canScroll(el)) el = el.parentElement;
  if (el && el !== document.body && el !== document.documentElement) {
    const top = el.scrollTop, left = el.scrollLeft;
    el.scrollBy({ left: dx, top: dy, behavior: 'instant' as ScrollBehavior });
    return { dx: el.scrollLeft - left, dy: el.scrollTop - top };
  }
  const top = window.scrollY, left = window.scrollX;
  window.scrollBy({ left: dx, top: dy, behavior: 'instant' as ScrollBehavior });
  return { dx: window.scrollX - left, dy: window.scrollY - top };
}

export const SCROLL_AT_SCRIPT = executeScript(scrollAt);

/** Runs IN THE BROWSER: scrolls the window to document y (CSS px) at once; returns where it got (the end clamps). */
export function scrollWindowTo(y: number): number {
  window.scrollTo({ left: window.scrollX, top: y, behavior: 'instant' as ScrollBehavior });
  return window.scrollY;
}

export const SCROLL_TO_SCRIPT = executeScript(scrollWindowTo);
