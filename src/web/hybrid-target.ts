import xpath from 'xpath';
import type { Element as XmlElement } from '@xmldom/xmldom';
import { formatBounds, parseBounds, type Rect } from '../geometry.ts';
import { parseXmlDocument } from '../snapshot/parse.ts';
import type { DomTarget } from './locator.ts';
import { xpathString } from './locator.ts';
import { WEBVIEW_CLASS } from './merge.ts';

/** A WebView whose DOM was merged into the last page source. */
export interface InspectedWebview {
  rect: Rect;
  /** Width of the page's viewport in CSS px. */
  viewportWidth: number;
}

/**
 * Which inspected WebView a `type`/`clear` locator names inside a merged hybrid page source, and
 * the DOM target within it; undefined when the locator names a native element. Pure.
 * `bounds=` picks the WebView under the rectangle's centre (the point comes back in CSS px);
 * xpath, `~name` and `id=` are matched against the merged source and must land on a web element.
 */
export function hybridTarget(locator: string, merged: string, webviews: readonly InspectedWebview[]): { webview: number; target: DomTarget } | undefined {
  if (locator.startsWith('bounds=')) {
    const r = parseBounds(locator.slice(7));
    if (!r) return undefined;
    const x = (r.x1 + r.x2) / 2, y = (r.y1 + r.y2) / 2;
    const i = webviews.findIndex((w) => x >= w.rect.x1 && x < w.rect.x2 && y >= w.rect.y1 && y < w.rect.y2);
    if (i < 0) return undefined;
    const w = webviews[i];
    const scale = (w.rect.x2 - w.rect.x1) / w.viewportWidth;
    return { webview: i, target: { kind: 'point', x: (x - w.rect.x1) / scale, y: (y - w.rect.y1) / scale } };
  }
  let query: string;
  if (locator.startsWith('~')) query = `//*[@content-desc=${xpathString(locator.slice(1))} and @web-node]`;
  else if (locator.startsWith('id=')) query = `//*[@resource-id=${xpathString(locator.slice(3))} and @web-node]`;
  else if (locator.startsWith('/') || locator.startsWith('(')) query = locator;
  else return undefined;
  let hit: XmlElement | undefined;
  try {
    hit = xpath.select(query, parseXmlDocument(merged) as unknown as Node, true) as unknown as XmlElement | undefined;
  } catch {
    return undefined;
  }
  let index: number | undefined;
  for (let el = hit ?? null; el && el.nodeType === 1; el = el.parentNode as XmlElement | null) {
    const node = el.getAttribute('web-node');
    if (index === undefined && node !== null && node !== '') index = Number(node);
    if (index !== undefined && WEBVIEW_CLASS.test(el.getAttribute('class') ?? '')) {
      const b = el.getAttribute('bounds');
      const i = webviews.findIndex((w) => formatBounds(w.rect) === b);
      return i < 0 ? undefined : { webview: i, target: { kind: 'node', index } };
    }
  }
  return undefined;
}
