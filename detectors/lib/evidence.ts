import type { Evidence, Via } from '../../src/findings/schema.ts';
import { toTuple, type Rect } from '../../src/geometry.ts';
import type { ObservedScreen, ScreenText } from '../../src/observation.ts';
import { display } from './text.ts';

type Extra = Partial<Omit<Evidence, 'state' | 'screenshot'>>;

/** Evidence for a text seen on a screen: its bounds, text and how it was read (a11y / ocr). */
export function textEvidence(screen: ObservedScreen, t: ScreenText, extra: Extra = {}): Evidence {
  return withPlace(screen, [t], { state: screen.state, screenshot: screen.screenshot, bounds: toTuple(t.bounds), text: display(t.text), via: t.via, ...extra });
}

/** Evidence for a screen (or a region of it) as a whole, e.g. the screen a tap led to (`flow`). */
export function screenEvidence(screen: ObservedScreen, via: Via, extra: Extra & { rect?: Rect } = {}): Evidence {
  const { rect, ...rest } = extra;
  return { state: screen.state, screenshot: screen.screenshot, ...(rect ? { bounds: toTuple(rect) } : {}), via, ...rest };
}

/** Evidence for one visual row (texts side by side), read as `ocr` when any part came from OCR. */
export function rowEvidence(screen: ObservedScreen, row: { texts: ScreenText[]; text: string; bounds: Rect }, extra: Extra = {}): Evidence {
  const via = row.texts.some((t) => t.via === 'ocr') ? 'ocr' : 'a11y';
  return withPlace(screen, row.texts, { state: screen.state, screenshot: screen.screenshot, bounds: toTuple(row.bounds), text: row.text, via, ...extra });
}

/**
 * Where on a web page the texts came from, for the evidence note: the page footer, and/or below
 * the screenshot (off screen, read once the page was scrolled past it). Undefined for native text.
 */
export function webPlaceNote(screen: ObservedScreen, texts: readonly ScreenText[]): string | undefined {
  const els = texts.flatMap((t) => (t.elementId === undefined ? [] : [screen.snapshot.elements[t.elementId]])).filter((e) => e !== undefined);
  const footer = els.some((e) => e.attrs['web-footer'] === 'true');
  const offScreen = els.some((e) => !e.displayed && e.attrs['web-read'] === 'true');
  if (footer && offScreen) return '来自页面页脚（位于首屏以下，滚动浏览整页后读取，不在本截图范围内）';
  if (footer) return '来自页面页脚';
  if (offScreen) return '位于首屏以下，滚动浏览整页后读取，不在本截图范围内';
  return undefined;
}

function withPlace(screen: ObservedScreen, texts: readonly ScreenText[], ev: Evidence): Evidence {
  const note = webPlaceNote(screen, texts);
  return note && !ev.note ? { ...ev, note } : ev;
}
