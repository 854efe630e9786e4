import { DOMParser, type Element as XmlElement } from '@xmldom/xmldom';
import { BadInputError } from '../errors.ts';
import { parseBounds } from '../geometry.ts';
import type { Snapshot, SourceFormat, UiElement } from './model.ts';

const BOOL_ATTRS = {
  clickable: 'clickable',
  longClickable: 'long-clickable',
  enabled: 'enabled',
  focusable: 'focusable',
  focused: 'focused',
  scrollable: 'scrollable',
  checkable: 'checkable',
  checked: 'checked',
  selected: 'selected',
  password: 'password',
} as const;

/**
 * Limits on a page source, so hostile input is refused as BAD_PAGE_SOURCE instead of exhausting the
 * stack or memory. UiAutomator2 itself stops at depth 70 (`snapshotMaxDepth`); real dumps stay far
 * below these.
 */
export const PAGE_SOURCE_LIMITS = { maxChars: 32 * 1024 * 1024, maxDepth: 512, maxElements: 200_000 } as const;

/** Walks the document iteratively and refuses one nested deeper or holding more elements than the limits. */
function checkTreeLimits(root: XmlElement, file: string): void {
  const stack: [XmlElement, number][] = [[root, 0]];
  let count = 0;
  while (stack.length) {
    const [el, depth] = stack.pop()!;
    if (depth > PAGE_SOURCE_LIMITS.maxDepth) {
      throw new BadInputError('BAD_PAGE_SOURCE', `${file}: elements nested deeper than ${PAGE_SOURCE_LIMITS.maxDepth} levels (a real screen is far shallower)`);
    }
    if (++count > PAGE_SOURCE_LIMITS.maxElements) {
      throw new BadInputError('BAD_PAGE_SOURCE', `${file}: more than ${PAGE_SOURCE_LIMITS.maxElements} elements`);
    }
    for (let c = el.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) stack.push([c as XmlElement, depth + 1]);
  }
}

/** Parses XML text into a DOM document, throwing a one-line BAD_PAGE_SOURCE error naming `file`. */
export function parseXmlDocument(xml: string, file = '<page source>') {
  if (xml.length > PAGE_SOURCE_LIMITS.maxChars) {
    throw new BadInputError('BAD_PAGE_SOURCE', `${file}: ${xml.length} characters, more than the ${PAGE_SOURCE_LIMITS.maxChars} a page source may have`);
  }
  const errors: string[] = [];
  const parser = new DOMParser({
    onError: (level, msg) => {
      if (level !== 'warning') errors.push(String(msg).split('\n')[0]);
    },
  });
  let doc;
  try {
    doc = parser.parseFromString(xml, 'text/xml');
  } catch (e) {
    throw new BadInputError('BAD_PAGE_SOURCE', `${file}: not well-formed XML: ${(e as Error).message.split('\n')[0]}`, { cause: e });
  }
  if (errors.length) throw new BadInputError('BAD_PAGE_SOURCE', `${file}: not well-formed XML: ${errors[0]}`);
  const root = doc.documentElement;
  if (!root || root.nodeName !== 'hierarchy') {
    throw new BadInputError('BAD_PAGE_SOURCE', `${file}: root element must be <hierarchy>, found <${root?.nodeName ?? 'nothing'}>`);
  }
  checkTreeLimits(root, file);
  return doc;
}

function elementChildren(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (let c = el.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) out.push(c as XmlElement);
  return out;
}

function attrMap(el: XmlElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < el.attributes.length; i++) {
    const a = el.attributes.item(i)!;
    out[a.name] = a.value;
  }
  return out;
}

/**
 * Page source (UiAutomator2 `getPageSource()` or raw `uiautomator dump`) → snapshot. Pure.
 * Elements without parseable bounds get an empty rectangle and `displayed=false`.
 */
export function parsePageSource(xml: string, file = '<page source>'): Snapshot {
  const doc = parseXmlDocument(xml, file);
  const root = doc.documentElement!;
  const top = elementChildren(root);
  const format: SourceFormat = root.hasAttribute('class') || top.some((c) => c.nodeName !== 'node') ? 'uiautomator2' : 'adb-dump';
  const elements: UiElement[] = [];
  const roots: number[] = [];

  const visit = (node: XmlElement, parent: UiElement | undefined, depth: number): void => {
    const attrs = attrMap(node);
    const bounds = parseBounds(attrs.bounds);
    const el: UiElement = {
      id: elements.length,
      parent: parent?.id,
      children: [],
      depth,
      index: Number(attrs.index ?? 0) || 0,
      className: attrs.class ?? (node.nodeName === 'node' ? '' : node.nodeName),
      text: attrs.text ?? '',
      contentDesc: attrs['content-desc'] ?? '',
      resourceId: attrs['resource-id'] ?? '',
      hint: attrs.hint ?? '',
      package: attrs.package ?? '',
      bounds: bounds ?? { x1: 0, y1: 0, x2: 0, y2: 0 },
      clickable: false,
      longClickable: false,
      enabled: false,
      focusable: false,
      focused: false,
      scrollable: false,
      checkable: false,
      checked: false,
      selected: false,
      password: false,
      displayed: bounds !== undefined && attrs.displayed !== 'false',
      naf: attrs.NAF === 'true',
      // Elements a DOM walk contributed (H5 pages, inspected WebViews) carry web-* attributes.
      origin: attrs['web-tag'] !== undefined || attrs['web-origin'] !== undefined ? 'web' : 'native',
      attrs,
    };
    for (const [key, name] of Object.entries(BOOL_ATTRS)) el[key as keyof typeof BOOL_ATTRS] = attrs[name] === 'true';
    elements.push(el);
    if (parent) parent.children.push(el.id);
    else roots.push(el.id);
    for (const c of elementChildren(node)) visit(c, el, depth + 1);
  };
  for (const c of top) visit(c, undefined, 0);

  return {
    format,
    width: Number(root.getAttribute('width')) || maxExtent(elements, 'x2'),
    height: Number(root.getAttribute('height')) || maxExtent(elements, 'y2'),
    rotation: Number(root.getAttribute('rotation') ?? 0) || 0,
    elements,
    roots,
  };
}

function maxExtent(elements: UiElement[], k: 'x2' | 'y2'): number {
  return elements.reduce((m, e) => Math.max(m, e.bounds[k]), 0);
}
