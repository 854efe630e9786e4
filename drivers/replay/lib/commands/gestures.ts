/** Pointer and keyboard input: W3C actions and UiAutomator2's gesture execute methods. */
import { errors } from '@appium/base-driver';
import type { ActionSequence } from '@appium/types';
import { interpretActions, type InputEvent } from '../actions.ts';
import type { ReplayDriver } from '../driver.ts';
import { centerOf, rectOf } from '../elements.ts';
import type { Gesture } from '../graph-runtime.ts';
import { resolveElement } from './element.ts';

function handle(driver: ReplayDriver, e: InputEvent): void {
  const rt = driver.runtime;
  switch (e.kind) {
    case 'tap':
      driver.log.info(rt.tap(e.at.x, e.at.y));
      return;
    case 'long-press':
      driver.log.info(`long press (${e.at.x},${e.at.y}) for ${e.durationMs} ms: not a tap, nothing happens`);
      return;
    case 'swipe':
    case 'scroll': {
      const fired = rt.gesture(e.gesture);
      driver.log.info(`${e.kind} classified as ${e.gesture}: ${fired ? 'moved' : 'no transition'}`);
      return;
    }
    case 'keys': {
      const focused = rt.focused();
      // Never the typed value (it may be a password): lengths only, at debug.
      if (focused === undefined) driver.log.debug(`typed ${Array.from(e.text).length} characters with no focused field: ignored`);
      else driver.log.debug(`typed into focused field: now ${Array.from(rt.type(focused, e.text, 'append')).length} characters`);
    }
  }
}

export async function performActions(this: ReplayDriver, actions: ActionSequence[]): Promise<void> {
  const events = interpretActions(actions, (id) => centerOf(resolveElement(this, id).node));
  for (const e of events) handle(this, e);
}

export async function releaseActions(this: ReplayDriver): Promise<void> {}

/** Element centre, element top-left + offset, or an absolute point, as UiAutomator2 reads them. */
export async function mobileClickGesture(this: ReplayDriver, elementId?: string, x?: number, y?: number): Promise<void> {
  let at: { x: number; y: number };
  if (elementId) {
    const node = resolveElement(this, elementId).node;
    const r = rectOf(node);
    at = x !== undefined && y !== undefined ? { x: r.x + Number(x), y: r.y + Number(y) } : centerOf(node);
  } else if (x !== undefined && y !== undefined) at = { x: Number(x), y: Number(y) };
  else throw new errors.InvalidArgumentError('clickGesture needs an elementId or both x and y');
  handle(this, { kind: 'tap', at });
}

const FINGER: Record<string, Gesture> = { up: 'scroll-down', down: 'scroll-up', left: 'scroll-right', right: 'scroll-left' };
const CONTENT: Record<string, Gesture> = { down: 'scroll-down', up: 'scroll-up', right: 'scroll-right', left: 'scroll-left' };

function gestureOf(table: Record<string, Gesture>, direction: unknown): Gesture {
  const g = table[String(direction).toLowerCase()];
  if (!g) throw new errors.InvalidArgumentError(`direction must be up, down, left or right, not ${JSON.stringify(direction)}`);
  return g;
}

/** `direction` is where the finger moves: `up` shows the content below (scroll-down). */
export async function mobileSwipeGesture(this: ReplayDriver, direction: string): Promise<void> {
  const g = gestureOf(FINGER, direction);
  this.log.info(`swipeGesture ${direction} (${g}): ${this.runtime.gesture(g) ? 'moved' : 'no transition'}`);
}

/** `direction` is where the content scrolls; true when the screen changed (there was more to scroll to). */
export async function mobileScrollGesture(this: ReplayDriver, direction: string): Promise<boolean> {
  const g = gestureOf(CONTENT, direction);
  const fired = this.runtime.gesture(g);
  this.log.info(`scrollGesture ${direction} (${g}): ${fired ? 'moved' : 'no transition'}`);
  return fired;
}

/** Types into the focused field, as `mobile: type` does. */
export async function mobileType(this: ReplayDriver, text: string): Promise<void> {
  const focused = this.runtime.focused();
  if (focused === undefined) throw new errors.InvalidElementStateError('no text field has the focus: tap one first');
  this.runtime.type(focused, String(text), 'append');
}
