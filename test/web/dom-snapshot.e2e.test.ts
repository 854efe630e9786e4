import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Snapshot, UiElement } from '../../src/snapshot/model.ts';
import { descendantsOf } from '../../src/snapshot/model.ts';
import { openWebDevice } from '../../src/web/open-web-device.ts';
import type { WebDevice } from '../../src/web/web-device.ts';
import { startStaticServer, type StaticServer } from '../helpers/static-server.ts';
import { h5Fixture, snap } from './h5-helpers.ts';

/** The DOM walk on one page of awkward shapes, in real Chromium. */
describe('collectDom', () => {
  let server: StaticServer;
  let dev: WebDevice;
  let s: Snapshot;
  const id = (rid: string): UiElement => s.elements.find((e) => e.resourceId === rid)!;
  beforeAll(async () => {
    server = await startStaticServer(h5Fixture('dom-cases'));
    dev = await openWebDevice({ appiumUrl: inject('appiumUrl'), url: `${server.url}/index.html` });
    s = await snap(dev);
  });
  afterAll(async () => {
    await dev?.close();
    await server?.close();
  });

  it('keeps a text block with inline markup as one text', () => {
    expect(id('mixed')).toMatchObject({ className: 'android.widget.TextView', text: '主办单位：某市人民政府办公厅' });
  });

  it('splits a block around a link: own text on the block, the link its own element', () => {
    const p = id('with-link');
    expect(p.text).toBe('请阅读');
    expect(descendantsOf(s, p).map((e) => [e.text, e.clickable])).toEqual([['隐私政策', true]]);
  });

  it('flags text that CSS cuts off, keeping the full text', () => {
    expect(id('clipped').text).toBe('主办单位：某某省某某市某某区人民政府办公厅信息中心');
    expect(id('clipped').attrs['web-truncated']).toBe('true');
    expect(id('mixed').attrs['web-truncated']).toBeUndefined();
  });

  it('skips what is not shown, and what a non-scrolling overflow clips away', () => {
    const texts = s.elements.map((e) => e.text);
    for (const t of ['隐藏的文字一', '隐藏的文字二', '隐藏的文字三', '隐藏的文字四', '第二张']) expect(texts).not.toContain(t);
    expect(texts).toContain('第一张');
    expect(id('in-contents').text).toBe('展开容器里的段落');
  });

  it('keeps an element below the fold, not displayed', () => {
    expect(id('far')).toMatchObject({ text: '页面底部', displayed: false });
    expect(id('far').bounds.y1).toBeGreaterThan(s.height);
  });

  it('finds clickables: an icon link (with its image and label), cursor:pointer, role=button', () => {
    const link = id('icon-link');
    expect(link).toMatchObject({ className: 'android.view.View', clickable: true });
    expect(descendantsOf(s, link).map((e) => [e.className, e.text || e.contentDesc])).toEqual([
      ['android.widget.ImageView', '首页图标'],
      ['android.widget.TextView', '首页'],
    ]);
    expect(id('pointer-card')).toMatchObject({ clickable: true, text: '办事 指南' });
    expect(id('aria-btn')).toMatchObject({ className: 'android.widget.Button', clickable: true, text: '确定' });
    expect(id('bg-logo').className).toBe('android.widget.ImageView');
  });

  it('maps form controls', () => {
    expect(id('agree')).toMatchObject({ className: 'android.widget.CheckBox', checkable: true, checked: true, contentDesc: '我已阅读并同意' });
    expect(id('city')).toMatchObject({ className: 'android.widget.Spinner', text: '上海市', clickable: true });
    expect(id('pwd')).toMatchObject({ className: 'android.widget.EditText', password: true, text: '•••', hint: '请输入密码' });
    expect(id('q')).toMatchObject({ className: 'android.widget.EditText', contentDesc: '搜索', hint: '搜索事项' });
    expect(id('login')).toMatchObject({ className: 'android.widget.Button', text: '登录', clickable: true });
    expect(id('editor')).toMatchObject({ className: 'android.widget.EditText', text: '可编辑' });
    expect(s.elements.some((e) => e.text === 'secret')).toBe(false);
  });

  it('leaves the walked elements reachable for typing (window.__govappEls)', async () => {
    await dev.type('~搜索', '社保');
    expect((await snap(dev)).elements.find((e) => e.resourceId === 'q')!.text).toBe('社保');
  });
});
