import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openWebDevice } from '../../src/web/open-web-device.ts';
import type { WebDevice } from '../../src/web/web-device.ts';
import { startStaticServer, type StaticServer } from '../helpers/static-server.ts';
import { byText, h5Fixture, snap, tapText, until } from './h5-helpers.ts';

/** WebDevice on real Chromium (mobile emulation) through Appium's chromium driver, on the H5 fixtures. */
describe('WebDevice on service-h5', () => {
  let server: StaticServer;
  let dev: WebDevice;
  beforeAll(async () => {
    server = await startStaticServer(h5Fixture('service-h5'));
    dev = await openWebDevice({ appiumUrl: inject('appiumUrl'), url: `${server.url}/index.html` });
  });
  afterAll(async () => {
    await dev?.close();
    await server?.close();
  });

  it('page source parses, names the page origin as package, and matches the screenshot size', async () => {
    const s = await snap(dev);
    const png = await sharp(await dev.screenshot()).metadata();
    expect([s.width, s.height]).toEqual([png.width, png.height]);
    expect([dev.info.width, dev.info.height]).toEqual([png.width, png.height]);
    expect(s.elements[0].package).toBe(server.url);
    for (const t of ['某市政务服务', '办事指南', '意见反馈', '关于我们', '备案号：京ICP备12345678号-3A']) byText(s, t);
    for (const e of s.elements.filter((e) => e.displayed)) {
      expect(e.bounds.x1).toBeGreaterThanOrEqual(0);
      expect(e.bounds.y2).toBeLessThanOrEqual(png.height!);
      expect(e.bounds.x2).toBeLessThanOrEqual(png.width!);
    }
    expect(byText(s, '关于我们')).toMatchObject({ clickable: true, attrs: expect.objectContaining({ href: `${server.url}/about.html` }) });
    expect(await dev.currentApp()).toEqual({ package: server.url, activity: '/index.html' });
  });

  it('bounds sit on the pixels they name (the header bar is blue, the page behind it is not)', async () => {
    const s = await snap(dev);
    const header = s.elements.find((e) => e.attrs['web-tag'] === 'header')!;
    const { data, info } = await sharp(await dev.screenshot()).raw().toBuffer({ resolveWithObject: true });
    const px = (x: number, y: number) => Array.from(data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3));
    expect(px(5, header.bounds.y2 - 3)).toEqual([0x1f, 0x5f, 0xbf]);
    expect(px(5, header.bounds.y2 + 3)).not.toEqual([0x1f, 0x5f, 0xbf]);
  });

  it('a tap on a link navigates; back returns', async () => {
    await tapText(dev, '关于我们');
    expect((await dev.currentApp()).activity).toBe('/about.html');
    byText(await snap(dev), '主办单位：某市人民政府办公厅');
    await dev.back();
    expect((await dev.currentApp()).activity).toBe('/index.html');
    byText(await snap(dev), '办事指南');
  });

  it('an external link leaves the app (another package) and back comes home', async () => {
    const link = byText(await snap(dev), '中国政府网');
    expect(link.attrs.href).toBe('https://www.gov.cn/');
    await tapText(dev, '中国政府网');
    expect((await dev.currentApp()).package).toBe('https://www.gov.cn');
    expect(await dev.appState(dev.appId)).toBe(1);
    await dev.back();
    expect(await dev.currentApp()).toEqual({ package: server.url, activity: '/index.html' });
    expect(await dev.appState(dev.appId)).toBe(4);
  });

  it('target=_blank and window.open stay in the same tab', async () => {
    const s = await snap(dev);
    expect(byText(s, '办事指南（新窗口）').attrs['web-target']).toBe('_blank');
    await tapText(dev, '办事指南（新窗口）');
    expect(await dev.browser.getWindowHandles()).toHaveLength(1);
    expect((await dev.currentApp()).activity).toBe('/guide.html');
    await dev.back();
    await dev.browser.execute('window.open("about.html", "_blank")');
    await until(async () => (await dev.currentApp()).activity === '/about.html');
    expect(await dev.browser.getWindowHandles()).toHaveLength(1);
    await dev.back();
    expect((await dev.currentApp()).activity).toBe('/index.html');
  });

  it('a swipe scrolls the scrolling container under the finger', async () => {
    await tapText(dev, '办事指南');
    let s = await snap(dev);
    const list = s.elements.find((e) => e.resourceId === 'guide-list')!;
    expect(list).toMatchObject({ className: 'android.widget.ScrollView', scrollable: true });
    const last = () => s.elements.find((e) => e.text === '法律援助')!;
    expect(last().displayed).toBe(false);
    const cx = Math.floor((list.bounds.x1 + list.bounds.x2) / 2);
    await dev.swipe({ x: cx, y: list.bounds.y2 - 30 }, { x: cx, y: list.bounds.y1 + 30 });
    await dev.swipe({ x: cx, y: list.bounds.y2 - 30 }, { x: cx, y: list.bounds.y1 + 30 });
    s = await snap(dev);
    expect(last().displayed).toBe(true);
    expect(last().bounds.y2).toBeLessThanOrEqual(list.bounds.y2);
    await dev.back();
  });

  it('typing into the feedback textarea shows the text in the next page source; the form is never sent', async () => {
    await tapText(dev, '意见反馈');
    const area = (await snap(dev)).elements.find((e) => e.className === 'android.widget.EditText')!;
    expect(area).toMatchObject({ resourceId: 'content', contentDesc: '反馈内容', hint: '请输入您的意见或建议（500字以内）', text: '' });
    const text = '测试𠀀𪚥㐀';
    await dev.type('id=content', text);
    expect((await snap(dev)).elements.find((e) => e.resourceId === 'content')!.text).toBe(text);
    await dev.type('//android.widget.EditText', '第二次');
    expect((await snap(dev)).elements.find((e) => e.resourceId === 'content')!.text).toBe('第二次');
    await dev.clear(`bounds=[${area.bounds.x1},${area.bounds.y1}][${area.bounds.x2},${area.bounds.y2}]`);
    expect((await snap(dev)).elements.find((e) => e.resourceId === 'content')!.text).toBe('');
    await dev.type('~反馈内容', 'x');
    expect((await snap(dev)).elements.find((e) => e.resourceId === 'content')!.text).toBe('x');
    expect(server.requests.some((r) => r.includes('feedback-done'))).toBe(false);
    await dev.back();
  });

  it('terminateApp leaves the app, activateApp opens the start page again', async () => {
    await dev.terminateApp(dev.appId);
    expect(await dev.appState(dev.appId)).toBe(1);
    await dev.activateApp(dev.appId);
    expect(await dev.currentApp()).toEqual({ package: server.url, activity: '/index.html' });
    expect(await dev.appState(dev.appId)).toBe(4);
  });
});

describe('WebDevice on study-h5', () => {
  let server: StaticServer;
  let dev: WebDevice;
  beforeAll(async () => {
    server = await startStaticServer(h5Fixture('study-h5'));
    dev = await openWebDevice({ appiumUrl: inject('appiumUrl'), url: `${server.url}/index.html` });
  });
  afterAll(async () => {
    await dev?.close();
    await server?.close();
  });

  it('finds script-bound clickables: onclick buttons and addEventListener targets', async () => {
    const s = await snap(dev);
    expect(byText(s, '每日签到')).toMatchObject({ className: 'android.widget.Button', clickable: true });
    expect(byText(s, '课程学习')).toMatchObject({ clickable: true, resourceId: 'entry-course' });
    expect(byText(s, '首页').selected).toBe(true);
  });

  it('a tap on a listener-bound div navigates, and the study timer ticks in the page source', async () => {
    await tapText(dev, '课程学习');
    expect((await dev.currentApp()).activity).toBe('/course.html');
    const timer = async () => (await snap(dev)).elements.find((e) => e.resourceId === 'study-time')!.text;
    const first = await timer();
    expect(first).toMatch(/^本次学习时长 \d\d:\d\d:\d\d$/);
    await until(async () => (await timer()) !== first, 3000);
    await dev.back();
  });

  it('check-in leads to 签到成功; the ranking is a list of numbered rows with scores', async () => {
    await tapText(dev, '每日签到');
    byText(await snap(dev), '签到成功');
    await dev.back();
    await tapText(dev, '学习积分');
    const s = await snap(dev);
    const list = s.elements.find((e) => e.resourceId === 'rank-list')!;
    expect(list.className).toBe('android.widget.ListView');
    const rows = list.children.map((i) => s.elements[i]);
    expect(rows).toHaveLength(20);
    expect(rows[0].children.map((i) => s.elements[i].text)).toEqual(['1', '张**', '1520分']);
    expect(rows.at(-1)!.displayed).toBe(false);
  });

  it('a swipe on the page scrolls the document', async () => {
    const before = byText(await snap(dev), '积分排行榜').bounds;
    await dev.swipe({ x: 540, y: 1800 }, { x: 540, y: 600 });
    const after = (await snap(dev)).elements.find((e) => e.text === '积分排行榜')!.bounds;
    expect(before.y1 - after.y1).toBeGreaterThan(1000);
    expect(dev.lastDom()!.scroll.y).toBeGreaterThan(300);
  });
});

describe('WebDevice on a file: URL', () => {
  let dev: WebDevice;
  const dir = h5Fixture('study-h5');
  beforeAll(async () => {
    dev = await openWebDevice({ appiumUrl: inject('appiumUrl'), url: pathToFileURL(`${dir}/index.html`).href });
  });
  afterAll(async () => {
    await dev?.close();
  });

  it('scopes the app to the start page directory', async () => {
    expect(dev.appId).toBe(pathToFileURL(dir).href);
    expect(await dev.currentApp()).toEqual({ package: dev.appId, activity: `${pathToFileURL(dir).pathname}/index.html` });
    expect((await snap(dev)).elements[0].package).toBe(dev.appId);
    await tapText(dev, '学习积分');
    expect(await dev.currentApp()).toMatchObject({ package: dev.appId, activity: `${pathToFileURL(dir).pathname}/points.html` });
  });
});
