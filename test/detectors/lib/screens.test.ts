import { describe, expect, it } from 'vitest';
import { appScreens, contentTexts, isClipped, isEntry, rowsOf, screenName, screenRoles, screenTitle } from '../../../detectors/lib/screens.ts';
import { buildObservation } from '../../helpers/detector-tester.ts';

const page = (title: string, body = '') => `<hierarchy rotation="0" width="1080" height="2340">
  <node class="android.widget.FrameLayout" bounds="[0,0][1080,2340]">
    <node class="android.widget.TextView" text="${title}" resource-id="cn.gov.test:id/tv_title" bounds="[140,120][940,195]"/>
    ${body}
  </node>
</hierarchy>`;
const SPLASH = `<hierarchy rotation="0" width="1080" height="2340"><node class="android.widget.ImageView" bounds="[0,0][1080,2340]"/></hierarchy>`;
const CONSENT = page('温馨提示', '<node class="android.widget.TextView" text="请阅读《隐私政策》" bounds="[60,900][1020,960]"/><node class="android.widget.Button" text="同意" clickable="true" bounds="[560,1200][1020,1300]"/>');
const LOGIN = page('', '<node class="android.widget.EditText" hint="请输入密码" password="true" clickable="true" bounds="[60,790][1020,920]"/>');

describe('screenRoles', () => {
  it('finds splash, consent-skipping home, its scroll, login and about', () => {
    const obs = buildObservation({
      screens: [
        { source: SPLASH, state: 'splash' },
        { source: CONSENT, state: 'consent' },
        { source: page('首页'), state: 'home' },
        { source: page('首页'), state: 'home-2' },
        { source: LOGIN, state: 'login' },
        { source: page('设置'), state: 'settings' },
        { source: page('关于我们'), state: 'about' },
        { source: page('通讯录'), state: 'contacts' },
      ],
      actions: [
        { from: 'splash', to: 'consent', kind: 'wait' },
        { from: 'consent', to: 'home', label: '同意' },
        { from: 'home', to: 'home-2', kind: 'swipe', detail: 'scroll-down' },
        { from: 'home', to: 'login', label: '登录' },
        { from: 'home', to: 'settings', label: '设置' },
        { from: 'settings', to: 'about', label: '关于我们' },
        { from: 'home', to: 'contacts', label: '通讯录' },
      ],
    });
    const roles = screenRoles(obs);
    const of = (s: string) => [...(roles.get(s) ?? [])].sort();
    expect(of('splash')).toEqual(['splash']);
    expect(of('consent')).toEqual([]);
    expect(of('home')).toEqual(['home']);
    expect(of('home-2')).toEqual(['home']);
    expect(of('login')).toEqual(['login']);
    expect(of('about')).toEqual(['about']);
    expect(of('contacts')).toEqual([]);
    expect(screenName(obs.screens.find((s) => s.state === 'login')!)).toBe('登录页面');
  });
});

describe('screen helpers', () => {
  const obs = buildObservation({
    screens: [
      page(
        '积分排行榜',
        `<node class="android.widget.LinearLayout" bounds="[0,230][1080,370]">
           <node class="android.widget.TextView" text="1   张三" bounds="[60,270][324,330]"/>
           <node class="android.widget.TextView" text="1280分" bounds="[790,272][980,328]"/>
         </node>
         <node class="android.widget.LinearLayout" clickable="true" bounds="[0,400][1080,540]">
           <node class="android.widget.TextView" text="签到有礼" bounds="[60,422][400,480]"/>
           <node class="android.widget.TextView" text="2026-11-20" bounds="[60,484][400,524]"/>
         </node>
         <node class="android.widget.Button" text="签到" clickable="true" bounds="[60,600][400,700]"/>
         <node class="android.widget.TextView" text="主办单位：某某县水利局" bounds="[300,2200][1080,2250]"/>`,
      ),
    ],
  });
  const screen = appScreens(obs)[0];
  const text = (t: string) => contentTexts(screen).find((x) => x.text === t)!;

  it('takes the title from the title bar', () => expect(screenTitle(screen)?.text).toBe('积分排行榜'));

  it('groups texts side by side into rows', () => {
    expect(rowsOf(screen).map((r) => r.text)).toContain('1 张三  1280分');
  });

  it('tells entries from dated news items', () => {
    expect(isEntry(screen, text('签到'), 12)).toBe(true);
    expect(isEntry(screen, text('签到有礼'), 12)).toBe(false);
    expect(isEntry(screen, text('1280分'), 12)).toBe(false);
  });

  it('sees text running off the right edge', () => {
    expect(isClipped(screen, text('主办单位：某某县水利局').bounds)).toBe(true);
    expect(isClipped(screen, { x1: 0, y1: 0, x2: 1080, y2: 100 })).toBe(false);
    expect(isClipped(screen, text('签到').bounds)).toBe(false);
  });
});
