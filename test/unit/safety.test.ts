import { describe, expect, it } from 'vitest';
import { judgeTap, DEFAULT_SAFETY } from '../../crawlers/safety.ts';
import { extractActions } from '../../crawlers/actions.ts';
import { parsePageSource } from '../../src/snapshot/parse.ts';

const tap = (label: string, resourceId = '', className = 'android.widget.Button', screen = '') =>
  judgeTap(DEFAULT_SAFETY, { label, resourceId, className }, screen);

describe('safety policy', () => {
  it.each(['提交', '发送', '确认支付', '立即购买', '删除', '注销账号', '退出登录', '解绑', '修改密码', '发布'])('refuses %s', (label) => {
    expect(tap(label).allowed).toBe(false);
  });
  it.each([
    ['', 'cn.gov.x:id/btn_submit'],
    ['', 'cn.gov.x:id/btn_confirm_logout'],
  ])('refuses by resource-id %s %s', (label, id) => expect(tap(label, id).allowed).toBe(false));
  it('refuses a bare confirm button in a dialog that asks to log out, not elsewhere', () => {
    expect(tap('退出', '', 'android.widget.Button', '提示 确定退出登录吗？ 取消 退出').allowed).toBe(false);
    expect(tap('确定', '', 'android.widget.Button', '用户名或密码错误，请重新输入').allowed).toBe(true);
  });
  it('refuses toggling a switch (a setting)', () => expect(tap('消息通知', '', 'android.widget.Switch').allowed).toBe(false));
  it.each(['我的', '意见反馈', '关于我们', '每日签到', '返回', '取消', '登录', '仅在使用该应用时允许'])('allows %s', (label) => {
    expect(tap(label).allowed).toBe(true);
  });
  it('an allow-list lets a test environment submit', () => {
    expect(judgeTap({ allow: ['提交'], deny: [], unsafe: false }, { label: '提交', resourceId: 'x:id/btn_submit', className: 'android.widget.Button' }, '').allowed).toBe(true);
    expect(judgeTap({ allow: [], deny: ['签到'], unsafe: false }, { label: '每日签到', resourceId: '', className: 'android.widget.Button' }, '').allowed).toBe(false);
  });
});

describe('extractActions', () => {
  const btn = (text: string, id: string, y: number, extra = '') =>
    `<android.widget.Button class="android.widget.Button" package="p" text="${text}" resource-id="${id}" clickable="true" enabled="true" displayed="true" bounds="[0,${y}][1080,${y + 100}]" ${extra}/>`;
  const xml = `<hierarchy class="hierarchy" width="1080" height="2340">
    ${btn('意见反馈', 'p:id/row_feedback', 100)}
    ${btn('提交', 'p:id/btn_submit', 300)}
    ${btn('', 'p:id/et', 500, 'class="android.widget.EditText"').replace('android.widget.Button class="android.widget.Button"', 'android.widget.EditText')}
    ${btn('更多', '', 700)}${btn('更多', '', 800)}
  </hierarchy>`;
  it('lists taps with selectors, refuses unsafe ones, never taps text fields', () => {
    const { actions, skipped } = extractActions(parsePageSource(xml), { appPackage: 'p', policy: DEFAULT_SAFETY, screenText: '' });
    expect(actions.map((a) => a.selector)).toEqual([{ 'resource-id': 'p:id/row_feedback' }, { text: '更多', class: 'android.widget.Button' }, { text: '更多', class: 'android.widget.Button' }]);
    expect(new Set(actions.map((a) => a.key)).size).toBe(3);
    expect(actions[0].point).toEqual({ x: 540, y: 150 });
    expect(skipped).toEqual([{ label: '提交', selector: { 'resource-id': 'p:id/btn_submit' }, reason: 'submits a form', word: '提交' }]);
  });
});
