import { area, center, containsPoint, intersection, type Rect } from '../geometry.ts';
import type { OcrBox, ScreenText } from '../observation.ts';
import type { Snapshot, UiElement } from '../snapshot/model.ts';
import { readingOrder } from './engine-api.ts';
import { commonChars, matchKey } from './text.ts';

/**
 * A screen's texts: accessibility texts of the snapshot, plus the OCR boxes that say something the
 * accessibility tree does not (text drawn into images: logos, banners, splash screens, status
 * bars, canvases). Pure.
 *
 * Accessibility texts come first, in document order: per displayed, non-empty element its `text`,
 * its `content-desc` when that says something else, and its `hint` when the field shows it (empty,
 * or UiAutomator reporting the placeholder as the text). OCR-only texts follow in reading order.
 *
 * An OCR box repeats accessibility text when the texts of the elements it lies on (≥ half of the
 * box, or of the element, overlapping) hold its characters, compared loosely: NFKC, whitespace and
 * punctuation ignored, characters counted as a multiset (OCR splits, joins and reorders lines) and
 * up to 40 % of them (at least one) allowed to be misread.
 */
export function mergeTexts(snapshot: Snapshot, ocr: readonly OcrBox[] | undefined): ScreenText[] {
  const visible = snapshot.elements.filter((e) => e.displayed && area(e.bounds) > 0);
  // Web text off screen that the page was scrolled past (`web-read`) is seen, though not displayed.
  const seen = snapshot.elements.filter((e) => (e.displayed || e.attrs['web-read'] === 'true') && area(e.bounds) > 0);
  const a11y = seen.flatMap((e) => a11yTexts(snapshot, e));
  const out = [...a11y];
  for (const box of readingOrder([...(ocr ?? [])])) {
    const key = matchKey(box.text);
    if (!key || repeats(key, box.bounds, a11y)) continue;
    const host = hostOf(visible, box.bounds);
    out.push({
      text: box.text,
      bounds: box.bounds,
      via: 'ocr',
      ...(host ? { elementId: host.id } : {}),
      confidence: box.confidence,
      clickable: host ? clickableChain(snapshot, host) : false,
      kind: 'ocr',
    });
  }
  return out;
}

function a11yTexts(s: Snapshot, e: UiElement): ScreenText[] {
  const text = e.text.trim();
  const desc = e.contentDesc.trim();
  const hint = e.hint.trim();
  const clickable = clickableChain(s, e);
  const make = (t: string, kind: ScreenText['kind']): ScreenText => ({ text: t, bounds: e.bounds, via: 'a11y', elementId: e.id, confidence: 1, clickable, kind });
  const out: ScreenText[] = [];
  const placeholder = hint !== '' && (text === '' || text === hint);
  if (text && !placeholder) out.push(make(text, 'text'));
  if (desc && matchKey(desc) !== matchKey(text)) out.push(make(desc, 'content-desc'));
  if (placeholder) out.push(make(hint, 'hint'));
  return out;
}

/** Whether the box's characters are (mostly) among the texts of the a11y elements it lies on. */
function repeats(key: string, box: Rect, a11y: readonly ScreenText[]): boolean {
  const under = a11y.filter((t) => {
    const i = intersection(t.bounds, box);
    return i !== undefined && (area(i) >= 0.5 * area(box) || area(i) >= 0.5 * area(t.bounds));
  });
  if (under.length === 0) return false;
  const n = Array.from(key).length;
  const found = commonChars(key, under.map((t) => matchKey(t.text)).join(''));
  return n - found <= Math.max(1, Math.floor(0.4 * n));
}

/** The topmost, deepest element holding the box: the last in document order that contains its centre. */
function hostOf(visible: readonly UiElement[], box: Rect): UiElement | undefined {
  const c = center(box);
  for (let i = visible.length - 1; i >= 0; i--) if (containsPoint(visible[i].bounds, c.x, c.y)) return visible[i];
  return undefined;
}

/** The element or one of its ancestors is clickable (taps go to the nearest clickable ancestor). */
function clickableChain(s: Snapshot, e: UiElement): boolean {
  for (let x: UiElement | undefined = e; x; x = x.parent === undefined ? undefined : s.elements[x.parent]) if (x.clickable) return true;
  return false;
}
