import xpath from 'xpath';
import { parseXmlDocument } from '../snapshot/parse.ts';
import { parseBounds } from '../geometry.ts';
import { BadInputError } from '../errors.ts';

/**
 * Where in the page a `type`/`clear` locator points, resolved as far as pure code can:
 *
 * | locator                  | meaning                                                        |
 * |--------------------------|----------------------------------------------------------------|
 * | `/…` or `(…)`            | xpath over the last page source this device returned            |
 * | `~name`                  | content-desc (accessible name) in that source, else aria-label  |
 * | `id=foo`                 | DOM id (the source's `resource-id`)                              |
 * | `css=sel`                | CSS selector                                                     |
 * | `bounds=[x1,y1][x2,y2]`  | the field at that rectangle's centre (screen px)                 |
 *
 * An element found in the source is named by its `web-node`, its index in `window.__govappEls`.
 */
export type DomTarget =
  | { kind: 'node'; index: number }
  | { kind: 'css'; selector: string }
  /** A point in screen px; the device divides by devicePixelRatio. */
  | { kind: 'point'; x: number; y: number };

export function resolveLocator(locator: string, lastSource: string | undefined): DomTarget {
  if (locator.startsWith('id=')) return { kind: 'css', selector: `[id="${cssString(locator.slice(3))}"]` };
  if (locator.startsWith('css=')) return { kind: 'css', selector: locator.slice(4) };
  if (locator.startsWith('bounds=')) {
    const r = parseBounds(locator.slice(7));
    if (!r) throw new BadInputError('BAD_ARGUMENT', `bad bounds locator: ${locator}`);
    return { kind: 'point', x: Math.floor((r.x1 + r.x2) / 2), y: Math.floor((r.y1 + r.y2) / 2) };
  }
  if (locator.startsWith('~')) {
    const name = locator.slice(1);
    const q = `//*[@content-desc=${xpathString(name)} and @web-node]`;
    const hit = lastSource ? firstWebNode(lastSource, q) : undefined;
    return hit !== undefined ? { kind: 'node', index: hit } : { kind: 'css', selector: `[aria-label="${cssString(name)}"]` };
  }
  if (locator.startsWith('/') || locator.startsWith('(')) {
    if (!lastSource) throw new BadInputError('BAD_ARGUMENT', `xpath locator ${locator} needs a page source first`);
    const hit = firstWebNode(lastSource, locator);
    if (hit === undefined) throw new BadInputError('BAD_ARGUMENT', `no web element matches ${locator} in the last page source`);
    return { kind: 'node', index: hit };
  }
  throw new BadInputError('BAD_ARGUMENT', `unsupported locator for a web page: ${locator} (use an xpath, ~name, id=, css= or bounds=)`);
}

/** `web-node` of the first element matching `query` (or its nearest ancestor that has one). */
export function firstWebNode(source: string, query: string): number | undefined {
  const doc = parseXmlDocument(source);
  let found: unknown;
  try {
    found = xpath.select(query, doc as unknown as Node, true);
  } catch (e) {
    throw new BadInputError('BAD_ARGUMENT', `bad xpath ${query}: ${(e as Error).message}`, { cause: e });
  }
  for (let el = found as Element | null; el && el.nodeType === 1; el = el.parentNode as Element | null) {
    const v = el.getAttribute('web-node');
    if (v !== null && v !== '') return Number(v);
  }
  return undefined;
}

export function xpathString(s: string): string {
  if (!s.includes("'")) return `'${s}'`;
  if (!s.includes('"')) return `"${s}"`;
  return `concat('${s.split("'").join(`', "'", '`)}')`;
}

function cssString(s: string): string {
  return s.replace(/["\\]/g, '\\$&');
}
