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

/** Where a piece of an element's accessible label comes from. */
export type LabelSource = 'text' | 'content-desc' | 'hint' | 'descendant' | 'resource-id';

export interface LabelPart {
  source: LabelSource;
  text: string;
  /** The element the text belongs to (`e` itself, or a descendant). */
  elementId: number;
}

/** Descendant classes that are controls themselves: their resource-ids name what they do. */
const CONTROL_CLASS = /(Button|ImageView|ImageButton|CheckBox|Switch|ToggleButton|RadioButton)$/;

/**
 * Everything a person (or TalkBack) perceives as the label of `e`, piece by piece: its own text,
 * content-desc and hint, the text and content-desc of every displayed descendant, and the words
 * of the resource-ids of `e` and of its descendant controls (`btnSubmit` → "btn submit").
 * `text` keeps its meaning (the element's own text); this is the derived, complete label that
 * a safety judgement must look at, since a clickable parent's own text may hide what it contains.
 */
export function accessibleLabelParts(s: Snapshot, e: UiElement): LabelPart[] {
  const parts: LabelPart[] = [];
  const add = (source: LabelSource, text: string, el: UiElement) => {
    if (text.trim()) parts.push({ source, text, elementId: el.id });
  };
  add('text', e.text, e);
  add('content-desc', e.contentDesc, e);
  add('hint', e.hint, e);
  const ids: UiElement[] = [e];
  for (const d of descendantsOf(s, e)) {
    if (!d.displayed) continue;
    add('descendant', d.text, d);
    add('descendant', d.contentDesc, d);
    if (d.clickable || CONTROL_CLASS.test(d.className)) ids.push(d);
  }
  for (const el of ids) {
    const words = resourceIdWords(el.resourceId);
    if (words.length) parts.push({ source: 'resource-id', text: words.join(' '), elementId: el.id });
  }
  return parts;
}

/** The accessible label as one string (texts only, without resource-id words). */
export function accessibleLabel(s: Snapshot, e: UiElement): string {
  return accessibleLabelParts(s, e)
    .filter((p) => p.source !== 'resource-id')
    .map((p) => p.text.trim())
    .join(' ');
}

/**
 * The words of a resource-id's entry name, lower-cased: `pkg:id/btnSubmit` → [btn, submit],
 * `btn_del` → [btn, del], `ivDelete2` → [iv, delete, 2], `HTTPConfig` → [http, config].
 */
export function resourceIdWords(resourceId: string): string[] {
  const name = resourceId.replace(/^.*:id\//, '').replace(/^.*\//, '');
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .replace(/(\d)([A-Za-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
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
