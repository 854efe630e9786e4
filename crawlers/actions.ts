import { center, type Rect } from '../src/geometry.ts';
import { ancestorsOf, labelOf, type Snapshot, type UiElement } from '../src/snapshot/model.ts';
import { judgeControl, screenSafety, type RefusalKind, type SafetyPolicy, type TriggerSource } from './safety.ts';
import { isTextField } from './forms.ts';

/** Something the crawler can do on a screen. `key` is stable across visits of the same state. */
export interface CandidateAction {
  key: string;
  kind: 'tap' | 'swipe';
  elementId: number;
  label: string;
  className: string;
  /** Most specific selector first: resource-id when unique on the screen, else text / content-desc, with class. */
  selector: Record<string, string>;
  bounds: Rect;
  point: { x: number; y: number };
  /** For swipes: the direction of the content movement (`scroll-down` shows content below). */
  gesture?: 'scroll-down' | 'scroll-up' | 'scroll-left' | 'scroll-right';
  /** Position among the rows of a list (0 for the first row); undefined outside lists. */
  listRow?: number;
  inBottomBar: boolean;
  /**
   * The control has no text a person can read (an icon or an image button): its label is only in
   * its pixels, so with OCR on it is judged again on the OCR text inside its bounds before a tap.
   */
  unlabelled?: boolean;
}

/** A control the safety policy refused (a line of skipped.jsonl, with the state added). */
export interface SkippedAction {
  label: string;
  selector: Record<string, string>;
  /** What the tap would have done (English), e.g. "submits a form". */
  reason: string;
  /** The intent (`submit`, `pay`…) or policy rule (`confirm`, `not-navigation`…) that refused it. */
  intent?: RefusalKind;
  /** The word that matched. */
  word?: string;
  /** The text that triggered the refusal, and where it was read. */
  text?: string;
  source?: TriggerSource;
}

const LIST_CLASS = /(RecyclerView|ListView|GridView|ScrollView|ViewPager|NestedScrollView)$/;
/**
 * Rows of the same kind tried per list: enough to see what such a row leads to, not every news
 * item. Entries with their own resource-id (a grid of functions) are distinct and all tried.
 */
const ROWS_PER_LIST = 3;

function listAncestor(s: Snapshot, e: UiElement): UiElement | undefined {
  return ancestorsOf(s, e).find((a) => a.scrollable || LIST_CLASS.test(a.className));
}

/** Selector for an element: what a recording's transition `on` uses, and what a repro spec finds. */
export function selectorFor(s: Snapshot, e: UiElement, clickables: UiElement[]): Record<string, string> {
  if (e.resourceId && clickables.filter((c) => c.resourceId === e.resourceId).length === 1) return { 'resource-id': e.resourceId };
  if (e.text) return { text: e.text, class: e.className };
  if (e.contentDesc) return { 'content-desc': e.contentDesc, class: e.className };
  // Label from inside the element: match the inner text element (the spec matches any element inside).
  const inner = s.elements.find((d) => d.text && d.id > e.id && ancestorsOf(s, d).some((a) => a.id === e.id));
  if (inner) return { text: inner.text };
  return e.resourceId ? { 'resource-id': e.resourceId } : { class: e.className, bounds: e.attrs.bounds ?? '' };
}

/**
 * Every action worth trying on a screen, minus those the safety policy refuses (returned apart,
 * so they can be recorded). Text fields are not tapped: typing is the job of login and probes.
 */
export function extractActions(
  s: Snapshot,
  opts: { appPackage: string; policy: SafetyPolicy },
): { actions: CandidateAction[]; skipped: SkippedAction[] } {
  const screen = screenSafety(s);
  const clickables = s.elements.filter((e) => e.clickable && e.enabled && e.displayed && e.bounds.x2 > e.bounds.x1 && e.bounds.y2 > e.bounds.y1);
  const actions: CandidateAction[] = [];
  const skipped: SkippedAction[] = [];
  const rowsSeen = new Map<string, number>();
  const keys = new Set<string>();
  for (const e of clickables) {
    if (isTextField(e)) continue;
    const list = listAncestor(s, e);
    let listRow: number | undefined;
    if (list) {
      const kind = `${list.id}/${e.className}/${e.resourceId}`;
      listRow = rowsSeen.get(kind) ?? 0;
      rowsSeen.set(kind, listRow + 1);
      const sameKind = clickables.filter((c) => c.resourceId === e.resourceId && c.className === e.className).length > 1;
      if (sameKind && listRow >= ROWS_PER_LIST) continue;
    }
    const label = labelOf(s, e);
    const selector = selectorFor(s, e, clickables);
    const verdict = judgeControl(opts.policy, screen, e);
    if (!verdict.allowed) {
      skipped.push(skippedEntry(label, selector, verdict));
      continue;
    }
    let key = `tap:${JSON.stringify(selector)}`;
    if (keys.has(key)) key += `@${e.bounds.x1},${e.bounds.y1}`;
    keys.add(key);
    actions.push({
      key,
      kind: 'tap',
      elementId: e.id,
      label,
      className: e.className,
      selector,
      bounds: e.bounds,
      point: center(e.bounds),
      listRow,
      inBottomBar: e.bounds.y1 > s.height * 0.85,
      ...(verdict.unlabelled ? { unlabelled: true } : {}),
    });
  }
  for (const e of s.elements) {
    if (!e.scrollable || !e.displayed) continue;
    const horizontal = /(HorizontalScrollView|ViewPager)$/.test(e.className) || e.bounds.x2 - e.bounds.x1 > 2 * (e.bounds.y2 - e.bounds.y1);
    for (const gesture of horizontal ? (['scroll-right', 'scroll-left'] as const) : (['scroll-down', 'scroll-up'] as const)) {
      const selector: Record<string, string> = e.resourceId ? { 'resource-id': e.resourceId } : { class: e.className };
      actions.push({
        key: `swipe:${gesture}:${JSON.stringify(selector)}`,
        kind: 'swipe',
        elementId: e.id,
        label: `${gesture} ${labelOf(s, e).slice(0, 20)}`,
        className: e.className,
        selector,
        bounds: e.bounds,
        point: center(e.bounds),
        gesture,
        inBottomBar: false,
      });
    }
  }
  return { actions, skipped };
}

export function skippedEntry(label: string, selector: Record<string, string>, v: { reason?: string; intent?: RefusalKind; word?: string; text?: string; source?: TriggerSource }): SkippedAction {
  return {
    label,
    selector,
    reason: v.reason ?? 'refused',
    ...(v.intent ? { intent: v.intent } : {}),
    ...(v.word ? { word: v.word } : {}),
    ...(v.text ? { text: v.text } : {}),
    ...(v.source ? { source: v.source } : {}),
  };
}
