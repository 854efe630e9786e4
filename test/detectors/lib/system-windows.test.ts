import { describe, expect, it } from 'vitest';
import { messageTexts } from '../../../detectors/lib/conversation.ts';
import { contentTexts, isEntry, screenTitle } from '../../../detectors/lib/screens.ts';
import { buildObservation } from '../../helpers/detector-tester.ts';

const APP = 'cn.gov.test';
const screenOf = (xml: string) => buildObservation({ screens: [xml] }).screens[0];

describe('what a screen shows of the app', () => {
  const dump = `<hierarchy rotation="0" width="1080" height="2340">
    <node package="com.android.systemui" class="android.widget.FrameLayout" bounds="[0,0][1080,80]">
      <node package="com.android.systemui" class="android.widget.TextView" text="10:23" bounds="[20,0][120,80]"/>
      <node package="com.android.systemui" class="android.widget.ImageView" content-desc="淘宝通知：立即购买" bounds="[140,0][200,80]"/>
    </node>
    <node package="${APP}" class="android.widget.FrameLayout" bounds="[0,80][1080,2340]">
      <node package="${APP}" class="android.widget.TextView" text="办事大厅" bounds="[140,120][940,195]"/>
      <node package="${APP}" class="android.widget.TextView" text="隐藏菜单" clickable="true" bounds="[0,0][0,0]"/>
      <node package="${APP}" NAF="true" class="android.widget.ImageView" clickable="true" bounds="[60,300][200,400]"/>
    </node>
    <node package="com.sohu.inputmethod.sogou" class="android.widget.FrameLayout" bounds="[0,1600][1080,2340]">
      <node package="com.sohu.inputmethod.sogou" class="android.widget.TextView" text="发送" clickable="true" bounds="[900,2200][1060,2300]"/>
    </node>
  </hierarchy>`;

  it('leaves out the status bar and the keyboard, and takes the title from the app', () => {
    const s = screenOf(dump);
    expect(contentTexts(s).map((t) => t.text)).toEqual(['办事大厅']);
    expect(screenTitle(s)?.text).toBe('办事大厅');
  });

  it('never reads zero-size or NAF nodes as texts', () => {
    const texts = screenOf(dump).texts.map((t) => t.text);
    expect(texts).not.toContain('隐藏菜单');
    expect(texts.every((t) => t !== '')).toBe(true);
  });
});

describe('conversations', () => {
  const chat = `<hierarchy rotation="0" width="1080" height="2340"><node class="android.widget.FrameLayout" bounds="[0,0][1080,2340]">
    <node class="android.widget.TextView" text="工作群" bounds="[140,120][940,195]"/>
    <node class="androidx.recyclerview.widget.RecyclerView" scrollable="true" bounds="[0,230][1080,2000]">
      <node class="android.widget.TextView" text="我要投诉" clickable="true" bounds="[160,300][600,360]"/>
    </node>
    <node class="android.widget.TextView" text="发起收款" clickable="true" bounds="[266,2010][378,2060]"/>
    <node class="android.widget.TextView" text="按住 说话" clickable="true" bounds="[84,2150][548,2250]"/>
  </node></hierarchy>`;

  it('reads the messages above the composer as messages, not entries; the toolbar stays an entry', () => {
    const s = screenOf(chat);
    const texts = contentTexts(s);
    const msg = texts.find((t) => t.text === '我要投诉')!;
    const tool = texts.find((t) => t.text === '发起收款')!;
    expect(messageTexts(s).has(msg)).toBe(true);
    expect(isEntry(s, msg, 12)).toBe(false);
    expect(isEntry(s, tool, 12)).toBe(true);
  });

  it('a screen without a composer has no messages', () => {
    expect(messageTexts(screenOf(chat.replace('按住 说话', '首页'))).size).toBe(0);
  });
});
