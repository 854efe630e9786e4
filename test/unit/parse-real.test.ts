import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { decodePageSource, parsePageSource, parsePageSourceBytes } from '../../src/snapshot/parse.ts';
import { isSystemWindowPackage } from '../../src/snapshot/model.ts';

/** Shapes real captures come in (app-graph.md, "Real captures"). */
describe('real captures', () => {
  it('parses a saved subtree whose root is a bare <node>', () => {
    const s = parsePageSource(
      '<node index="0" text="" class="android.widget.FrameLayout" package="cn.gov.x" bounds="[0,0][720,1280]"><node index="0" text="办事大厅" class="android.widget.TextView" package="cn.gov.x" bounds="[40,100][400,160]"/></node>',
      'subtree.xml',
    );
    expect(s.format).toBe('adb-dump');
    expect(s.roots).toEqual([0]);
    expect(s.elements.map((e) => e.text)).toEqual(['', '办事大厅']);
    expect([s.width, s.height]).toEqual([720, 1280]);
  });

  it('keeps every window of a multi-window dump, with its package', () => {
    const s = parsePageSource(
      '<hierarchy rotation="0"><node package="com.android.systemui" class="android.widget.FrameLayout" bounds="[0,0][720,48]"><node package="com.android.systemui" content-desc="下午3:24" bounds="[10,0][80,48]"/></node><node package="cn.gov.x" class="android.widget.FrameLayout" bounds="[0,0][720,1280]"/></hierarchy>',
    );
    expect(s.roots).toHaveLength(2);
    expect(s.elements.map((e) => e.package)).toEqual(['com.android.systemui', 'com.android.systemui', 'cn.gov.x']);
  });

  it('still refuses a root that is neither <hierarchy> nor <node>', () => {
    expect(() => parsePageSource('<screen/>', 'bad.xml')).toThrowError(/bad\.xml: root element must be <hierarchy>/);
  });
});

describe('decodePageSource', () => {
  const xml = (enc: string) => `<?xml version='1.0' encoding='${enc}' standalone='yes' ?><hierarchy rotation="0"><node text="国务院客户端" bounds="[0,0][10,10]"/></hierarchy>`;

  it('decodes UTF-8 (declared, defaulted or with a BOM) and a declared GBK', () => {
    expect(parsePageSourceBytes(Buffer.from(xml('UTF-8'))).elements[0].text).toBe('国务院客户端');
    expect(decodePageSource(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<hierarchy/>')]))).toBe('<hierarchy/>');
    expect(parsePageSourceBytes(iconv.encode(xml('GBK'), 'gbk')).elements[0].text).toBe('国务院客户端');
  });

  it('refuses bytes that do not match the declared encoding, naming the file', () => {
    // GBK bytes under a UTF-8 declaration: what a tool that re-saved a dump in the system code page leaves.
    expect(() => parsePageSourceBytes(iconv.encode(xml('UTF-8'), 'gbk'), 'states/s3.xml')).toThrowError(/^states\/s3\.xml: bytes are not valid UTF-8/);
    expect(() => decodePageSource(Buffer.from(xml('x-unknown')), 'a.xml')).toThrowError(/a\.xml: unsupported encoding "x-unknown"/);
  });
});

describe('isSystemWindowPackage', () => {
  it.each(['com.android.systemui', 'com.sohu.inputmethod.sogou', 'com.baidu.input', 'com.google.android.inputmethod.latin', 'com.bbk.launcher2', 'com.android.launcher3', 'com.miui.home', 'com.vivo.upslide'])(
    '%s is a system window',
    (p) => expect(isSystemWindowPackage(p)).toBe(true),
  );
  it.each(['cn.gov.tax.its', 'com.tencent.mm', 'com.hexin.plat.android', 'cn.xuexi.android', ''])('%s is not', (p) => expect(isSystemWindowPackage(p)).toBe(false));
});
