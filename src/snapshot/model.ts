import type { Rect } from '../geometry.ts';

/** Where an element came from: the Android accessibility tree or a web page's DOM (H5 / WebView). */
export type ElementOrigin = 'native' | 'web';

/** One node of a screen's UI tree, normalised from either page-source format (or a DOM walk). */
export interface UiElement {
  /** Pre-order index within the snapshot; `elements[id] === this`. */
  id: number;
  parent: number | undefined;
  children: number[];
  depth: number;
  /** Index among siblings as the source states it (`index` attribute). */
  index: number;
  className: string;
  text: string;
  contentDesc: string;
  resourceId: string;
  hint: string;
  package: string;
  bounds: Rect;
  clickable: boolean;
  longClickable: boolean;
  enabled: boolean;
  focusable: boolean;
  focused: boolean;
  scrollable: boolean;
  checkable: boolean;
  checked: boolean;
  selected: boolean;
  password: boolean;
  displayed: boolean;
  /** `NAF="true"`: not accessibility friendly (no label a screen reader could speak). */
  naf: boolean;
  origin: ElementOrigin;
  /** Every attribute as the source had it, for selectors on attributes not modelled above. */
  attrs: Readonly<Record<string, string>>;
}

export type SourceFormat = 'uiautomator2' | 'adb-dump' | 'dom';

export interface Snapshot {
  format: SourceFormat;
  width: number;
  height: number;
  rotation: number;
  /** Every element in document (pre-order) order. */
  elements: UiElement[];
  /** Ids of the top-level elements (children of `<hierarchy>`). */
  roots: number[];
}

export function childrenOf(s: Snapshot, e: UiElement): UiElement[] {
  return e.children.map((i) => s.elements[i]);
}

export function ancestorsOf(s: Snapshot, e: UiElement): UiElement[] {
  const out: UiElement[] = [];
  for (let p = e.parent; p !== undefined; p = s.elements[p].parent) out.push(s.elements[p]);
  return out;
}

/** All descendants of `e` in pre-order, `e` excluded. */
export function descendantsOf(s: Snapshot, e: UiElement): UiElement[] {
  const out: UiElement[] = [];
  const stack = [...e.children].reverse();
  while (stack.length) {
    const el = s.elements[stack.pop()!];
    out.push(el);
    for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i]);
  }
  return out;
}

/** The visible label of an element: its own text or content-desc, else its descendants' texts joined. */
export function labelOf(s: Snapshot, e: UiElement): string {
  const own = e.text || e.contentDesc;
  if (own) return own;
  return descendantsOf(s, e)
    .map((d) => d.text || d.contentDesc)
    .filter(Boolean)
    .join(' ');
}

/** Element ids of packages other than `pkg` are never the app's own. */
export function appElements(s: Snapshot, pkg: string): UiElement[] {
  return s.elements.filter((e) => e.package === pkg);
}

/**
 * Windows of the system that a multi-window dump shows beside the app: the status and navigation
 * bars, gesture bars, keyboards (IMEs) and launchers. Their texts (clock, notifications, keys, app
 * icons) are never the app's.
 */
const SYSTEM_WINDOW_RE = /systemui|inputmethod|(^|\.)(ime|input|keyboard|swiftkey|qqpinyin|pinyin|upslide|navbar|navigationbar|gesture|home)(\.|$)|launcher/i;

export function isSystemWindowPackage(pkg: string): boolean {
  return pkg !== '' && SYSTEM_WINDOW_RE.test(pkg);
}
