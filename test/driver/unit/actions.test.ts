import type { ActionSequence } from '@appium/types';
import { describe, expect, it } from 'vitest';
import { classifySwipe, interpretActions } from '../../../drivers/replay/lib/actions.ts';

const finger = (actions: Record<string, unknown>[], id = 'finger1') =>
  ({ type: 'pointer', id, parameters: { pointerType: 'touch' }, actions }) as ActionSequence;
const noElements = () => {
  throw new Error('no element expected');
};

describe('classifySwipe', () => {
  it('names the gesture by where the content goes (finger up = scroll-down), by dominant direction', () => {
    const o = { x: 500, y: 500 };
    expect(classifySwipe(o, { x: 500, y: 100 })).toBe('scroll-down');
    expect(classifySwipe(o, { x: 500, y: 900 })).toBe('scroll-up');
    expect(classifySwipe(o, { x: 100, y: 500 })).toBe('scroll-right');
    expect(classifySwipe(o, { x: 900, y: 500 })).toBe('scroll-left');
    expect(classifySwipe(o, { x: 700, y: 250 })).toBe('scroll-down');
    expect(classifySwipe(o, { x: 200, y: 650 })).toBe('scroll-right');
    expect(classifySwipe(o, { x: 510, y: 490 })).toBeUndefined();
  });
});

describe('interpretActions', () => {
  it('reads a tap, a long press and a swipe (durations from pauses and moves)', () => {
    const events = interpretActions(
      [
        finger([
          { type: 'pointerMove', x: 10, y: 20 }, { type: 'pointerDown', button: 0 }, { type: 'pause', duration: 80 }, { type: 'pointerUp', button: 0 },
          { type: 'pointerDown', button: 0 }, { type: 'pause', duration: 700 }, { type: 'pointerUp', button: 0 },
          { type: 'pointerMove', x: 200, y: 700 }, { type: 'pointerDown', button: 0 },
          { type: 'pointerMove', duration: 300, x: 200, y: 100 }, { type: 'pointerUp', button: 0 },
        ]),
      ],
      noElements,
    );
    expect(events).toEqual([
      { kind: 'tap', at: { x: 10, y: 20 } },
      { kind: 'long-press', at: { x: 10, y: 20 }, durationMs: 700 },
      { kind: 'swipe', from: { x: 200, y: 700 }, to: { x: 200, y: 100 }, durationMs: 300, gesture: 'scroll-down' },
    ]);
  });

  it('resolves element and pointer origins', () => {
    const events = interpretActions(
      [
        finger([
          { type: 'pointerMove', x: 5, y: 0, origin: { 'element-6066-11e4-a52e-4f735466cecf': 's1.3' } },
          { type: 'pointerDown', button: 0 },
          { type: 'pointerMove', x: -300, y: 0, origin: 'pointer', duration: 100 },
          { type: 'pointerUp', button: 0 },
        ]),
      ],
      (id) => (id === 's1.3' ? { x: 400, y: 300 } : noElements()),
    );
    expect(events).toEqual([{ kind: 'swipe', from: { x: 405, y: 300 }, to: { x: 105, y: 300 }, durationMs: 100, gesture: 'scroll-right' }]);
  });

  it('collects typed keys in order with taps, and reads wheel scrolls', () => {
    const events = interpretActions(
      [
        finger([{ type: 'pointerMove', x: 1, y: 2 }, { type: 'pointerDown', button: 0 }, { type: 'pointerUp', button: 0 }]),
        {
          type: 'key', id: 'kb',
          actions: [{ type: 'pause', duration: 0 }, { type: 'pause', duration: 0 }, { type: 'pause', duration: 0 },
            { type: 'keyDown', value: 'a' }, { type: 'keyUp', value: 'a' }, { type: 'keyDown', value: '𠀀' }, { type: 'keyUp', value: '𠀀' }],
        },
        { type: 'wheel', id: 'w', actions: [{ type: 'pause', duration: 0 }, { type: 'pause', duration: 0 }, { type: 'pause', duration: 0 }, { type: 'pause', duration: 0 }, { type: 'pause', duration: 0 }, { type: 'pause', duration: 0 }, { type: 'pause', duration: 0 }, { type: 'scroll', x: 0, y: 0, deltaX: 0, deltaY: 120 }] },
      ],
      noElements,
    );
    expect(events).toEqual([{ kind: 'tap', at: { x: 1, y: 2 } }, { kind: 'keys', text: 'a𠀀' }, { kind: 'scroll', gesture: 'scroll-down' }]);
  });
});

describe('multi-touch', () => {
  it('reads only the first pointer, so a pinch is not two swipes', () => {
    const spread = (id: string, dy: number) =>
      finger([{ type: 'pointerMove', x: 200, y: 400 }, { type: 'pointerDown', button: 0 }, { type: 'pointerMove', x: 200, y: 400 + dy, duration: 100 }, { type: 'pointerUp', button: 0 }], id);
    expect(interpretActions([spread('f1', -200), spread('f2', 200)], noElements)).toEqual([
      { kind: 'swipe', from: { x: 200, y: 400 }, to: { x: 200, y: 200 }, durationMs: 100, gesture: 'scroll-down' },
    ]);
  });
});
