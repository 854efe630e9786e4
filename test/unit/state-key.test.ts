import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePageSource } from '../../src/snapshot/parse.ts';
import { signatureOf, stateHash, salientTexts } from '../../crawlers/state-key.ts';
import { SAMPLE_APPS, sampleApp } from '../helpers/paths.ts';

const el = (cls: string, attrs: string, inner = '') =>
  `<${cls} class="${cls}" package="p.q" ${attrs} enabled="true" displayed="true">${inner}</${cls}>`;
const page = (body: string) => `<hierarchy class="hierarchy" width="1080" height="2340" rotation="0">${body}</hierarchy>`;
const row = (t: string, y: number) =>
  el('android.widget.LinearLayout', `resource-id="p.q:id/row" clickable="true" bounds="[0,${y}][1080,${y + 100}]"`, el('android.widget.TextView', `text="${t}" bounds="[0,${y}][1080,${y + 100}]"`));
const list = (rows: string[]) =>
  page(
    el('android.widget.TextView', 'resource-id="p.q:id/tv_title" text="新闻" bounds="[0,80][1080,200]"') +
      el('androidx.recyclerview.widget.RecyclerView', 'resource-id="p.q:id/list" scrollable="true" bounds="[0,200][1080,2200]"', rows.join('')),
  );
const key = (xml: string, activity = '.Main') => stateHash(signatureOf(parsePageSource(xml), { package: 'p.q', activity }));

describe('state abstraction', () => {
  it('the same list with other rows, or more rows, is the same state', () => {
    const a = key(list([row('甲', 200), row('乙', 300)]));
    expect(key(list([row('丙', 200), row('丁', 300), row('戊', 400), row('己', 500)]))).toBe(a);
  });

  it('texts that change by themselves do not make new states', () => {
    const timer = (t: string) => page(el('android.widget.TextView', `resource-id="p.q:id/study_time" text="本次学习时长 ${t}" bounds="[0,300][1080,400]"`));
    expect(key(timer('00:00:01'))).toBe(key(timer('00:12:31')));
  });

  it('different titles, activities or structures are different states', () => {
    const base = list([row('甲', 200)]);
    expect(key(base.replace('text="新闻"', 'text="通知"'))).not.toBe(key(base));
    expect(key(base, '.Other')).not.toBe(key(base));
    expect(key(base.replace('p.q:id/list', 'p.q:id/grid'))).not.toBe(key(base));
  });

  it('salient texts are titles and selected tabs, never list rows', () => {
    const xml = list([row('甲', 200)]).replace('</hierarchy>', el('android.widget.TextView', 'text="首页" selected="true" bounds="[0,2200][360,2340]"') + '</hierarchy>');
    expect(salientTexts(parsePageSource(xml))).toEqual(['title:新闻', 'selected:首页']);
  });

  it.each(SAMPLE_APPS)('every screen of %s is its own state', (app) => {
    const graph = JSON.parse(readFileSync(path.join(sampleApp(app), 'app.json'), 'utf8'));
    const keys = graph.states.map((s: { source: string; activity: string; package?: string }) =>
      stateHash(signatureOf(parsePageSource(readFileSync(path.join(sampleApp(app), s.source), 'utf8')), { package: s.package ?? graph.app.package, activity: s.activity })),
    );
    expect(new Set(keys).size).toBe(keys.length);
  });
});
