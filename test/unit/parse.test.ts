import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePageSource } from '../../src/snapshot/parse.ts';
import { labelOf, descendantsOf, ancestorsOf } from '../../src/snapshot/model.ts';
import { parseBounds, formatBounds, rectFromPoints, overlapRatio } from '../../src/geometry.ts';
import { FIXTURES, sampleApp } from '../helpers/paths.ts';

describe('parseBounds', () => {
  it.each([
    ['[0,0][1080,2340]', { x1: 0, y1: 0, x2: 1080, y2: 2340 }],
    ['[60,260][1020,380]', { x1: 60, y1: 260, x2: 1020, y2: 380 }],
    [' [-5,10][20,30] ', { x1: -5, y1: 10, x2: 20, y2: 30 }],
  ])('%s', (s, r) => {
    expect(parseBounds(s)).toEqual(r);
    expect(parseBounds(formatBounds(r))).toEqual(r);
  });
  it.each(['', '[0,0]', '0,0,1,1', '[a,b][c,d]', undefined])('rejects %s', (s) => expect(parseBounds(s)).toBeUndefined());
  it('quadrilateral to rectangle and overlap', () => {
    const r = rectFromPoints([[10.4, 20], [100, 19.6], [100.2, 40], [10, 40.5]]);
    expect(r).toEqual({ x1: 10, y1: 19, x2: 101, y2: 41 });
    expect(overlapRatio(r, { x1: 0, y1: 0, x2: 1000, y2: 1000 })).toBe(1);
    expect(overlapRatio(r, { x1: 500, y1: 500, x2: 600, y2: 600 })).toBe(0);
  });
});

describe('parsePageSource', () => {
  it('reads the UiAutomator2 format', () => {
    const s = parsePageSource(readFileSync(path.join(sampleApp('study-portal'), 'states/home.xml'), 'utf8'));
    expect(s.format).toBe('uiautomator2');
    expect([s.width, s.height]).toEqual([1080, 2340]);
    const btn = s.elements.find((e) => e.resourceId === 'cn.gov.example.study:id/btn_signin')!;
    expect(btn).toMatchObject({ className: 'android.widget.Button', text: '每日签到', clickable: true, displayed: true });
    expect(btn.bounds).toEqual({ x1: 60, y1: 260, x2: 1020, y2: 380 });
    const tab = s.elements.find((e) => e.resourceId.endsWith('tab_mine'))!;
    expect(labelOf(s, tab)).toBe('我的');
    expect(descendantsOf(s, tab).map((e) => e.className)).toEqual(['android.widget.ImageView', 'android.widget.TextView']);
    expect(ancestorsOf(s, tab).at(-1)!.parent).toBeUndefined();
    expect(s.elements.every((e, i) => e.id === i)).toBe(true);
  });

  it('reads a raw uiautomator dump with NAF and numeric character references', () => {
    const s = parsePageSource(readFileSync(path.join(FIXTURES, 'sources/adb-dump.xml'), 'utf8'));
    expect(s.format).toBe('adb-dump');
    expect(s.width).toBe(1080);
    expect(s.elements[1].text).toBe('热点🔥新闻');
    expect(s.elements[2]).toMatchObject({ naf: true, clickable: true, className: 'android.widget.ImageView' });
    expect(s.elements[3]).toMatchObject({ scrollable: true, className: 'androidx.recyclerview.widget.RecyclerView' });
    expect(s.elements[4].parent).toBe(3);
  });

  it.each([
    ['<hierarchy><node></hierarchy>', /bad\.xml: not well-formed XML/],
    ['<screen/>', /bad\.xml: root element must be <hierarchy>/],
    ['', /bad\.xml:/],
  ])('one clear error naming the file for %j', (xml, re) => {
    expect(() => parsePageSource(xml, 'bad.xml')).toThrowError(re);
  });
});
