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
  // A saved subtree of a real capture may be a bare `<node>` without the `<hierarchy>` wrapper.
  if (!root || (root.nodeName !== 'hierarchy' && root.nodeName !== 'node')) {
    throw new BadInputError('BAD_PAGE_SOURCE', `${file}: root element must be <hierarchy> (or a bare <node>), found <${root?.nodeName ?? 'nothing'}>`);
  }
  checkTreeLimits(root, file);
  return doc;
}

const DECLARED_ENCODING_RE = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/;

/**
 * Page-source bytes → text, by their BOM or declared encoding (UTF-8 when neither says). Bytes
 * that are not valid in that encoding are refused with one BAD_PAGE_SOURCE line naming `file`,
 * never decoded into replacement characters that a detector would read as text.
 */
export function decodePageSource(bytes: Uint8Array, file = '<page source>'): string {
  let label = 'utf-8';
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) [label, start] = ['utf-16le', 2];
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) [label, start] = ['utf-16be', 2];
  else {
    const head = Buffer.from(bytes.subarray(0, 200)).toString('latin1');
    label = DECLARED_ENCODING_RE.exec(head)?.[1].toLowerCase() ?? 'utf-8';
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch (e) {
    throw new BadInputError('BAD_PAGE_SOURCE', `${file}: unsupported encoding "${label}"`, { cause: e });
  }
  try {
    return decoder.decode(bytes.subarray(start));
  } catch (e) {
    throw new BadInputError('BAD_PAGE_SOURCE', `${file}: bytes are not valid ${label.toUpperCase()} (the encoding it declares or defaults to)`, { cause: e });
  }
}

/** `parsePageSource` over the bytes of a file: decoded as `decodePageSource` says. */
export function parsePageSourceBytes(bytes: Uint8Array, file = '<page source>'): Snapshot {
  return parsePageSource(decodePageSource(bytes, file), file);
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
  const bare = root.nodeName === 'node';
  const top = bare ? [root] : elementChildren(root);
  const format: SourceFormat = bare ? 'adb-dump' : root.hasAttribute('class') || top.some((c) => c.nodeName !== 'node') ? 'uiautomator2' : 'adb-dump';
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
    width: (!bare && Number(root.getAttribute('width'))) || maxExtent(elements, 'x2'),
    height: (!bare && Number(root.getAttribute('height'))) || maxExtent(elements, 'y2'),
    rotation: (!bare && Number(root.getAttribute('rotation') ?? 0)) || 0,
    elements,
    roots,
  };
}

function maxExtent(elements: UiElement[], k: 'x2' | 'y2'): number {
  return elements.reduce((m, e) => Math.max(m, e.bounds[k]), 0);
}
