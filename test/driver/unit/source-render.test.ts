import { describe, expect, it } from 'vitest';
import { parsePageSource } from '../../../src/snapshot/parse.ts';
import { escapeAttr, renderSource, tagName } from '../../../drivers/replay/lib/source-render.ts';
import { nodesFromSnapshot, type ScreenView } from '../../../drivers/replay/lib/view.ts';

const DUMP = `<?xml version='1.0' encoding='UTF-8' standalone='yes' ?><hierarchy rotation="0">
<node index="0" text="" resource-id="" class="android.widget.FrameLayout" package="p" content-desc="" clickable="false" bounds="[0,0][100,200]">
<node index="0" text="a&quot;b&#10;&amp;&#128293;" resource-id="p:id/t" class="com.x.Outer$Inner" package="p" content-desc="" clickable="true" bounds="[0,0][100,50]" NAF="true"/>
<node index="1" text="" resource-id="" class="" package="p" content-desc="" clickable="false" bounds="[0,0][0,0]"/>
</node></hierarchy>`;

function view(xml: string): ScreenView {
  const snap = parsePageSource(xml);
  return { key: 's1', stateId: 'x', package: 'p', activity: '.A', width: 100, height: 200, rotation: 0, nodes: nodesFromSnapshot(snap) };
}

describe('renderSource', () => {
  it('turns an adb dump into UiAutomator2 format: class tags, displayed, hierarchy size, attribute order', () => {
    const xml = renderSource(view(DUMP));
    expect(xml).toContain('<hierarchy index="0" class="hierarchy" rotation="0" width="100" height="200">');
    expect(xml).toContain('<com.x.Outer_Inner index="0" package="p" class="com.x.Outer$Inner" text="a&quot;b&#10;&amp;🔥" content-desc="" resource-id="p:id/t" clickable="true" bounds="[0,0][100,50]" displayed="true" NAF="true" />');
    expect(xml).toContain('<android.view.View index="1" package="p" class="android.view.View" text=""');
    expect(xml).toMatch(/bounds="\[0,0\]\[0,0\]" displayed="false"/);
    const again = parsePageSource(xml);
    expect(again.format).toBe('uiautomator2');
    expect(again.elements[1].text).toBe('a"b\n&🔥');
    expect(again.elements[1].naf).toBe(true);
  });

  it('keeps a UiAutomator2 source as it was (modulo whitespace)', () => {
    const src = `<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
<hierarchy index="0" class="hierarchy" rotation="0" width="100" height="200">
  <android.widget.TextView index="0" package="p" class="android.widget.TextView" text="x" resource-id="p:id/t" clickable="false" bounds="[0,0][100,50]" displayed="true" hint="h" />
</hierarchy>`;
    expect(renderSource(view(src))).toBe(src);
  });

  it('escapes attribute values and drops characters XML 1.0 cannot hold', () => {
    expect(escapeAttr('<a & "b">\t\r\n')).toBe('&lt;a &amp; &quot;b&quot;&gt;&#9;&#13;&#10;');
    expect(escapeAttr('x\u0001y\uD800z😀')).toBe('xyz😀');
    expect(tagName('9lives$1')).toBe('_9lives_1');
  });
});
