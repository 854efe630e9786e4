import { describe, expect, it } from 'vitest';
import type { Device } from '../../src/device/device.ts';
import { HybridDevice } from '../../src/web/hybrid-device.ts';
import { COLLECT_DOM_SCRIPT } from '../../src/web/dom-snapshot.ts';
import { parsePageSource } from '../../src/snapshot/parse.ts';
import { descendantsOf } from '../../src/snapshot/model.ts';
import { node, page } from './dom-literals.ts';

const A = 'clickable="false" enabled="true" displayed="true"';
const source = (webviews: string[]) => `<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
<hierarchy index="0" class="hierarchy" rotation="0" width="1080" height="2340">
  <android.widget.FrameLayout index="0" package="cn.gov.example.hybrid" class="android.widget.FrameLayout" text="" ${A} bounds="[0,0][1080,2340]">
${webviews.map((b, i) => `    <android.webkit.WebView index="${i}" package="cn.gov.example.hybrid" class="android.webkit.WebView" text="" ${A} bounds="${b}"><android.view.View index="0" package="cn.gov.example.hybrid" class="android.view.View" text="" content-desc="旧" ${A} bounds="${b}" /></android.webkit.WebView>`).join('\n')}
  </android.widget.FrameLayout>
</hierarchy>`;

const DOM = page([node(0, 'textarea', { role: 'textbox', editable: true, clickable: true, inputType: 'textarea', id: 'content', text: '', rect: { x: 10, y: 10, width: 340, height: 100 } })], {
  viewport: { width: 360, height: 703.33 },
});

/** A session double: records the calls; one webview context with one visible page. */
function fakeSession(contexts: string[], fail = false) {
  const calls: string[] = [];
  let context = 'NATIVE_APP';
  const session = {
    getAppiumContexts: async () => contexts,
    switchAppiumContext: async (c: string) => {
      calls.push(`context ${c}`);
      context = c;
    },
    getWindowHandles: async () => ['page-1'],
    switchToWindow: async (h: string) => void calls.push(`window ${h}`),
    execute: async (script: string) => {
      if (fail) throw new Error('chrome not reachable');
      if (script === 'return document.visibilityState') return 'visible';
      if (script === COLLECT_DOM_SCRIPT) {
        calls.push(`walk in ${context}`);
        return DOM;
      }
      return { 'element-6066-11e4-a52e-4f735466cecf': 'el-1' };
    },
    elementClear: async (id: string) => void calls.push(`clear ${id} in ${context}`),
    elementSendKeys: async (id: string, text: string) => void calls.push(`keys ${id} ${text} in ${context}`),
  };
  return { session: session as unknown as WebdriverIO.Browser, calls };
}

function fakeNative(xml: string): Device & { typed: string[] } {
  const typed: string[] = [];
  return { typed, pageSource: async () => xml, type: async (l: string) => void typed.push(l), info: { platformName: 'Android', automationName: 'UiAutomator2', width: 1080, height: 2340 } } as unknown as Device & { typed: string[] };
}

describe('HybridDevice', () => {
  it('walks the webview context, merges, and switches back to NATIVE_APP', async () => {
    const { session, calls } = fakeSession(['NATIVE_APP', 'WEBVIEW_cn.gov.example.hybrid']);
    const dev = new HybridDevice(fakeNative(source(['[0,230][1080,2340]'])), session);
    const s = parsePageSource(await dev.pageSource());
    expect(calls).toEqual(['context WEBVIEW_cn.gov.example.hybrid', 'window page-1', 'walk in WEBVIEW_cn.gov.example.hybrid', 'context NATIVE_APP']);
    expect(dev.lastWebviewStatus()).toEqual({ webviews: 1, inspected: 1, fallback: false });
    const wv = s.elements.find((e) => e.className === 'android.webkit.WebView')!;
    const [area] = descendantsOf(s, wv);
    expect(area).toMatchObject({ className: 'android.widget.EditText', resourceId: 'content', package: 'cn.gov.example.hybrid' });
    expect(area.bounds).toEqual({ x1: 30, y1: 260, x2: 1050, y2: 560 });
  });

  it('types into a web field inside the WebView context; native locators go to the native device', async () => {
    const { session, calls } = fakeSession(['NATIVE_APP', 'WEBVIEW_x']);
    const native = fakeNative(source(['[0,230][1080,2340]']));
    const dev = new HybridDevice(native, session);
    await dev.pageSource();
    calls.length = 0;
    await dev.type('//android.widget.EditText', '意见');
    expect(calls).toEqual(['context WEBVIEW_x', 'window page-1', 'clear el-1 in WEBVIEW_x', 'keys el-1 意见 in WEBVIEW_x', 'context NATIVE_APP']);
    calls.length = 0;
    await dev.clear('id=content');
    expect(calls).toEqual(['context WEBVIEW_x', 'window page-1', 'clear el-1 in WEBVIEW_x', 'context NATIVE_APP']);
    await dev.type('id=cn.gov.example.hybrid:id/et_search', 'x');
    expect(native.typed).toEqual(['id=cn.gov.example.hybrid:id/et_search']);
  });

  it('falls back without a webview context', async () => {
    const { session, calls } = fakeSession(['NATIVE_APP']);
    const dev = new HybridDevice(fakeNative(source(['[0,230][1080,2340]'])), session);
    const s = parsePageSource(await dev.pageSource());
    expect(calls).toEqual([]);
    expect(dev.lastWebviewStatus()).toMatchObject({ webviews: 1, inspected: 0, fallback: true });
    expect(s.elements.find((e) => e.className === 'android.webkit.WebView')!.attrs['web-inspected']).toBe('false');
    expect(s.elements.some((e) => e.contentDesc === '旧')).toBe(true);
  });

  it('falls back when the walk fails, and still ends in NATIVE_APP', async () => {
    const { session, calls } = fakeSession(['NATIVE_APP', 'WEBVIEW_x'], true);
    const dev = new HybridDevice(fakeNative(source(['[0,230][1080,2340]'])), session);
    await dev.pageSource();
    expect(calls.at(-1)).toBe('context NATIVE_APP');
    expect(dev.lastWebviewStatus()).toMatchObject({ inspected: 0, fallback: true, reason: expect.stringMatching(/chrome not reachable/) });
  });

  it('inspects the WebView whose shape fits the page and falls back for the other', async () => {
    const { session } = fakeSession(['NATIVE_APP', 'WEBVIEW_x']);
    const dev = new HybridDevice(fakeNative(source(['[0,230][1080,2340]', '[0,0][1080,200]'])), session);
    const s = parsePageSource(await dev.pageSource());
    expect(dev.lastWebviewStatus()).toMatchObject({ webviews: 2, inspected: 1, fallback: true });
    const wvs = s.elements.filter((e) => e.className === 'android.webkit.WebView');
    expect(wvs.map((e) => e.attrs['web-inspected'])).toEqual(['true', 'false']);
  });

  it('passes a screen without WebViews through untouched', async () => {
    const xml = source([]);
    const { session, calls } = fakeSession(['NATIVE_APP', 'WEBVIEW_x']);
    const dev = new HybridDevice(fakeNative(xml), session);
    expect(await dev.pageSource()).toBe(xml);
    expect(calls).toEqual([]);
    expect(dev.lastWebviewStatus()).toEqual({ webviews: 0, inspected: 0, fallback: false });
  });
});
