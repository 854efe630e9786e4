/**
 * What the browser-side DOM walk (`dom-snapshot.ts`) returns: an accessibility-tree view of a
 * page, flat and in pre-order, in CSS pixels relative to the viewport. Plain JSON, so it crosses
 * `browser.execute` unchanged and pure code (`to-source.ts`, `merge.ts`) can be tested on literals.
 */

/** A rectangle in CSS pixels, viewport-relative (what `getBoundingClientRect()` gives). */
export interface CssRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DomNode {
  /** Index of the parent in `DomSnapshot.nodes`; -1 for the document root. */
  parent: number;
  /** Lower-case tag name (`html` for the root). */
  tag: string;
  /** Explicit ARIA role, else the implicit one we derive from the tag (`button`, `link`, `textbox`, `img`, `list`, …); '' for generic. */
  role: string;
  /** Accessible name: aria-label, aria-labelledby, associated label, alt, title, or the text of a leaf. */
  name: string;
  /** Visible text: a leaf block's innerText, or a container's own text nodes; an input's value (masked for passwords). */
  text: string;
  /** The DOM `id` attribute. */
  id: string;
  /** Absolute URL of a link (`a[href]`, `area[href]`), also when the page opened it with `target=_blank`. */
  href?: string;
  /** The link's original `target` when it was not `_self`. */
  target?: string;
  /** `type` of an `<input>` (`text` when absent); `textarea`, `select` and contenteditable get their tag here. */
  inputType?: string;
  placeholder?: string;
  checked?: boolean;
  enabled: boolean;
  clickable: boolean;
  /** True for text fields (input/textarea/contenteditable): the crawler may type into them. */
  editable: boolean;
  scrollable: boolean;
  focused: boolean;
  selected: boolean;
  password: boolean;
  /** The text does not fit and CSS cuts it off (`text-overflow: ellipsis`, line clamp): what shows is less than `text`. */
  truncated?: boolean;
  /** The element's full box. */
  rect: CssRect;
  /** The part of `rect` inside the viewport and every clipping ancestor; undefined when none of it is. */
  visible?: CssRect;
  /**
   * Out of the viewport now, but the document has been read through past it (see `readThrough`):
   * its text counts as seen. Only for the document's own flow (not inside a scrolling container).
   */
  read?: boolean;
  /** Inside the page's footer (`<footer>`, role contentinfo, jQuery Mobile's data-role=footer, or a foot/bottom/copyright block). */
  footer?: boolean;
}

export interface DomSnapshot {
  /** `location.href` of the document walked. */
  href: string;
  /** `location.origin` (`null` for file: and data: URLs, as the browser reports it). */
  origin: string;
  title: string;
  devicePixelRatio: number;
  /** Layout viewport in CSS pixels (`innerWidth` × `innerHeight`). */
  viewport: { width: number; height: number };
  scroll: { x: number; y: number };
  /** Pre-order; `nodes[0]` is the document root (tag `html`, rect = the viewport). */
  nodes: DomNode[];
  /** True when the walk stopped at its node limit. */
  truncated: boolean;
  /** Subresources on hosts outside the app, which the browser blocks (when the walk was given the app's hosts). */
  blocked?: string[];
  /** The distinct hosts of those requests (capped like `blocked`). */
  blockedHosts?: string[];
  /** How many distinct URLs were blocked in all (`blocked` lists at most 50). */
  blockedCount?: number;
}
