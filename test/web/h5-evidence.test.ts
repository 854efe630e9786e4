import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { stepShowing } from '../../detectors/lib/evidence.ts';
import { runDetectors } from '../../detectors/run.ts';
import { annotateFindings, annotatedPath } from '../../reports/annotate.ts';
import { loadBundleData } from '../../reports/bundle-data.ts';
import { buildReportView } from '../../reports/html/render.ts';
import { blockedText, reportHtml } from '../../reports/html/page.ts';
import { readObservation } from '../../src/bundle/read.ts';
import { BundleWriter } from '../../src/bundle/writer.ts';
import type { ReadStep } from '../../src/device/device.ts';
import { buildFindings } from '../../src/findings/build.ts';
import type { CrawlObservation, ObservedScreen } from '../../src/observation.ts';
import { mergeTexts } from '../../src/ocr/merge.ts';
import { parsePageSource } from '../../src/snapshot/parse.ts';
import { blockedRequests } from '../../src/web/blocked.ts';
import { footerShotPositions } from '../../src/web/footer-shots.ts';
import { domToPageSource } from '../../src/web/to-source.ts';
import { node, page } from './dom-literals.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A 360×780 @3x portal article: header text on screen, the footer 12 000 CSS px down (read through, off screen). */
function article(o: { blocked?: string[]; blockedHosts?: string[]; blockedCount?: number } = {}) {
  const far = (y: number, text: string, o: Parameters<typeof node>[2] = {}) =>
    node(1, 'p', { text, rect: { x: 10, y, width: 340, height: 30 }, visible: undefined, read: true, footer: true, ...o });
  return page(
    [
      node(0, 'body', { rect: { x: 0, y: 0, width: 360, height: 12_200 }, visible: { x: 0, y: 0, width: 360, height: 780 } }),
      node(1, 'h1', { text: '关于开展冬季消防安全检查的通知', rect: { x: 10, y: 20, width: 340, height: 40 } }),
      node(1, 'p', { text: '来源：某市应急管理局', rect: { x: 10, y: 70, width: 340, height: 24 } }),
      far(12_000, '主办单位：某市人民政府办公厅'),
      far(12_040, '浙ICP备05070602号-1'),
      far(12_080, '违法和不良信息举报', { tag: 'a', role: 'link', href: 'https://www.12377.cn/', clickable: true }),
    ],
    { title: '关于开展冬季消防安全检查的通知', ...o },
  );
}

async function png(background = '#ffffff'): Promise<Buffer> {
  return sharp({ create: { width: 1080, height: 2340, channels: 3, background } }).png().toBuffer();
}

/** RGB of one pixel of a PNG file. */
async function pixel(file: string, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(file).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * 3;
  return [data[i], data[i + 1], data[i + 2]];
}

describe('blocked requests of a web screen', () => {
  it('are read from the document element: URLs, their hosts and the total count', () => {
    const s = parsePageSource(domToPageSource(article({ blocked: ['http://hm.example.com/hm.js', 'https://res.wx.example.net/share.js'], blockedHosts: ['hm.example.com', 'res.wx.example.net'], blockedCount: 73 })));
    expect(blockedRequests(s)).toEqual({ count: 73, hosts: ['hm.example.com', 'res.wx.example.net'], urls: ['http://hm.example.com/hm.js', 'https://res.wx.example.net/share.js'] });
  });
  it('give hosts from the URLs for a source written before hosts and counts were recorded', () => {
    const s = parsePageSource(domToPageSource(article({ blocked: ['http://127.0.0.2:9/hm.js', 'http://127.0.0.2:9/share.js', 'http://cdn.example.org/a.css'] })));
    expect(blockedRequests(s)).toEqual({ count: 3, hosts: ['127.0.0.2:9', 'cdn.example.org'], urls: ['http://127.0.0.2:9/hm.js', 'http://127.0.0.2:9/share.js', 'http://cdn.example.org/a.css'] });
  });
  it('are absent when nothing was blocked or the screen is native', () => {
    expect(blockedRequests(parsePageSource(domToPageSource(article({ blocked: [] }))))).toBeUndefined();
    expect(blockedRequests(parsePageSource('<hierarchy rotation="0"><node class="android.widget.FrameLayout" bounds="[0,0][1080,2340]" /></hierarchy>'))).toBeUndefined();
  });
  it('are said in Chinese with the hosts first and the rest counted', () => {
    expect(blockedText({ count: 9, hosts: ['a.example', 'b.example', 'c.example', 'd.example', 'e.example', 'f.example'] })).toBe(
      '9 个（a.example、b.example、c.example、d.example、e.example 等 6 个域名），均不属于被检应用，浏览器未予加载',
    );
  });
});

describe('where the footer below the fold is photographed', () => {
  it('from the footer end upward, viewports overlapping, the last ending a little below it', () => {
    // Footer lines at 12 000–12 110 CSS px on a 780 px viewport scrolled to 0: one picture.
    expect(footerShotPositions(article())).toEqual([11_369]);
  });
  it('a tall footer in several pictures, at most four, from its end', () => {
    const tall = article();
    tall.nodes.push(node(1, 'div', { text: '友情链接', rect: { x: 0, y: 9_000, width: 360, height: 30 }, visible: undefined, read: true, footer: true }));
    expect(footerShotPositions(tall)).toEqual([9_263, 9_965, 10_667, 11_369]);
    expect(footerShotPositions(tall, 2)).toEqual([10_667, 11_369]);
  });
  it('none when the footer is on screen, was never read, or there is none', () => {
    const onScreen = article();
    for (const n of onScreen.nodes) if (n.footer) n.visible = n.rect;
    expect(footerShotPositions(onScreen)).toEqual([]);
    const unread = article();
    for (const n of unread.nodes) n.read = undefined;
    expect(footerShotPositions(unread)).toEqual([]);
    expect(footerShotPositions(page([node(0, 'p', { text: '正文' })]))).toEqual([]);
  });
  it('counts from the document top when the screen is scrolled', () => {
    const scrolled = article();
    scrolled.scroll = { x: 0, y: 2_000 };
    for (const n of scrolled.nodes) n.rect = { ...n.rect, y: n.rect.y - 2_000 };
    expect(footerShotPositions(scrolled)).toEqual([11_369]);
  });
});

describe('the step of a read-through that shows a box', () => {
  const steps = [1, 2, 3].map((n) => ({ screenshot: `states/s1.read${n}.png`, offset: n * 2106, height: 2340 }));
  it('is the first holding the whole box, its bounds moved into the step image', () => {
    expect(stepShowing(steps, [30, 4500, 1050, 4590])).toEqual({ screenshot: 'states/s1.read2.png', bounds: [30, 288, 1050, 378] });
  });
  it('else the first holding its top edge (a box taller than the rest of the step is cut at its bottom)', () => {
    expect(stepShowing(steps, [0, 6600, 10, 9000])).toEqual({ screenshot: 'states/s1.read3.png', bounds: [0, 282, 10, 2340] });
  });
  it('is none below the last step or without steps', () => {
    expect(stepShowing(steps, [0, 9000, 10, 9010])).toBeUndefined();
    expect(stepShowing(undefined, [0, 9000, 10, 9010])).toBeUndefined();
  });
});

describe('footer evidence on a step screenshot, through the bundle and the report', () => {
  it('points 4.2, 5 and 6.h at the step that shows the footer; only cited steps are written; the report card shows the step image and the blocked hosts', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'govapp-h5-steps-'));
    dirs.push(dir);
    const dom = article({ blocked: ['http://hm.example.com/hm.js'], blockedHosts: ['hm.example.com'], blockedCount: 1 });
    const source = domToPageSource(dom, { package: 'zwfw.example.gov.cn' });
    const shot = await png();
    const stepShot = await png('#204080');
    // 12 000 CSS px = 36 000 screen px: steps every 0.9 viewport (2106 px); the footer is on step 17.
    const steps: ReadStep[] = Array.from({ length: 18 }, (_, i) => ({ offset: Math.min((i + 1) * 2106, 36_600 - 2340), height: 2340, png: stepShot }));
    const writer = new BundleWriter(dir, { app: { package: 'zwfw.example.gov.cn', label: '某市政务' }, device: { width: 1080, height: 2340 } }, { readSteps: () => steps });
    const snapshot = parsePageSource(source);
    const screen: ObservedScreen = { state: 's1', screenshot: 'states/s1.png', source: 'states/s1.xml', package: 'zwfw.example.gov.cn', activity: '/index.html', inApp: true, snapshot, texts: mergeTexts(snapshot, undefined), firstSeenMs: 0, path: [] };
    writer.addScreen(screen, source, shot);
    expect(screen.readSteps).toHaveLength(18);

    const obs: CrawlObservation = { app: { package: 'zwfw.example.gov.cn' }, screens: [screen], actions: [], probes: [], stopReason: 'explored', coverage: { screens: 1, actionsTried: 0, actionsLeft: 0, refused: 0, walls: [] } };
    const results = runDetectors(obs);
    const ev = (clause: string) => results.find((r) => r.clause === clause)!.evidence[0];
    for (const clause of ['4.2', '5', '6.h']) {
      expect(results.find((r) => r.clause === clause)!.verdict, clause).toBe('pass');
      expect(ev(clause).screenshot, clause).toBe('states/s1.read17.png');
      expect(ev(clause).note, clause).toBe('来自页面页脚（位于首屏以下，截图为滚动浏览整页至该处时所摄）');
    }
    // 主办单位 at y = 36 000 on the screen; the last steps stop at the document's end (36 600 − 2340 = 34 260).
    expect(ev('4.2').bounds).toEqual([30, 1740, 1050, 1830]);

    const findings = buildFindings(obs.app, { startedAt: new Date(0), finishedAt: new Date(1000), states: 1, actions: 0, stopReason: 'explored', coverage: obs.coverage }, results);
    writer.writeFindings(findings);
    expect(existsSync(path.join(dir, 'states/s1.read17.png'))).toBe(true);
    expect(existsSync(path.join(dir, 'states/s1.read1.png'))).toBe(false);
    const entry = JSON.parse(readFileSync(path.join(dir, 'screens.json'), 'utf8'))[0];
    expect(entry.readSteps).toEqual([{ screenshot: 'states/s1.read17.png', offset: 34_260, height: 2340 }]);
    expect(entry.blocked).toEqual({ count: 1, hosts: ['hm.example.com'], urls: ['http://hm.example.com/hm.js'] });

    // `govapp analyze` sees the saved step and places the evidence the same way.
    const again = runDetectors(readObservation(dir));
    expect(again.find((r) => r.clause === '4.2')!.evidence[0]).toEqual(ev('4.2'));

    const view = await buildReportView(loadBundleData(dir, findings));
    const card = view.clauses.find((c) => c.clause === '4.2')!.evidence[0];
    expect(card.original).toBe('states/s1.read17.png');
    expect(card.image).toMatch(/^data:image\//);
    expect(card.blocked).toMatchObject({ count: 1, hosts: ['hm.example.com'] });
    // The annotated evidence picture is the step image with the box drawn where the footer line is.
    await annotateFindings(dir, findings, { screenWidth: 1080 });
    const annotated = path.join(dir, annotatedPath('4.2', 0));
    expect(await pixel(annotated, 5, 5)).toEqual([0x20, 0x40, 0x80]);
    expect(await pixel(annotated, 30, 1785)).not.toEqual([0x20, 0x40, 0x80]);
    expect(reportHtml(view)).toContain('已拦截的外部请求</dt><dd>1 个（hm.example.com），均不属于被检应用，浏览器未予加载');
  });

  it('drops the oldest uncited steps beyond the memory budget, and no screen offers them any more', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'govapp-h5-steps-'));
    dirs.push(dir);
    const shot = await png();
    const source = domToPageSource(article(), { package: 'zwfw.example.gov.cn' });
    const writer = new BundleWriter(dir, { app: { package: 'zwfw.example.gov.cn' }, device: { width: 1080, height: 2340 } }, { readSteps: () => [1, 2].map((n) => ({ offset: n * 2106, height: 2340, png: shot })), maxPendingStepBytes: shot.length * 3 });
    const screens = ['s1', 's2'].map((state): ObservedScreen => {
      const snapshot = parsePageSource(source);
      return { state, screenshot: `states/${state}.png`, source: `states/${state}.xml`, package: 'zwfw.example.gov.cn', activity: '/a.html', inApp: true, snapshot, texts: mergeTexts(snapshot, undefined), firstSeenMs: 0, path: [] };
    });
    for (const s of screens) writer.addScreen(s, source, shot);
    expect(screens[0].readSteps!.map((r) => r.screenshot)).toEqual(['states/s1.read2.png']);
    expect(screens[1].readSteps!.map((r) => r.screenshot)).toEqual(['states/s2.read1.png', 'states/s2.read2.png']);
  });
});
