import type { Evidence } from '../../src/findings/schema.ts';
import type { Snapshot, UiElement } from '../../src/snapshot/model.ts';

/**
 * XPath locators for reproduction specs, over the page-source attributes every Android driver
 * (UiAutomator2, replay) serves: `resource-id`, `text`, `content-desc`, `class`. Pure.
 */

/** An XPath 1.0 string literal for any string (XPath has no escapes: quotes need concat()). */
export function xpathLiteral(s: string): string {
  if (!s.includes('"')) return `"${s}"`;
  if (!s.includes("'")) return `'${s}'`;
  return `concat(${s
    .split('"')
    .map((part) => `"${part}"`)
    .join(`, '"', `)})`;
}

/**
 * A text condition that survives numbers that change between runs (timers, counters, dates):
 * equality when the text has no digit, else `starts-with` the part before the first digit
 * (when that part says enough, at least two characters).
 */
export function textCondition(attr: 'text' | 'content-desc', value: string): string {
  const stem = value.split(/\d/)[0];
  if (stem === value || Array.from(stem.trim()).length < 2) return `@${attr}=${xpathLiteral(value)}`;
  return `starts-with(@${attr}, ${xpathLiteral(stem)})`;
}

/**
 * The locator of a recorded action's target: by resource-id when the selector has one (the crawler
 * records it only when stable), else by text or content-desc, narrowed by class when given.
 */
export function selectorXpath(sel: Record<string, string> | undefined): string | undefined {
  if (!sel) return undefined;
  const conds: string[] = [];
  if (sel['resource-id']) conds.push(`@resource-id=${xpathLiteral(sel['resource-id'])}`);
  else if (sel.text) conds.push(`@text=${xpathLiteral(sel.text)}`);
  else if (sel['content-desc']) conds.push(`@content-desc=${xpathLiteral(sel['content-desc'])}`);
  if (sel.class && !sel['resource-id']) conds.push(`@class=${xpathLiteral(sel.class)}`);
  if (!conds.length && sel.class) conds.push(`@class=${xpathLiteral(sel.class)}`);
  return conds.length ? `//*[${conds.join(' and ')}]` : undefined;
}

const sameBounds = (e: UiElement, b: readonly number[]) => e.bounds.x1 === b[0] && e.bounds.y1 === b[1] && e.bounds.x2 === b[2] && e.bounds.y2 === b[3];
const contains = (e: UiElement, b: readonly number[]) => e.bounds.x1 <= b[0] && e.bounds.y1 <= b[1] && e.bounds.x2 >= b[2] && e.bounds.y2 >= b[3];
const area = (e: UiElement) => (e.bounds.x2 - e.bounds.x1) * (e.bounds.y2 - e.bounds.y1);
const named = (e: UiElement) => Boolean(e.resourceId || e.text || e.contentDesc);

/** The element of the recorded screen the evidence points at: same bounds and text, else same text, else the smallest named element around the bounds. */
export function evidenceElement(snap: Snapshot, ev: Pick<Evidence, 'bounds' | 'text'>): UiElement | undefined {
  const shown = snap.elements.filter((e) => e.displayed);
  const hasText = (e: UiElement) => ev.text !== undefined && (e.text === ev.text || e.contentDesc === ev.text);
  if (ev.bounds) {
    const exact = shown.filter((e) => sameBounds(e, ev.bounds!));
    const best = exact.find(hasText) ?? exact.find(named);
    if (best) return best;
  }
  const byText = shown.find(hasText);
  if (byText) return byText;
  if (!ev.bounds) return undefined;
  return shown.filter((e) => named(e) && contains(e, ev.bounds!)).sort((a, b) => area(a) - area(b))[0];
}

/** The locator asserting an element is on screen: its resource-id and its text (see {@link textCondition}). */
export function elementXpath(e: UiElement, text: string | undefined = e.text || e.contentDesc): string {
  const conds: string[] = [];
  if (e.resourceId) conds.push(`@resource-id=${xpathLiteral(e.resourceId)}`);
  if (text && e.text === text) conds.push(textCondition('text', text));
  else if (text && e.contentDesc === text) conds.push(textCondition('content-desc', text));
  if (!conds.length) conds.push(`@class=${xpathLiteral(e.className)}`);
  return `//*[${conds.join(' and ')}]`;
}
