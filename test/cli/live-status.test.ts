import { describe, expect, it } from 'vitest';
import { briefLine } from '../../src/log.ts';
import { clock, displayWidth, fitWidth, renderStatus } from '../../cli/live-status.ts';

describe('live status line', () => {
  const now = 1_000_000;
  it('shows phase, screens, actions against the budget, elapsed and time left, the current screen and the OCR queue', () => {
    const line = renderStatus({ phase: 'exploring', states: 9, actions: 47, maxActions: 500, deadline: now + 29 * 60_000 + 33_000, current: 's4', title: '我的', ocrQueue: 2 }, 0, 200, 27_000, now);
    expect(line).toBe('⠋ exploring · 9 screens · 47/500 actions · 0:27 · 29:33 left · s4 我的 · OCR queue 2');
  });
  it('leaves out what is not known yet', () => {
    expect(renderStatus({ phase: 'starting Appium', states: 0, actions: 0 }, 1, 200, 2_000, now)).toBe('⠙ starting Appium · 0 screens · 0 actions · 0:02');
  });
  it('never wraps: cut to the terminal width counting wide characters as two columns', () => {
    const line = renderStatus({ phase: 'exploring', states: 1, actions: 1, current: 's1', title: '某省干部网络学院学习平台首页推荐栏目' }, 0, 40, 0, now);
    expect(displayWidth(line)).toBeLessThanOrEqual(39);
    expect(line.endsWith('…')).toBe(true);
  });
  it('measures and cuts by columns', () => {
    expect(displayWidth('ab我的𠀀')).toBe(8);
    expect(fitWidth('我的我的我的', 7)).toBe('我的我…');
    expect(fitWidth('short', 10)).toBe('short');
    expect(clock(3_725_000)).toBe('1:02:05');
    expect(clock(-5)).toBe('0:00');
  });
  it('brief log lines: a mark, the message, the code and error', () => {
    expect(briefLine({ level: 40, msg: 'action failed', err: 'timeout' })).toBe('⚠ action failed: timeout');
    expect(briefLine({ level: 50, msg: 'crawl broke off', code: 'DEVICE_OFFLINE', err: { message: 'gone' } })).toBe('✗ crawl broke off (DEVICE_OFFLINE): gone');
  });
});
