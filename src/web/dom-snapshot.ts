import type { CssRect, DomNode, DomSnapshot } from './dom-model.ts';
import { executeScript } from './browser-script.ts';

export interface CollectOptions {
  /** Stop after this many nodes (the rest of the page is left out and `truncated` set). */
  maxNodes: number;
  /** The app's host patterns (`appHostPatterns`): subresources on other hosts are listed as `blocked`. */
  appHosts?: string[];
}

/**
 * Runs IN THE BROWSER (through `browser.execute`): walks the DOM and returns the visible elements
 * as an accessibility-tree view. Self-contained: it may use nothing from this module's scope.
 *
 * - A block whose subtree holds no interactive element, image or block-level text becomes one
 *   leaf with its `innerText` ("主办单位：<b>某市…</b>" is one text, as a TextView would be).
 * - Generic wrappers without text, role, id, clickability or scrolling are transparent: their
 *   children attach to the nearest kept ancestor.
 * - Skipped: display:none, visibility hidden, opacity 0, aria-hidden, zero-size leaves and
 *   anything clipped away by a non-scrolling `overflow` ancestor. Elements scrolled out of the
 *   viewport (or out of a scrolling container) are kept with `visible` undefined.
 * - Off-viewport elements of the document's flow that a read-through (`window.__govappReadThrough`)
 *   has passed are marked `read`; elements inside the page's footer are marked `footer`.
 * - The element of node i is left in `window.__govappEls[i]`, so later commands (typing) can reach it.
 */
export function collectDom(opts: CollectOptions): DomSnapshot {
  type Item = { el: Element; node: Omit<DomNode, 'parent'>; kids: Item[] };
  type Res = { items: Item[]; interactive: boolean; blockText: boolean; text: boolean };
  const W = window as unknown as Record<string, unknown>;
  const clickTargets = W.__govappClickTargets as WeakSet<Element> | undefined;
  const vw = window.innerWidth;
  const vh = window.innerHeight;
  const VIEW: CssRect = { x: 0, y: 0, width: vw, height: vh };
  const ALL: CssRect = { x: -1e7, y: -1e7, width: 2e7, height: 2e7 };
  const EMPTY: Res = { items: [], interactive: false, blockText: false, text: false };
  const rt = W.__govappReadThrough as { href: string; readTo: number } | undefined;
  /** Viewport-relative y down to which the document has been read (−∞ when never). */
  const readToY = rt && rt.href === location.href ? rt.readTo - window.scrollY : -Infinity;
  const FOOTER_RE = /(^|[-_\s])(foot|footer|bottom|copyright|copy|site-info)([-_\s]|$)/i;
  const SKIP = new Set(['head', 'script', 'style', 'noscript', 'template', 'meta', 'link', 'title', 'base', 'br', 'wbr', 'datalist', 'param', 'source', 'track']);
  const MEDIA = new Set(['img', 'svg', 'canvas', 'video', 'audio', 'iframe', 'object', 'embed', 'picture']);
  const CLICK_ROLES = new Set(['button', 'link', 'tab', 'menuitem', 'menuitemcheckbox', 'menuitemradio', 'option', 'checkbox', 'radio', 'switch', 'treeitem']);
  const KEEP_ROLES = new Set(['list', 'listitem', 'navigation', 'banner', 'contentinfo', 'main', 'form', 'dialog', 'alertdialog', 'heading', 'table', 'row', 'tablist', 'tabpanel', 'menu', 'menubar', 'toolbar', 'region', 'article', 'group']);
  const TEXT_INPUTS = new Set(['text', 'search', 'email', 'tel', 'url', 'number', 'password', '']);
  const BUTTON_INPUTS = new Set(['submit', 'button', 'reset', 'image']);
  const IMPLICIT: Record<string, string> = {
    button: 'button', summary: 'button', select: 'combobox', textarea: 'textbox', img: 'img', svg: 'img', canvas: 'img',
    ul: 'list', ol: 'list', li: 'listitem', nav: 'navigation', header: 'banner', footer: 'contentinfo', main: 'main',
    form: 'form', dialog: 'dialog', table: 'table', tr: 'row', td: 'cell', th: 'columnheader', p: 'paragraph',
    h1: 'heading', h2: 'heading', h3: 'heading', h4: 'heading', h5: 'heading', h6: 'heading', label: 'label',
    video: 'video', iframe: 'iframe', section: 'region', article: 'article', fieldset: 'group', progress: 'progressbar',
  };
  const norm = (s: string | null | undefined): string =>
    (s ?? '').replace(/[ \t\f\v\u00a0\u200b\u3000]+/g, ' ').replace(/ ?\n[ \n]*/g, '\n').trim();
  const cut = (a: CssRect, b: CssRect): CssRect | undefined => {
    const x = Math.max(a.x, b.x), y = Math.max(a.y, b.y);
    const x2 = Math.min(a.x + a.width, b.x + b.width), y2 = Math.min(a.y + a.height, b.y + b.height);
    return x2 > x && y2 > y ? { x, y, width: x2 - x, height: y2 - y } : undefined;
  };
  const roleOf = (el: Element, type: string): string => {
    const explicit = (el.getAttribute('role') ?? '').trim().split(/\s+/)[0];
    if (explicit) return explicit;
    const tag = el.localName;
    if ((tag === 'a' || tag === 'area') && el.hasAttribute('href')) return 'link';
    if (tag === 'input') {
      if (BUTTON_INPUTS.has(type)) return 'button';
      if (type === 'checkbox' || type === 'radio') return type;
      if (type === 'range') return 'slider';
      return TEXT_INPUTS.has(type) ? 'textbox' : 'input';
    }
    if ((el as HTMLElement).isContentEditable && !(el.parentElement as HTMLElement | null)?.isContentEditable) return 'textbox';
    return IMPLICIT[tag] ?? '';
  };
  const nameOf = (el: Element, fallback: string): string => {
    const aria = norm(el.getAttribute('aria-label'));
    if (aria) return aria;
    const by = el.getAttribute('aria-labelledby');
    if (by) {
      const t = norm(by.split(/\s+/).map((id) => (document.getElementById(id) as HTMLElement | null)?.innerText ?? '').join(' '));
      if (t) return t;
    }
    const labels = (el as HTMLInputElement).labels;
    if (labels && labels.length) {
      const t = norm(Array.from(labels).map((l) => l.innerText).join(' '));
      if (t) return t;
    }
    const alt = norm(el.getAttribute('alt'));
    if (alt) return alt;
    if (el.localName === 'svg') {
      const t = norm(el.querySelector('title')?.textContent);
      if (t) return t;
    }
    return norm(el.getAttribute('title')) || fallback;
  };

  const build = (el: Element, hard: CssRect, soft: CssRect, parentPointer: boolean, inFlow: boolean, inFooter: boolean): Res => {
    const tag = el.localName;
    if (SKIP.has(tag) || el.getAttribute('aria-hidden') === 'true') return EMPTY;
    const cs = getComputedStyle(el);
    if (cs.display === 'none' || (cs.visibility !== 'visible' && cs.visibility !== '') || Number(cs.opacity) === 0) return EMPTY;
    const b = el.getBoundingClientRect();
    const rect: CssRect = { x: b.left, y: b.top, width: b.width, height: b.height };
    const hasBox = b.width > 0 && b.height > 0;
    if (cs.position === 'fixed') { hard = ALL; soft = VIEW; inFlow = false; }
    if (hasBox && !cut(rect, hard)) return EMPTY;
    const visible = hasBox ? cut(rect, hard) && cut(cut(rect, hard)!, soft) : undefined;
    const read = !visible && hasBox && inFlow && rect.y < readToY && rect.x < vw && rect.x + rect.width > 0;
    const footer = inFooter || tag === 'footer' || el.getAttribute('role') === 'contentinfo' || el.getAttribute('data-role') === 'footer' ||
      FOOTER_RE.test(el.id) || (typeof el.className === 'string' && el.className.split(/\s+/).some((c) => FOOTER_RE.test(c)));
    const block = hasBox && !cs.display.startsWith('inline') && cs.display !== 'contents';
    const scrollY = /(auto|scroll)/.test(cs.overflowY) && el.scrollHeight > el.clientHeight + 1;
    const scrollX = /(auto|scroll)/.test(cs.overflowX) && el.scrollWidth > el.clientWidth + 1;
    const scrollable = hasBox && (scrollY || scrollX);
    const clips = hasBox && (cs.overflowX !== 'visible' || cs.overflowY !== 'visible');
    const kidHard = clips && !scrollable ? cut(hard, rect) ?? hard : hard;
    const kidSoft = scrollable ? cut(soft, rect) ?? { x: -1e6, y: -1e6, width: 0, height: 0 } : soft;

    const input = el as HTMLInputElement;
    const type = tag === 'input' ? (input.type || 'text').toLowerCase() : '';
    if (tag === 'input' && type === 'hidden') return EMPTY;
    const role = roleOf(el, type);
    const editable = (tag === 'input' && TEXT_INPUTS.has(type)) || tag === 'textarea' || (role === 'textbox' && (el as HTMLElement).isContentEditable);
    const formControl = tag === 'input' || tag === 'textarea' || tag === 'select' || editable;
    const pointer = cs.cursor === 'pointer';
    const clickable =
      tag !== 'html' && tag !== 'body' &&
      (((tag === 'a' || tag === 'area') && el.hasAttribute('href')) || tag === 'button' || tag === 'summary' || tag === 'select' ||
        formControl || CLICK_ROLES.has(role) || el.hasAttribute('onclick') || typeof (el as HTMLElement).onclick === 'function' ||
        (tag === 'label' && !!(el as HTMLLabelElement).control) || !!clickTargets?.has(el) || (pointer && !parentPointer));
    const disabled = (el as HTMLButtonElement).disabled === true || el.getAttribute('aria-disabled') === 'true';
    const base = (text: string, name: string): Omit<DomNode, 'parent'> => {
      const node: Omit<DomNode, 'parent'> = {
        tag, role, name, text, id: el.id || '', enabled: !disabled, clickable, editable, scrollable,
        focused: document.activeElement === el, password: type === 'password',
        selected: el.getAttribute('aria-selected') === 'true' || (el.hasAttribute('aria-current') && el.getAttribute('aria-current') !== 'false'),
        rect, visible,
      };
      if (read) node.read = true;
      if (footer) node.footer = true;
      const href = (el as HTMLAnchorElement).href;
      if ((tag === 'a' || tag === 'area') && typeof href === 'string' && href) node.href = href;
      const target = el.getAttribute('data-govapp-target') ?? el.getAttribute('target');
      if (target && !/^_(self|top|parent)$/i.test(target)) node.target = target;
      return node;
    };

    if (formControl) {
      if (!hasBox) return EMPTY;
      let text = '';
      if (tag === 'select') text = norm((el as HTMLSelectElement).selectedOptions[0]?.text);
      else if (tag === 'input' || tag === 'textarea') text = type === 'password' ? '•'.repeat(input.value.length) : input.value;
      else text = (el as HTMLElement).innerText;
      const node = base(text, nameOf(el, BUTTON_INPUTS.has(type) ? input.value : ''));
      node.inputType = tag === 'input' ? type : tag === 'textarea' || tag === 'select' ? tag : 'contenteditable';
      const ph = el.getAttribute('placeholder') ?? el.getAttribute('aria-placeholder');
      if (ph) node.placeholder = ph;
      if (type === 'checkbox' || type === 'radio') node.checked = input.checked;
      return { items: [{ el, node, kids: [] }], interactive: true, blockText: block && !!text, text: !!text };
    }

    const kids: Res[] = [];
    const root = (el as HTMLElement).shadowRoot;
    for (const c of [...(root ? Array.from(root.children) : []), ...Array.from(el.children)]) kids.push(build(c, kidHard, kidSoft, pointer, inFlow && !scrollable, footer));
    const media = MEDIA.has(tag) || (!kids.length && hasBox && cs.backgroundImage.startsWith('url('));
    const kidInteractive = kids.some((k) => k.interactive);
    const kidBlockText = kids.some((k) => k.blockText);
    let own = '';
    for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 3) own += n.nodeValue;
    own = norm(own);

    if (media) {
      if (!hasBox) return EMPTY;
      const img = base('', nameOf(el, ''));
      img.role ||= 'img';
      return { items: [{ el, node: img, kids: [] }], interactive: true, blockText: false, text: false };
    }
    const inner = !kidInteractive && !kidBlockText && !scrollable ? norm((el as HTMLElement).innerText) : '';
    if (inner && tag !== 'html' && tag !== 'body') {
      if (!hasBox) return { items: [], interactive: false, blockText: false, text: true };
      const leaf = base(inner, nameOf(el, inner));
      const clamp = cs.textOverflow === 'ellipsis' || (cs.getPropertyValue('-webkit-line-clamp') || 'none') !== 'none';
      if (clamp && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)) leaf.truncated = true;
      return { items: [{ el, node: leaf, kids: [] }], interactive: clickable, blockText: block, text: true };
    }
    const items = kids.flatMap((k) => k.items);
    const anyText = !!own || kids.some((k) => k.text);
    const keep = tag === 'html' || clickable || scrollable || !!own || KEEP_ROLES.has(role) || !!el.id ||
      (!!el.getAttribute('aria-label') && !!role);
    const res: Res = { items, interactive: clickable || kidInteractive, blockText: (block && anyText) || kidBlockText, text: anyText };
    if (keep && (hasBox || tag === 'html')) res.items = [{ el, node: base(own, nameOf(el, '')), kids: items }];
    return res;
  };

  const docEl = document.documentElement;
  const top = build(docEl, ALL, VIEW, false, true, false).items[0];
  const nodes: DomNode[] = [];
  const els: Element[] = [];
  let truncated = false;
  const scroller = document.scrollingElement ?? docEl;
  const flatten = (it: Item, parent: number): void => {
    if (nodes.length >= opts.maxNodes) { truncated = true; return; }
    const i = nodes.length;
    nodes.push({ ...it.node, parent });
    els.push(it.el);
    for (const k of it.kids) flatten(k, i);
  };
  if (top) {
    top.node.rect = VIEW;
    top.node.visible = VIEW;
    top.node.scrollable = scroller.scrollHeight > vh + 1 || scroller.scrollWidth > vw + 1;
    top.node.name = norm(document.title);
    flatten(top, -1);
  }
  W.__govappEls = els;
  // Requests to hosts outside the app (the browser resolves them to nothing): every distinct URL
  // is counted, the first BLOCKED_CAP URLs and hosts are listed. Elements that name a subresource,
  // and what Resource Timing saw (script-made requests: XHR, fetch, beacons).
  const BLOCKED_CAP = 50;
  const blocked: string[] = [];
  const blockedHosts: string[] = [];
  const seenBlocked = new Set<string>();
  if (opts.appHosts) {
    // `*.site` matches subdomains of site (the patterns of `appHostPatterns`).
    const own = (h: string) => opts.appHosts!.some((p) => (p.startsWith('*.') ? h.endsWith(p.slice(1)) : h === p));
    const note = (u: string) => {
      try {
        const url = new URL(u, location.href);
        if (!/^https?:$/.test(url.protocol) || own(url.hostname) || seenBlocked.has(url.href)) return;
        seenBlocked.add(url.href);
        if (blocked.length < BLOCKED_CAP) blocked.push(url.href);
        if (blockedHosts.length < BLOCKED_CAP && !blockedHosts.includes(url.host)) blockedHosts.push(url.host);
      } catch { /* not a URL */ }
    };
    for (const el of Array.from(document.querySelectorAll('script[src],link[href],img[src],iframe[src],embed[src],video[src],audio[src],source[src]'))) {
      const u = (el as HTMLScriptElement).src || (el as HTMLLinkElement).href;
      if (!u || el.localName === 'link' && !/stylesheet|preload|icon|modulepreload/i.test(el.getAttribute('rel') ?? '')) continue;
      note(u);
    }
    for (const e of performance.getEntriesByType('resource')) note(e.name);
  }
  return {
    ...(opts.appHosts ? { blocked, blockedHosts, blockedCount: seenBlocked.size } : {}),
    href: location.href, origin: location.origin, title: norm(document.title), devicePixelRatio: window.devicePixelRatio || 1,
    viewport: { width: vw, height: vh }, scroll: { x: window.scrollX, y: window.scrollY }, nodes, truncated,
  };
}

/** The `browser.execute` script for `collectDom`. */
export const COLLECT_DOM_SCRIPT = executeScript(collectDom);

/** Walks the current page of a WebDriver session (a Chromium tab, or a WebView context). */
export async function snapshotDom(browser: WebdriverIO.Browser, opts: CollectOptions = { maxNodes: 4000 }): Promise<DomSnapshot> {
  return (await browser.execute(COLLECT_DOM_SCRIPT, opts)) as DomSnapshot;
}
