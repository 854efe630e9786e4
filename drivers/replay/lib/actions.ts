/**
 * W3C actions (`performActions`) → the input events a replayed app reacts to: taps, swipes
 * (classified by dominant direction), long presses, typed keys and wheel scrolls. Pure: element
 * origins are resolved through a callback. Pauses and move durations advance a virtual clock
 * only; nothing sleeps.
 */
import type { ActionSequence } from '@appium/types';
import type { Gesture } from './graph-runtime.ts';

export interface Point {
  x: number;
  y: number;
}

export type InputEvent =
  | { kind: 'tap'; at: Point }
  | { kind: 'long-press'; at: Point; durationMs: number }
  | { kind: 'swipe'; from: Point; to: Point; durationMs: number; gesture: Gesture }
  | { kind: 'keys'; text: string }
  | { kind: 'scroll'; gesture: Gesture };

/** A finger that moves less than this (px) taps; Android's touch slop is 8 dp ≈ 22 px at 440 dpi. */
export const TAP_SLOP_PX = 30;
/** A stationary press at least this long is a long press, which does not click. */
export const LONG_PRESS_MS = 500;

export const ELEMENT_KEY = 'element-6066-11e4-a52e-4f735466cecf';

/**
 * Classifies a finger movement: moving up is `scroll-down` (content below comes into view),
 * moving left is `scroll-right`; undefined when the finger stayed within the tap slop.
 */
export function classifySwipe(from: Point, to: Point): Gesture | undefined {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  if (Math.hypot(dx, dy) < TAP_SLOP_PX) return undefined;
  if (Math.abs(dy) >= Math.abs(dx)) return dy < 0 ? 'scroll-down' : 'scroll-up';
  return dx < 0 ? 'scroll-right' : 'scroll-left';
}

/** The element id inside a W3C element reference, if `origin` is one. */
export function elementIdOf(origin: unknown): string | undefined {
  if (!origin || typeof origin !== 'object') return undefined;
  const o = origin as Record<string, unknown>;
  const id = o[ELEMENT_KEY] ?? o.ELEMENT;
  return typeof id === 'string' ? id : undefined;
}

interface PointerTrack {
  pos: Point;
  down?: { at: Point; t: number };
}

/**
 * Only the first pointer source counts: a replayed screen has no multi-touch gestures (a pinch
 * would otherwise read as two swipes).
 */
export function interpretActions(sequences: readonly ActionSequence[], elementCenter: (elementId: string) => Point): InputEvent[] {
  const events: InputEvent[] = [];
  const finger = sequences.find((s) => s.type === 'pointer')?.id;
  const pointers = new Map<string, PointerTrack>();
  const emit = (e: InputEvent) => {
    const last = events[events.length - 1];
    if (e.kind === 'keys' && last?.kind === 'keys') last.text += e.text;
    else events.push(e);
  };
  let clock = 0;
  const ticks = Math.max(0, ...sequences.map((s) => s.actions.length));
  for (let i = 0; i < ticks; i++) {
    let tickMs = 0;
    for (const seq of sequences) {
      const a = seq.actions[i] as Record<string, any> | undefined;
      if (!a) continue;
      const duration = Number(a.duration ?? 0) || 0;
      tickMs = Math.max(tickMs, duration);
      if (seq.type === 'key' && a.type === 'keyDown') emit({ kind: 'keys', text: String(a.value) });
      if (seq.type === 'wheel' && a.type === 'scroll') {
        const dx = Number(a.deltaX) || 0;
        const dy = Number(a.deltaY) || 0;
        if (dx || dy) emit({ kind: 'scroll', gesture: Math.abs(dy) >= Math.abs(dx) ? (dy > 0 ? 'scroll-down' : 'scroll-up') : dx > 0 ? 'scroll-right' : 'scroll-left' });
      }
      if (seq.type !== 'pointer' || seq.id !== finger) continue;
      const p = pointers.get(seq.id) ?? { pos: { x: 0, y: 0 } };
      pointers.set(seq.id, p);
      if (a.type === 'pointerMove') {
        const x = Number(a.x) || 0;
        const y = Number(a.y) || 0;
        const el = elementIdOf(a.origin);
        const base = el ? elementCenter(el) : a.origin === 'pointer' ? p.pos : { x: 0, y: 0 };
        p.pos = { x: Math.round(base.x + x), y: Math.round(base.y + y) };
      } else if (a.type === 'pointerDown') {
        p.down = { at: p.pos, t: clock };
      } else if (a.type === 'pointerUp' && p.down) {
        const durationMs = clock + duration - p.down.t;
        const gesture = classifySwipe(p.down.at, p.pos);
        if (gesture) emit({ kind: 'swipe', from: p.down.at, to: p.pos, durationMs, gesture });
        else if (durationMs >= LONG_PRESS_MS) emit({ kind: 'long-press', at: p.down.at, durationMs });
        else emit({ kind: 'tap', at: p.down.at });
        p.down = undefined;
      }
    }
    clock += tickMs;
  }
  return events;
}
