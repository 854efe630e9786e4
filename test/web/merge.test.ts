import { describe, expect, it } from 'vitest';
import { parsePageSource } from '../../src/snapshot/parse.ts';
import { descendantsOf } from '../../src/snapshot/model.ts';
import { findWebviews, markUninspected, markWebOrigin, mergeWebIntoSource, placementFor } from '../../src/web/merge.ts';
import { node, page } from './dom-literals.ts';

const A = 'checkable="false" checked="false" clickable="false" enabled="true" focusable="false" focused="false" long-clickable="false" password="false" scrollable="false" selected="false" displayed="true"';
const NATIVE = `<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
<hierarchy index="0" class="hierarchy" rotation="0" width="1080" height="2340">
  <android.widget.FrameLayout index="0" package="cn.gov.example.hybrid" class="android.widget.FrameLayout" text="" ${A} bounds="[0,0][1080,2340]">
    <android.widget.TextView index="0" package="cn.gov.example.hybrid" class="android.widget.TextView" text="某市政务服务" resource-id="cn.gov.example.hybrid:id/tv_title" ${A} bounds="[0,80][1080,230]" />
    <android.webkit.WebView index="1" package="cn.gov.example.hybrid" class="android.webkit.WebView" text="" ${A} bounds="[0,230][1080,2340]">
      <android.view.View index="0" package="cn.gov.example.hybrid" class="android.view.View" text="" content-desc="每日签到" ${A} bounds="[60,300][1020,420]" />
    </android.webkit.WebView>
  </android.widget.FrameLayout>
</hierarchy>`;
const WEBVIEW = { x1: 0, y1: 230, x2: 1080, y2: 2340 };

// The WebView is 1080×2110 px; its page sees a 360×703.33 CSS viewport at dpr 3.
const DOM = page(
  [
    node(0, 'button', { role: 'button', clickable: true, text: '每日签到', id: 'btn-signin', rect: { x: 20, y: 20, width: 320, height: 40 } }),
    node(0, 'p', { text: '主办单位：某市人民政府办公厅', rect: { x: 16, y: 80, width: 328, height: 24 } }),
    node(0, 'footer', { text: '备案号：京ICP备12345678号-3A', rect: { x: 0, y: 900, width: 360, height: 40 }, visible: undefined }),
  ],
  { viewport: { width: 360, height: 703.33 }, origin: 'https://h5.example.gov.cn', href: 'https://h5.example.gov.cn/app/#/home' },
);

describe('findWebviews', () => {
  it('lists the bounds of WebView nodes', () => {
    expect(findWebviews(NATIVE)).toEqual([WEBVIEW]);
  });
  it('knows app subclasses and Tencent X5 by their class names', () => {
    const x5 = NATIVE.replaceAll('android.webkit.WebView', 'com.tencent.smtt.sdk.WebView');
    expect(findWebviews(x5)).toEqual([WEBVIEW]);
    expect(findWebviews(NATIVE.replaceAll('android.webkit.WebView', 'android.widget.FrameLayout'))).toEqual([]);
  });
});

describe('placementFor', () => {
  it('scales CSS px by the WebView width over the viewport width and offsets by its corner', () => {
    expect(placementFor(DOM, WEBVIEW)).toEqual({ scale: 3, dx: 0, dy: 230 });
    expect(placementFor({ ...DOM, viewport: { width: 412, height: 800 } }, { x1: 100, y1: 0, x2: 512, y2: 800 })).toEqual({ scale: 1, dx: 100, dy: 0 });
  });
});

describe('mergeWebIntoSource', () => {
  const merged = markWebOrigin(parsePageSource(mergeWebIntoSource(NATIVE, DOM, WEBVIEW)));
  const wv = merged.elements.find((e) => e.className === 'android.webkit.WebView')!;
  const inside = descendantsOf(merged, wv);

  it('replaces the WebView accessibility children with the DOM elements', () => {
    expect(inside.map((e) => e.text)).toEqual(['每日签到', '主办单位：某市人民政府办公厅', '备案号：京ICP备12345678号-3A']);
    expect(merged.elements.some((e) => e.contentDesc === '每日签到')).toBe(false);
  });

  it('offsets and scales bounds into the WebView', () => {
    expect(inside[0].bounds).toEqual({ x1: 60, y1: 290, x2: 1020, y2: 410 });
    expect(inside[1].bounds).toEqual({ x1: 48, y1: 470, x2: 1032, y2: 542 });
    expect(inside[2].displayed).toBe(false);
  });

  it('gives web elements the app package, origin "web" and their page origin; native ones stay native', () => {
    for (const e of inside) {
      expect(e.package).toBe('cn.gov.example.hybrid');
      expect(e.origin).toBe('web');
      expect(e.attrs['web-origin']).toBe('https://h5.example.gov.cn');
    }
    expect(merged.elements.filter((e) => e.origin === 'native').map((e) => e.className)).toEqual([
      'android.widget.FrameLayout', 'android.widget.TextView', 'android.webkit.WebView',
    ]);
    expect(inside[0]).toMatchObject({ className: 'android.widget.Button', clickable: true, resourceId: 'btn-signin' });
  });

  it('marks the WebView as inspected with the page it showed', () => {
    expect(wv.attrs['web-inspected']).toBe('true');
    expect(wv.attrs.href).toBe('https://h5.example.gov.cn/app/#/home');
    expect(wv.attrs['web-title']).toBe('某市政务服务');
  });

  it('keeps everything outside the WebView as it was', () => {
    const title = merged.elements.find((e) => e.resourceId === 'cn.gov.example.hybrid:id/tv_title')!;
    expect(title.text).toBe('某市政务服务');
    expect(title.bounds).toEqual({ x1: 0, y1: 80, x2: 1080, y2: 230 });
  });

  it('keeps characters beyond the BMP', () => {
    const dom = page([node(0, 'p', { text: '𠀀𪚥' })], { viewport: DOM.viewport });
    const s = parsePageSource(mergeWebIntoSource(NATIVE, dom, WEBVIEW));
    expect(s.elements.some((e) => e.text === '𠀀𪚥')).toBe(true);
  });

  it('refuses a rectangle that is no WebView', () => {
    expect(() => mergeWebIntoSource(NATIVE, DOM, { x1: 0, y1: 0, x2: 1, y2: 1 })).toThrow(/no WebView/);
  });
});

describe('markUninspected', () => {
  it('flags WebViews that were not inspected and leaves their content-desc children', () => {
    const s = parsePageSource(markUninspected(NATIVE));
    const wv = s.elements.find((e) => e.className === 'android.webkit.WebView')!;
    expect(wv.attrs['web-inspected']).toBe('false');
    expect(descendantsOf(s, wv).map((e) => e.contentDesc)).toEqual(['每日签到']);
  });
  it('leaves inspected ones alone', () => {
    expect(markUninspected(NATIVE, [WEBVIEW])).toBe(NATIVE);
  });
});
