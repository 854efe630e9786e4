import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractActions } from '../../crawlers/actions.ts';
import { ALIPAY } from '../../crawlers/mini/alipay.ts';
import { MiniScope } from '../../crawlers/mini/scope.ts';
import { QUICK_APP } from '../../crawlers/mini/quick-app.ts';
import { WECHAT } from '../../crawlers/mini/wechat.ts';
import { namedResults } from '../../crawlers/mini/open.ts';
import { DEFAULT_SAFETY } from '../../crawlers/safety.ts';
import { parsePageSource } from '../../src/snapshot/parse.ts';
import { FIXTURES } from '../helpers/paths.ts';

const state = (app: string, id: string) => parsePageSource(readFileSync(path.join(FIXTURES, 'apps', app, 'states', `${id}.xml`), 'utf8'), id);
const SCREEN = { width: 1080, height: 2340 };
const MM = 'com.tencent.mm';

describe('MiniScope (the boundary of a mini-program in its host)', () => {
  const wechat = () => {
    const s = new MiniScope(WECHAT, MM);
    s.name = '某市政务服务';
    s.openedIn({ package: MM, activity: '.plugin.appbrand.ui.AppBrandUI' });
    return s;
  };

  it('keeps the container slot it opened in and the about page; the host, other slots and other apps are outside', () => {
    const s = wechat();
    const page = state('mini-wechat', 'mini-home');
    expect(s.place({ package: MM, activity: '.plugin.appbrand.ui.AppBrandUI' }, page)).toBe('app');
    expect(s.place({ package: MM, activity: 'com.tencent.mm.plugin.appbrand.ui.AppBrandUI' }, page)).toBe('app');
    expect(s.place({ package: MM, activity: '.plugin.appbrand.ui.AppBrandProfileUI' }, state('mini-wechat', 'mini-about'))).toBe('app');
    // Another mini-program runs in another AppBrandUI task.
    expect(s.place({ package: MM, activity: '.plugin.appbrand.ui.AppBrandUI2' }, page)).toBe('out');
    expect(s.place({ package: MM, activity: '.ui.LauncherUI' }, state('mini-wechat', 'wx-home'))).toBe('out');
    expect(s.place({ package: MM, activity: '.ui.transmit.SelectConversationUI' }, state('mini-wechat', 'wx-share'))).toBe('out');
    expect(s.place({ package: 'com.android.launcher3', activity: '.Launcher' }, page)).toBe('out');
    expect(s.place({ package: 'com.android.permissioncontroller', activity: '.GrantPermissionsActivity' }, page)).toBe('overlay');
  });

  it('takes the capsule menu for a host overlay, not a screen of the mini-program', () => {
    const s = wechat();
    expect(s.place({ package: MM, activity: '.plugin.appbrand.ui.AppBrandUI' }, state('mini-wechat', 'mini-menu'))).toBe('overlay');
    expect(new MiniScope(ALIPAY, 'com.eg.android.AlipayGphone').isCapsuleMenu(state('mini-alipay', 'ali-menu'))).toBe(true);
    expect(new MiniScope(QUICK_APP, 'org.hapjs.mockup').isCapsuleMenu(state('quick-app', 'qa-menu'))).toBe(true);
    expect(s.isCapsuleMenu(state('mini-wechat', 'mini-home'))).toBe(false);
  });

  it('refuses the capsule’s close button and every menu entry but the about page', () => {
    const s = wechat();
    const home = state('mini-wechat', 'mini-home');
    const menu = state('mini-wechat', 'mini-menu');
    s.noteScreen('s2', home, { package: MM, activity: '.plugin.appbrand.ui.AppBrandUI' });
    s.noteScreen('s5', menu, { package: MM, activity: '.plugin.appbrand.ui.AppBrandUI' });
    const vet = (st: string, snap: typeof home) => Object.fromEntries(extractActions(snap, { appPackage: MM, policy: DEFAULT_SAFETY }).actions.filter((a) => a.kind === 'tap').map((a) => [a.label, s.vet(st, a, SCREEN)?.intent ?? 'allowed']));
    const onHome = vet('s2', home);
    expect(onHome['关闭']).toBe('host-control');
    expect(onHome['更多']).toBe('allowed');
    expect(onHome['分享给好友']).toBe('allowed');
    const onMenu = vet('s5', menu);
    expect(onMenu['某市政务服务']).toBe('allowed');
    for (const entry of ['分享到朋友圈', '添加到我的小程序', '设置', '反馈与投诉', '重新进入小程序', '取消']) expect(onMenu[entry], entry).toBe('host-control');
  });

  it('finds search results by the name, the exact name first, never the search field', () => {
    const s = state('mini-wechat', 'wx-results');
    const labels = namedResults(s, '某市政务服务').map((e) => s.elements.find((x) => x.parent === e.id && x.text)!.text);
    expect(labels).toEqual(['某市政务服务', '某市政务服务发布']);
    expect(namedResults(state('mini-wechat', 'wx-search'), '搜索')).toHaveLength(1);
  });
});
