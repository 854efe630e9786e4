/**
 * Elements as the WebDriver protocol sees them: ids, locator strategies, attributes. Pure.
 *
 * An element id is `<screen key>.<node index>`; it resolves only while that screen instance is
 * on display, so an element of a previous screen is stale, and one of a screen the user went
 * back to is live again (same Activity, same views).
 */
import * as xpath from 'xpath';
import { parseXmlDocument } from '@govapp/app-graph/snapshot/parse';
import { ELEMENT_KEY } from './actions.ts';
import { renderSource } from './source-render.ts';
import { findByUiSelector } from './uiselector.ts';
import { isDescendant, type ScreenView, type ViewNode } from './view.ts';

export const LOCATOR_STRATEGIES = ['xpath', 'id', 'accessibility id', 'class name', '-android uiautomator'];

export class InvalidSelector extends Error {}

export function elementId(view: ScreenView, index: number): string {
  return `${view.key}.${index}`;
}

export function parseElementId(id: string): { key: string; index: number } | undefined {
  const m = /^([sl]\d+)\.(\d+)$/.exec(id);
  return m ? { key: m[1], index: Number(m[2]) } : undefined;
}

export function elementRef(id: string): { ELEMENT: string; [ELEMENT_KEY]: string } {
  return { ELEMENT: id, [ELEMENT_KEY]: id };
}

/** UiAutomator2 accepts a bare id (`btn_login`) for `<package>:id/btn_login`. */
function idMatches(resourceId: string | undefined, selector: string): boolean {
  if (!resourceId) return false;
  return resourceId === selector || (!selector.includes(':id/') && resourceId.endsWith(`:id/${selector}`));
}

/** Indices of the nodes a locator finds, in document order; `context` limits the search to below that node. */
export function findNodes(view: ScreenView, strategy: string, selector: string, context?: number): number[] {
  let hits: number[];
  switch (strategy) {
    case 'xpath':
      hits = xpathFind(view, selector, context);
      break;
    case 'id':
      hits = view.nodes.filter((n) => idMatches(n.attrs['resource-id'], selector)).map((n) => n.index);
      break;
    case 'accessibility id':
      hits = view.nodes.filter((n) => n.attrs['content-desc'] === selector).map((n) => n.index);
      break;
    case 'class name':
      hits = view.nodes.filter((n) => n.attrs.class === selector).map((n) => n.index);
      break;
    case '-android uiautomator':
      try {
        hits = findByUiSelector(view.nodes, selector);
      } catch (e) {
        throw new InvalidSelector((e as Error).message);
      }
      break;
    default:
      throw new InvalidSelector(`locator strategy '${strategy}' is not supported`);
  }
  return context === undefined ? hits : hits.filter((i) => isDescendant(view.nodes, i, context));
}

/** XPath over the page source exactly as served (UiAutomator2 format). */
function xpathFind(view: ScreenView, selector: string, context?: number): number[] {
  const doc = parseXmlDocument(renderSource(view));
  const index = new Map<unknown, number>();
  const dom: unknown[] = [];
  const walk = (el: { firstChild: any }) => {
    for (let c = el.firstChild; c; c = c.nextSibling) {
      if (c.nodeType !== 1) continue;
      index.set(c, dom.length);
      dom.push(c);
      walk(c);
    }
  };
  walk(doc.documentElement!);
  let result: unknown;
  try {
    result = xpath.select(selector, (context === undefined ? doc : dom[context]) as unknown as Node);
  } catch (e) {
    throw new InvalidSelector(`invalid xpath ${JSON.stringify(selector)}: ${(e as Error).message}`);
  }
  if (!Array.isArray(result)) throw new InvalidSelector(`xpath ${JSON.stringify(selector)} does not select elements`);
  return result.filter((n) => index.has(n)).map((n) => index.get(n)!);
}

const ALIASES: Record<string, string> = {
  contentDescription: 'content-desc',
  'content-description': 'content-desc',
  resourceId: 'resource-id',
  className: 'class',
  longClickable: 'long-clickable',
};

/** An attribute as UiAutomator2 reports it: the page-source value, `null` when absent. */
export function attributeOf(node: ViewNode, name: string): string | null {
  if (name === 'name') return node.attrs['content-desc'] || node.attrs.text || null;
  return node.attrs[ALIASES[name] ?? name] ?? null;
}

export function rectOf(node: ViewNode): { x: number; y: number; width: number; height: number } {
  const b = node.bounds ?? { x1: 0, y1: 0, x2: 0, y2: 0 };
  return { x: b.x1, y: b.y1, width: Math.max(0, b.x2 - b.x1), height: Math.max(0, b.y2 - b.y1) };
}

export function centerOf(node: ViewNode): { x: number; y: number } {
  const r = rectOf(node);
  return { x: r.x + Math.floor(r.width / 2), y: r.y + Math.floor(r.height / 2) };
}
