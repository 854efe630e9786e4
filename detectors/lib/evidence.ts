import type { Evidence, Via } from '../../src/findings/schema.ts';
import { toTuple, type Rect } from '../../src/geometry.ts';
import type { ObservedScreen, ReadStepShot, ScreenText } from '../../src/observation.ts';
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
 * the screen's screenshot (off screen, read once the page was scrolled past it) — shown on the
 * read-through's step screenshot when `onStep`, else not in the picture. Undefined for native text.
 */
export function webPlaceNote(screen: ObservedScreen, texts: readonly ScreenText[], onStep = false): string | undefined {
  const { footer, offScreen } = webPlace(screen, texts);
  const below = onStep ? '位于首屏以下，截图为滚动浏览整页至该处时所摄' : '位于首屏以下，滚动浏览整页后读取，不在本截图范围内';
  if (footer && offScreen) return `来自页面页脚（${below}）`;
  if (footer) return '来自页面页脚';
  if (offScreen) return below;
  return undefined;
}

function webPlace(screen: ObservedScreen, texts: readonly ScreenText[]): { footer: boolean; offScreen: boolean } {
  const els = texts.flatMap((t) => (t.elementId === undefined ? [] : [screen.snapshot.elements[t.elementId]])).filter((e) => e !== undefined);
  return { footer: els.some((e) => e.attrs['web-footer'] === 'true'), offScreen: els.some((e) => !e.displayed && e.attrs['web-read'] === 'true') };
}

/**
 * The read-through step whose screenshot shows `bounds` (screen coordinates): the first that holds
 * the whole box, else the first that holds its top edge. Pure.
 */
export function stepShowing(steps: readonly ReadStepShot[] | undefined, [x1, y1, x2, y2]: readonly number[]): { screenshot: string; bounds: [number, number, number, number] } | undefined {
  const step = steps?.find((s) => s.offset <= y1 && y2 <= s.offset + s.height) ?? steps?.find((s) => s.offset <= y1 && y1 < s.offset + s.height);
  if (!step) return undefined;
  const d = step.offset;
  return { screenshot: step.screenshot, bounds: [x1, y1 - d, x2, Math.min(y2 - d, step.height)] };
}

/** Off-screen web text is shown on the step screenshot that has it in view, when the crawl kept one. */
function withPlace(screen: ObservedScreen, texts: readonly ScreenText[], ev: Evidence): Evidence {
  const step = ev.bounds && webPlace(screen, texts).offScreen ? stepShowing(screen.readSteps, ev.bounds) : undefined;
  const placed = step ? { ...ev, ...step } : ev;
  const note = webPlaceNote(screen, texts, step !== undefined);
  return note && !placed.note ? { ...placed, note } : placed;
}
