import { describe, expect, it } from 'vitest';
import { idOf, replayFixture, replaySessions, screenName, tapAt } from './helpers.ts';

const mini = replayFixture('mini');

describe('taps', () => {
  const open = replaySessions();

  it('climbs from the deepest element to its clickable ancestor and matches elements inside it', async () => {
    // The row (clickable) holds an icon and the text 设置; the transition names the text.
    for (const [x, y] of [[200, 140], [40, 140], [395, 105]]) {
      const b = await open(mini);
      await tapAt(b, x, y);
      expect(await screenName(b), `tap at ${x},${y}`).toBe('detail');
    }
  });

  it('changes nothing on a dead spot (no clickable element, or no transition)', async () => {
    const b = await open(mini);
    await tapAt(b, 200, 30); // title, not clickable
    await tapAt(b, 350, 240); // a TextView 关于: same text as the button, but not clickable
    await tapAt(b, 200, 500); // inside the (non-clickable) ScrollView
    await tapAt(b, 200, 90); // between views
    expect(await screenName(b)).toBe('home');
  });

  it('matches selectors on content-desc, on class + text, and on any other attribute', async () => {
    const cases: [number, number, string][] = [
      [50, 240, 'search'], // content-desc 搜索
      [150, 240, 'about'], // class android.widget.Button + text 关于
      [250, 240, 'agreed'], // class CheckBox + checked="true"
    ];
    for (const [x, y, expected] of cases) {
      const b = await open(mini);
      await tapAt(b, x, y);
      expect(await screenName(b)).toBe(expected);
    }
  });

  it('clicks an element at its centre, through the same tap rules', async () => {
    const b = await open(mini);
    await (await b.$('//android.widget.TextView[@text="设置"]')).click();
    expect(await screenName(b)).toBe('detail');
    await (await b.$('id=btn_back')).click();
    expect(await screenName(b)).toBe('home');
    await (await b.$('~搜索')).click();
    expect(await screenName(b)).toBe('search');
  });

  it('supports mobile: clickGesture by point and by element', async () => {
    const b = await open(mini);
    await b.execute('mobile: clickGesture', { x: 150, y: 240 });
    expect(await screenName(b)).toBe('about');
    const b2 = await open(mini);
    const row = idOf(await b2.findElement('id', 'row_settings'));
    await b2.execute('mobile: clickGesture', { elementId: row });
    expect(await screenName(b2)).toBe('detail');
    const b3 = await open(mini);
    await b3.tap({ x: 50, y: 240 }); // WebdriverIO's tap goes through mobile: clickGesture
    expect(await screenName(b3)).toBe('search');
  });

  it('does not treat a long press as a tap', async () => {
    const b = await open(mini);
    await tapAt(b, 200, 140, 800);
    expect(await screenName(b)).toBe('home');
    await tapAt(b, 200, 140, 100);
    expect(await screenName(b)).toBe('detail');
  });
});
