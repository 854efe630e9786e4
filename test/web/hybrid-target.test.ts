import { describe, expect, it } from 'vitest';
import { hybridTarget } from '../../src/web/hybrid-target.ts';
import { mergeWebIntoSource } from '../../src/web/merge.ts';
import { node, page } from './dom-literals.ts';

const A = 'clickable="false" enabled="true" displayed="true"';
const NATIVE = `<hierarchy index="0" class="hierarchy" rotation="0" width="1080" height="2340">
  <android.widget.FrameLayout index="0" package="p" class="android.widget.FrameLayout" text="" ${A} bounds="[0,0][1080,2340]">
    <android.widget.EditText index="0" package="p" class="android.widget.EditText" text="" resource-id="p:id/et_search" content-desc="搜索" ${A} bounds="[0,0][1080,100]" />
    <android.webkit.WebView index="1" package="p" class="android.webkit.WebView" text="" ${A} bounds="[0,100][1080,1200]" />
    <android.webkit.WebView index="2" package="p" class="android.webkit.WebView" text="" ${A} bounds="[0,1200][1080,2340]" />
  </android.widget.FrameLayout>
</hierarchy>`;
const field = (id: string, name: string) =>
  page([node(0, 'form', { role: 'form' }), node(1, 'textarea', { role: 'textbox', editable: true, inputType: 'textarea', id, name, rect: { x: 0, y: 10, width: 360, height: 100 } })], {
    viewport: { width: 360, height: 366.67 },
  });
const W1 = { x1: 0, y1: 100, x2: 1080, y2: 1200 };
const W2 = { x1: 0, y1: 1200, x2: 1080, y2: 2340 };
const MERGED = mergeWebIntoSource(mergeWebIntoSource(NATIVE, field('content', '反馈内容'), W1), field('reply', '回复'), W2);
const WEBVIEWS = [
  { rect: W1, viewportWidth: 360 },
  { rect: W2, viewportWidth: 360 },
];

describe('hybridTarget', () => {
  it.each([
    ['id=content', { webview: 0, target: { kind: 'node', index: 2 } }],
    ['id=reply', { webview: 1, target: { kind: 'node', index: 2 } }],
    ['~回复', { webview: 1, target: { kind: 'node', index: 2 } }],
    ['//android.widget.EditText[@resource-id="content"]', { webview: 0, target: { kind: 'node', index: 2 } }],
    ['bounds=[0,130][1080,430]', { webview: 0, target: { kind: 'point', x: 180, y: 60 } }],
    ['bounds=[0,1230][1080,1530]', { webview: 1, target: { kind: 'point', x: 180, y: 60 } }],
  ])('%s names a web field', (loc, want) => {
    expect(hybridTarget(loc, MERGED, WEBVIEWS)).toEqual(want);
  });

  it.each([['id=p:id/et_search'], ['~搜索'], ['//android.widget.EditText[1]'], ['bounds=[0,0][1080,100]'], ['-android uiautomator:x']])(
    '%s is native',
    (loc) => {
      expect(hybridTarget(loc, MERGED, WEBVIEWS)).toBeUndefined();
    },
  );

  it('ignores a WebView that was not inspected', () => {
    expect(hybridTarget('id=reply', MERGED, [WEBVIEWS[0]])).toBeUndefined();
  });
});
