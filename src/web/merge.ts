import { XMLSerializer, type Element as XmlElement } from '@xmldom/xmldom';
import { formatBounds, height, parseBounds, width, type Rect } from '../geometry.ts';
import type { Snapshot } from '../snapshot/model.ts';
import { parseXmlDocument } from '../snapshot/parse.ts';
import { BadInputError } from '../errors.ts';
import type { DomSnapshot } from './dom-model.ts';
import { renderWebChildren, type Placement } from './to-source.ts';

/**
 * Hybrid screens: a native page source with a WebView in it, plus the DOM walked inside that
 * WebView, become one page source. Pure.
 *
 * The DOM's elements replace the WebView's own accessibility children (the same content seen
 * less well), CSS px mapped into the WebView's rectangle. They keep the app's `package`, carry
 * `web-origin` (the page's origin) and the usual web attributes; the WebView node gets
 * `web-inspected="true"`, the page's `href` and `web-title`.
 */

/** Class names UiAutomator reports for WebViews (system, Tencent X5 and app subclasses). */
export const WEBVIEW_CLASS = /(^|\.)\w*WebView$/;

function webviewNodes(root: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const visit = (el: XmlElement) => {
    if (WEBVIEW_CLASS.test(el.getAttribute('class') ?? el.nodeName)) out.push(el);
    for (let c = el.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) visit(c as XmlElement);
  };
  visit(root);
  return out;
}

/** Bounds of every WebView in a native page source, in document order. */
export function findWebviews(nativeSource: string): Rect[] {
  const doc = parseXmlDocument(nativeSource);
  return webviewNodes(doc.documentElement!)
    .map((el) => parseBounds(el.getAttribute('bounds')))
    .filter((r): r is Rect => r !== undefined);
}

/** CSS px of the DOM's viewport → the WebView's screen rectangle (scale from the widths). */
export function placementFor(dom: DomSnapshot, webview: Rect): Placement {
  const scale = dom.viewport.width > 0 ? width(webview) / dom.viewport.width : dom.devicePixelRatio || 1;
  return { scale, dx: webview.x1, dy: webview.y1 };
}

export function mergeWebIntoSource(nativeSource: string, dom: DomSnapshot, webview: Rect): string {
  const doc = parseXmlDocument(nativeSource);
  const want = formatBounds(webview);
  const host = webviewNodes(doc.documentElement!).find((el) => el.getAttribute('bounds') === want);
  if (!host) throw new BadInputError('BAD_PAGE_SOURCE', `no WebView with bounds ${want} in the native page source`);
  for (let c = host.firstChild; c; ) {
    const next = c.nextSibling;
    host.removeChild(c);
    c = next;
  }
  host.setAttribute('web-inspected', 'true');
  host.setAttribute('href', dom.href);
  host.setAttribute('web-title', dom.title);
  if (dom.nodes[0]?.scrollable) host.setAttribute('scrollable', 'true');
  const placement = placementFor(dom, webview);
  const pkg = host.getAttribute('package') ?? '';
  const xml = renderWebChildren(dom, { package: pkg, placement, extra: { 'web-origin': dom.origin } });
  if (xml) {
    const frag = parseXmlDocument(`<hierarchy>\n${xml}\n</hierarchy>`);
    for (let c = frag.documentElement!.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 1) host.appendChild(doc.importNode(c, true));
    }
  }
  if (height(webview) === 0) host.setAttribute('displayed', 'false');
  return serialize(doc);
}

/** Marks every WebView that could not be inspected (`web-inspected="false"`): its text is only what its content-desc nodes and OCR give. */
export function markUninspected(nativeSource: string, inspected: ReadonlyArray<Rect> = []): string {
  const doc = parseXmlDocument(nativeSource);
  const done = new Set(inspected.map(formatBounds));
  let changed = false;
  for (const el of webviewNodes(doc.documentElement!)) {
    if (done.has(el.getAttribute('bounds') ?? '') || el.getAttribute('web-inspected') === 'true') continue;
    el.setAttribute('web-inspected', 'false');
    changed = true;
  }
  return changed ? serialize(doc) : nativeSource;
}

function serialize(doc: ReturnType<typeof parseXmlDocument>): string {
  const body = new XMLSerializer().serializeToString(doc.documentElement!);
  return `<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n${body}`;
}

/** After `parsePageSource`: elements that came from a DOM (they carry `web-tag`) get origin 'web'. */
export function markWebOrigin(s: Snapshot): Snapshot {
  for (const e of s.elements) if (e.attrs['web-tag'] !== undefined) e.origin = 'web';
  return s;
}
