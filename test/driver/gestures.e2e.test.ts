import { describe, expect, it } from 'vitest';
import { replayFixture, replaySessions, screenName, swipe } from './helpers.ts';

const mini = replayFixture('mini');

describe('swipes', () => {
  const open = replaySessions();

  it('classifies a W3C swipe by its dominant direction (finger up = scroll-down)', async () => {
    const cases: [{ x: number; y: number }, { x: number; y: number }, string][] = [
      [{ x: 200, y: 600 }, { x: 200, y: 350 }, 'feed-down'], // finger moves up
      [{ x: 200, y: 350 }, { x: 200, y: 600 }, 'feed-up'], // finger moves down
      [{ x: 350, y: 500 }, { x: 50, y: 500 }, 'feed-right'], // finger moves left
      [{ x: 50, y: 500 }, { x: 350, y: 500 }, 'feed-left'], // finger moves right
      [{ x: 100, y: 650 }, { x: 160, y: 400 }, 'feed-down'], // diagonal, mostly up
      [{ x: 350, y: 400 }, { x: 100, y: 460 }, 'feed-right'], // diagonal, mostly left
    ];
    for (const [from, to, expected] of cases) {
      const b = await open(mini);
      await swipe(b, from, to);
      expect(await screenName(b), `${JSON.stringify(from)} → ${JSON.stringify(to)}`).toBe(expected);
      // Gestures replace the top by default: one back leaves the app.
      await b.back();
      expect(await screenName(b)).toBe('launcher');
    }
  });

  it('treats a move within the touch slop as a tap, and a swipe without a transition as nothing', async () => {
    const b = await open(mini);
    await swipe(b, { x: 200, y: 140 }, { x: 210, y: 145 }); // on the 设置 row
    expect(await screenName(b)).toBe('detail');
    await swipe(b, { x: 200, y: 600 }, { x: 200, y: 200 }); // detail has no gestures
    expect(await screenName(b)).toBe('detail');
  });

  it('supports mobile: swipeGesture (finger direction) and mobile: scrollGesture (content direction)', async () => {
    const swipes: [string, string][] = [['up', 'feed-down'], ['down', 'feed-up'], ['left', 'feed-right'], ['right', 'feed-left']];
    for (const [direction, expected] of swipes) {
      const b = await open(mini);
      await b.execute('mobile: swipeGesture', { left: 0, top: 300, width: 400, height: 400, direction, percent: 0.8 });
      expect(await screenName(b), `swipeGesture ${direction}`).toBe(expected);
    }
    const scrolls: [string, string][] = [['down', 'feed-down'], ['up', 'feed-up'], ['left', 'feed-left'], ['right', 'feed-right']];
    for (const [direction, expected] of scrolls) {
      const b = await open(mini);
      expect(await b.execute('mobile: scrollGesture', { left: 0, top: 300, width: 400, height: 400, direction, percent: 1 })).toBe(true);
      expect(await screenName(b), `scrollGesture ${direction}`).toBe(expected);
      expect(await b.execute('mobile: scrollGesture', { left: 0, top: 300, width: 400, height: 400, direction, percent: 1 })).toBe(false);
    }
  });

  it('works with WebdriverIO’s own swipe command', async () => {
    const b = await open(mini);
    await b.swipe({ direction: 'up', duration: 200 }); // finger up over the ScrollView
    expect(await screenName(b)).toBe('feed-down');
  });
});
