import type { CssRect, DomNode, DomSnapshot } from './dom-model.ts';
import { attrs } from './xml-attr.ts';

/**
 * A DOM walk → page-source XML in UiAutomator2's format, so the same parser, state key and
 * detectors read web pages and native screens alike. Pure.
 *
 * Classes follow the element's role (a text field is an `android.widget.EditText`, a button an
 * `android.widget.Button`, a text leaf an `android.widget.TextView`, …). Web-only facts ride along
 * as extra attributes: `web-tag`, `web-role`, `href`, `web-target`, `web-truncated` (CSS cuts the
 * text off), `web-read` (off screen, but the page was scrolled past it: seen, though not
 * displayed — never a tap target), `web-footer` (inside the page footer), `web-node` (the node's
 * index in the walk, also its index in `window.__govappEls`).
 * Bounds are screen pixels.
 */

/** CSS px → screen px: `px = offset + css × scale`. */
export interface Placement {
  scale: number;
  dx: number;
  dy: number;
}

export interface RenderOptions {
  /** `package` of every element: the page's app id for H5, the native app's package inside a WebView. */
  package: string;
  placement: Placement;
  /** Extra attributes for every web element (e.g. `web-origin` when merged into a native tree). */
  extra?: Record<string, string>;
}

export function classFor(n: DomNode, hasChildren: boolean): string {
  if (n.editable) return 'android.widget.EditText';
  if (n.inputType === 'checkbox' || n.role === 'checkbox') return 'android.widget.CheckBox';
  if (n.inputType === 'radio' || n.role === 'radio') return 'android.widget.RadioButton';
  if (n.role === 'switch') return 'android.widget.Switch';
  if (n.inputType === 'select' || n.role === 'combobox' || n.role === 'listbox') return 'android.widget.Spinner';
  if (n.role === 'slider') return 'android.widget.SeekBar';
  if (n.role === 'progressbar') return 'android.widget.ProgressBar';
  if (n.tag === 'video') return 'android.widget.VideoView';
  if (n.role === 'img' || n.tag === 'img' || n.tag === 'svg' || n.tag === 'canvas' || n.tag === 'picture') return 'android.widget.ImageView';
  if (n.role === 'button' && !hasChildren) return 'android.widget.Button';
  if (n.role === 'list') return 'android.widget.ListView';
  if (n.scrollable) return 'android.widget.ScrollView';
  if (!hasChildren && n.text) return 'android.widget.TextView';
  return 'android.view.View';
}

function place(r: CssRect, p: Placement): string {
  const x1 = Math.round(p.dx + r.x * p.scale);
  const y1 = Math.round(p.dy + r.y * p.scale);
  const x2 = Math.round(p.dx + (r.x + r.width) * p.scale);
  const y2 = Math.round(p.dy + (r.y + r.height) * p.scale);
  return `[${x1},${y1}][${x2},${y2}]`;
}

function childrenIndex(dom: DomSnapshot): number[][] {
  const kids: number[][] = dom.nodes.map(() => []);
  dom.nodes.forEach((n, i) => {
    if (n.parent >= 0) kids[n.parent].push(i);
  });
  return kids;
}

/** Attributes of one web element, in UiAutomator2's order, then the web extras. */
export function elementAttrs(dom: DomSnapshot, i: number, index: number, hasChildren: boolean, o: RenderOptions): string {
  const n = dom.nodes[i];
  const cls = classFor(n, hasChildren);
  const desc = n.name && n.name !== n.text ? n.name : undefined;
  return attrs([
    ['index', index],
    ['package', o.package],
    ['class', cls],
    ['text', n.text],
    ['content-desc', desc],
    ['resource-id', n.id || undefined],
    ['checkable', n.checked !== undefined],
    ['checked', n.checked === true],
    ['clickable', n.clickable],
    ['enabled', n.enabled],
    ['focusable', n.clickable || n.editable],
    ['focused', n.focused],
    ['long-clickable', false],
    ['password', n.password],
    ['scrollable', n.scrollable],
    ['selected', n.selected],
    ['bounds', place(n.visible ?? n.rect, o.placement)],
    ['displayed', n.visible !== undefined],
    ['hint', n.placeholder],
    ['web-tag', n.tag],
    ['web-role', n.role || undefined],
    ['href', n.href],
    ['web-target', n.target],
    ['web-truncated', n.truncated ? true : undefined],
    ['web-read', n.read ? true : undefined],
    ['web-footer', n.footer ? true : undefined],
    ['web-node', i],
    ...Object.entries(o.extra ?? {}),
  ]);
}

/** XML of the web elements below node `root` (default: the document), one element per line. */
export function renderWebChildren(dom: DomSnapshot, o: RenderOptions, root = 0, depth = 1): string {
  const kids = childrenIndex(dom);
  const out: string[] = [];
  const visit = (i: number, index: number, d: number) => {
    const pad = '  '.repeat(d);
    const k = kids[i];
    const tag = classFor(dom.nodes[i], k.length > 0);
    const a = elementAttrs(dom, i, index, k.length > 0, o);
    if (!k.length) {
      out.push(`${pad}<${tag} ${a} />`);
      return;
    }
    out.push(`${pad}<${tag} ${a}>`);
    k.forEach((c, j) => visit(c, j, d + 1));
    out.push(`${pad}</${tag}>`);
  };
  (kids[root] ?? []).forEach((c, j) => visit(c, j, depth));
  return out.join('\n');
}

export interface ToSourceOptions {
  /** Default: the page's origin. */
  package?: string;
}

/**
 * A whole H5 page as a UiAutomator2 page source: `<hierarchy>` → the document (a FrameLayout) → its
 * elements. The document element carries `web-title`, `href`, `web-blocked` (the requests to
 * hosts outside the app that the browser blocked, space-separated, at most 50), `web-blocked-hosts`
 * (their hosts), `web-blocked-count` (how many distinct URLs in all) and `web-scroll-y` (how far
 * the document was scrolled, in screen px: where the read-through's step screenshots sit), so each
 * screen's XML in the bundle records them.
 */
export function domToPageSource(dom: DomSnapshot, opts: ToSourceOptions = {}): string {
  const scale = dom.devicePixelRatio || 1;
  const width = Math.round(dom.viewport.width * scale);
  const height = Math.round(dom.viewport.height * scale);
  const o: RenderOptions = { package: opts.package ?? dom.origin, placement: { scale, dx: 0, dy: 0 } };
  const root = dom.nodes[0];
  const head = `<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<hierarchy ${attrs([['index', 0], ['class', 'hierarchy'], ['rotation', 0], ['width', width], ['height', height]])}>`;
  if (!root) return `${head}\n</hierarchy>`;
  const rootAttrs = attrs([
    ['index', 0], ['package', o.package], ['class', 'android.widget.FrameLayout'], ['text', ''], ['resource-id', root.id || undefined],
    ['checkable', false], ['checked', false], ['clickable', false], ['enabled', true], ['focusable', false], ['focused', false],
    ['long-clickable', false], ['password', false], ['scrollable', root.scrollable], ['selected', false],
    ['bounds', `[0,0][${width},${height}]`], ['displayed', true], ['web-tag', root.tag], ['web-title', dom.title], ['href', dom.href],
    ['web-blocked', dom.blocked?.length ? dom.blocked.join(' ') : undefined],
    ['web-blocked-hosts', dom.blockedHosts?.length ? dom.blockedHosts.join(' ') : undefined],
    ['web-blocked-count', dom.blockedCount ? dom.blockedCount : undefined],
    ['web-scroll-y', Math.round(dom.scroll.y * scale)], ['web-node', 0],
  ]);
  const body = renderWebChildren(dom, o, 0, 2);
  return `${head}\n  <android.widget.FrameLayout ${rootAttrs}>${body ? '\n' + body : ''}\n  </android.widget.FrameLayout>\n</hierarchy>`;
}
