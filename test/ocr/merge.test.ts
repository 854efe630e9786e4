import { describe, expect, it } from 'vitest';
import type { Rect } from '../../src/geometry.ts';
import type { OcrBox, ScreenText } from '../../src/observation.ts';
import { mergeTexts } from '../../src/ocr/merge.ts';
import { parsePageSource } from '../../src/snapshot/parse.ts';

const rect = (x1: number, y1: number, x2: number, y2: number): Rect => ({ x1, y1, x2, y2 });
const box = (text: string, r: Rect, confidence = 0.95): OcrBox => ({ text, bounds: r, confidence });

/** A login screen as UiAutomator2 reports it: the logo text is only in the image. */
const LOGIN = `<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
<hierarchy index="0" class="hierarchy" rotation="0" width="1080" height="2340">
  <android.widget.FrameLayout index="0" class="android.widget.FrameLayout" bounds="[0,80][1080,2340]" displayed="true">
    <android.widget.LinearLayout index="0" class="android.widget.LinearLayout" resource-id="app:id/root" bounds="[0,80][1080,2340]" displayed="true">
      <android.widget.ImageView index="0" class="android.widget.ImageView" resource-id="app:id/iv_logo" bounds="[60,180][1020,560]" displayed="true" />
      <android.widget.EditText index="1" class="android.widget.EditText" text="" hint="请输入用户名" clickable="true" bounds="[60,630][1020,760]" displayed="true" />
      <android.widget.EditText index="2" class="android.widget.EditText" text="请输入密码" hint="请输入密码" password="true" clickable="true" bounds="[60,790][1020,920]" displayed="true" />
      <android.widget.Button index="3" class="android.widget.Button" text="登录" content-desc="登录" clickable="true" bounds="[60,950][1020,1070]" displayed="true" />
      <android.widget.TextView index="4" class="android.widget.TextView" text="备案号：浙ICP备2023001234号-2A" bounds="[172,2228][908,2270]" displayed="true" />
    </android.widget.LinearLayout>
  </android.widget.FrameLayout>
</hierarchy>`;

/** A home screen: a clickable banner image, a list row of two TextViews, a hidden and a collapsed view. */
const HOME = `<hierarchy rotation="0" width="1080" height="2340">
  <node class="android.widget.FrameLayout" bounds="[0,80][1080,2340]">
    <node class="android.widget.FrameLayout" resource-id="app:id/banner" clickable="true" content-desc="轮播图" bounds="[0,230][1080,640]">
      <node class="android.widget.ImageView" bounds="[0,230][1080,640]"/>
    </node>
    <node class="android.widget.LinearLayout" clickable="true" bounds="[0,640][1080,800]">
      <node class="android.widget.TextView" text="关于做好冬季防汛抗旱工作的通知，请各单位认真贯彻落实" bounds="[60,660][1020,760]"/>
    </node>
    <node class="android.widget.LinearLayout" bounds="[0,800][1080,880]">
      <node class="android.widget.TextView" text="市政府办公室" bounds="[60,810][345,860]"/>
      <node class="android.widget.TextView" text="11-20" bounds="[360,810][500,860]"/>
    </node>
    <node class="android.widget.TextView" text="已隐藏" displayed="false" bounds="[60,900][300,950]"/>
    <node class="android.widget.TextView" text="折叠" bounds="[60,960][60,960]"/>
    <node class="android.widget.TextView" text="查看详情" bounds="[60,1000][1020,1200]"/>
  </node>
</hierarchy>`;

const merge = (xml: string, ocr?: OcrBox[]) => mergeTexts(parsePageSource(xml), ocr);
const brief = (texts: ScreenText[]) => texts.map((t) => [t.via, t.kind, t.text, t.elementId, t.clickable]);

describe('mergeTexts: accessibility texts', () => {
  it('takes text, a different content-desc and a shown hint of displayed elements, in document order', () => {
    expect(brief(merge(LOGIN))).toEqual([
      ['a11y', 'hint', '请输入用户名', 3, true],
      ['a11y', 'hint', '请输入密码', 4, true], // the placeholder reported as text is a hint
      ['a11y', 'text', '登录', 5, true], // content-desc equal to the text is not repeated
      ['a11y', 'text', '备案号：浙ICP备2023001234号-2A', 6, false],
    ]);
  });

  it('skips hidden and zero-size elements; clickable comes from the nearest clickable ancestor', () => {
    expect(brief(merge(HOME))).toEqual([
      ['a11y', 'content-desc', '轮播图', 1, true],
      ['a11y', 'text', '关于做好冬季防汛抗旱工作的通知，请各单位认真贯彻落实', 4, true],
      ['a11y', 'text', '市政府办公室', 6, false],
      ['a11y', 'text', '11-20', 7, false],
      ['a11y', 'text', '查看详情', 10, false],
    ]);
    expect(merge(HOME)[0]).toMatchObject({ bounds: rect(0, 230, 1080, 640), confidence: 1 });
  });
});

describe('mergeTexts: OCR boxes', () => {
  const table: { name: string; xml: string; ocr: OcrBox[]; kept: [string, number | undefined, boolean][] }[] = [
    {
      name: 'a box repeating an element exactly is the same evidence',
      xml: LOGIN,
      ocr: [box('登录', rect(489, 983, 591, 1041)), box('请输入用户名', rect(88, 676, 319, 721))],
      kept: [],
    },
    {
      name: 'half-width punctuation, lost spaces and one misread character still repeat',
      xml: LOGIN,
      ocr: [box('备案号:浙lCP备2023001234号-2A', rect(291, 2229, 795, 2270))],
      kept: [],
    },
    {
      name: 'logo text drawn into an image is OCR-only, owned by the image view',
      xml: LOGIN,
      ocr: [box('某市人民政府办公室', rect(290, 332, 792, 390), 0.99)],
      kept: [['某市人民政府办公室', 2, false]],
    },
    {
      name: 'status-bar text outside every element has no owner',
      xml: LOGIN,
      ocr: [box('9:41', rect(43, 26, 122, 66)), box('5G 86%', rect(921, 27, 1037, 66))],
      kept: [
        ['9:41', undefined, false],
        ['5G 86%', undefined, false],
      ],
    },
    {
      name: 'one box joining two elements of a row repeats both',
      xml: HOME,
      ocr: [box('市政府办公室 11-20', rect(58, 812, 500, 858))],
      kept: [],
    },
    {
      name: 'a long text wrapped over two OCR lines repeats it',
      xml: HOME,
      ocr: [box('关于做好冬季防汛抗旱工作的通知，', rect(60, 662, 1000, 708)), box('请各单位认真贯彻落实', rect(60, 712, 600, 758))],
      kept: [],
    },
    {
      name: 'banner text inside a clickable container is OCR-only and clickable',
      xml: HOME,
      ocr: [box('一网通办 惠企便民', rect(200, 350, 880, 430))],
      kept: [['一网通办 惠企便民', 2, true]],
    },
    {
      name: 'different text over an element with text is kept',
      xml: HOME,
      ocr: [box('限时优惠 ¥99', rect(100, 1050, 500, 1100))],
      kept: [['限时优惠 ¥99', 10, false]],
    },
    {
      name: 'punctuation-only boxes say nothing',
      xml: HOME,
      ocr: [box('…', rect(100, 1050, 140, 1100)), box(' > ', rect(1000, 700, 1040, 740))],
      kept: [],
    },
  ];

  it.each(table)('$name', ({ xml, ocr, kept }) => {
    const texts = merge(xml, ocr);
    expect(texts.filter((t) => t.via === 'a11y')).toEqual(merge(xml));
    expect(texts.filter((t) => t.via === 'ocr').map((t) => [t.text, t.elementId, t.clickable])).toEqual(kept);
  });

  it('OCR-only texts keep the box, its confidence and kind, and come after a11y in reading order', () => {
    const texts = merge(LOGIN, [box('某市人民政府办公室', rect(290, 332, 792, 390), 0.9), box('5G 86%', rect(921, 27, 1037, 66), 0.8), box('9:41', rect(43, 26, 122, 66), 0.7)]);
    expect(texts.slice(4)).toEqual([
      { text: '9:41', bounds: rect(43, 26, 122, 66), via: 'ocr', confidence: 0.7, clickable: false, kind: 'ocr' },
      { text: '5G 86%', bounds: rect(921, 27, 1037, 66), via: 'ocr', confidence: 0.8, clickable: false, kind: 'ocr' },
      { text: '某市人民政府办公室', bounds: rect(290, 332, 792, 390), via: 'ocr', elementId: 2, confidence: 0.9, clickable: false, kind: 'ocr' },
    ]);
  });

  it('without OCR (off or failed) gives the accessibility texts alone', () => {
    expect(merge(LOGIN, undefined)).toEqual(merge(LOGIN, []));
  });
});
