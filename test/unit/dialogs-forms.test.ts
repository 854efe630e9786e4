import { describe, expect, it } from 'vitest';
import { classifyDialog, permissionOf } from '../../crawlers/dialogs.ts';
import { classifyPasswordForm, findLoginForm, safeTextFields } from '../../crawlers/forms.ts';
import { parsePageSource } from '../../src/snapshot/parse.ts';
import { labelOf } from '../../src/snapshot/model.ts';

let y = 0;
const node = (cls: string, attrs: Record<string, string>) => {
  y += 120;
  const a = { class: cls, package: 'p.q', enabled: 'true', displayed: 'true', bounds: `[0,${y}][1080,${y + 100}]`, ...attrs };
  return `<${cls} ${Object.entries(a).map(([k, v]) => `${k}="${v}"`).join(' ')}/>`;
};
const text = (t: string) => node('android.widget.TextView', { text: t });
const button = (t: string, id = '') => node('android.widget.Button', { text: t, clickable: 'true', 'resource-id': id });
const field = (hint: string, id: string, password = false) => node('android.widget.EditText', { hint, 'resource-id': id, clickable: 'true', focusable: 'true', password: String(password) });
const page = (...body: string[]) => parsePageSource(`<hierarchy class="hierarchy" width="1080" height="2340">${body.join('')}</hierarchy>`);

describe('classifyDialog', () => {
  const cases: Array<[string, ReturnType<typeof page>, string, string | undefined, string | undefined]> = [
    ['permission (by package)', page(text('允许“某应用”拍摄照片和录制视频吗？'), button('仅在使用该应用时允许'), button('仅限这一次'), button('不允许')), 'com.android.permissioncontroller', 'permission', '仅在使用该应用时允许'],
    ['privacy consent', page(text('个人信息保护指引'), text('请阅读《隐私政策》…'), button('不同意'), button('同意')), 'p.q', 'consent', '同意'],
    ['update prompt: never update now', page(text('发现新版本 v3.0'), button('立即更新'), button('以后再说')), 'p.q', 'update', '以后再说'],
    ['splash ad skip', page(node('android.widget.ImageView', {}), button('跳过 3s')), 'p.q', 'skip', '跳过 3s'],
    ['crash dialog', page(text('“某应用”屡次停止运行'), button('关闭应用', 'android:id/aerr_close')), 'android', 'crash', '关闭应用'],
    ['an ordinary screen', page(text('我的'), button('关于我们')), 'p.q', undefined, undefined],
  ];
  it.each(cases)('%s', (_name, s, pkg, kind, label) => {
    const d = classifyDialog(s, pkg);
    expect(d?.kind).toBe(kind);
    if (d) expect(labelOf(s, d.button)).toBe(label);
  });
  it('permission dialogs can be denied by configuration', () => {
    const s = page(text('允许访问位置信息吗？'), button('仅在使用该应用时允许'), button('不允许'));
    expect(labelOf(s, classifyDialog(s, 'com.android.permissioncontroller', 'deny')!.button)).toBe('不允许');
  });
  it.each([
    ['允许“河湖巡护通”获取此设备的位置信息吗？', 'location'],
    ['要允许“某应用”访问您的通讯录吗？', 'contacts'],
    ['允许“某应用”录制音频吗？', 'microphone'],
    ['Allow App to access photos and media on your device?', 'storage/media'],
  ])('permissionOf(%s)', (m, p) => expect(permissionOf(m)).toBe(p));
});

describe('forms', () => {
  it('finds a login form by password field, hints and button label', () => {
    const s = page(field('请输入用户名', 'p:id/et_user'), field('请输入密码', 'p:id/et_pwd', true), button('登录', 'p:id/btn_login'));
    const f = findLoginForm(s)!;
    expect([f.username.resourceId, f.password.resourceId, f.submit.resourceId]).toEqual(['p:id/et_user', 'p:id/et_pwd', 'p:id/btn_login']);
    expect(safeTextFields(s)).toEqual([]);
  });
  it('config hints win over heuristics', () => {
    const s = page(field('工号', 'p:id/a'), field('手机号', 'p:id/b'), field('口令', 'p:id/c', true), button('进入', 'p:id/go'));
    const f = findLoginForm(s, { usernameField: 'p:id/b', submit: 'p:id/go' })!;
    expect(f.username.resourceId).toBe('p:id/b');
    expect(f.submit.resourceId).toBe('p:id/go');
  });
  const title = (t: string) => node('android.widget.TextView', { text: t, 'resource-id': 'p:id/tv_title' });
  const link = (t: string) => node('android.widget.TextView', { text: t, clickable: 'true' });
  it.each([
    ['a change-password form: phone field, new-password field, 确定', page(title('修改密码'), field('请输入手机号', 'p:id/et_phone'), field('请输入新密码', 'p:id/et_new_pwd', true), button('确定', 'p:id/btn_ok')), 'change-password'],
    ['the same without a title', page(field('请输入手机号', 'p:id/et_phone'), field('请输入新密码', 'p:id/et_new_pwd', true), button('确定', 'p:id/btn_ok')), 'change-password'],
    ['old + new + confirm password', page(field('原密码', 'p:id/a', true), field('新密码', 'p:id/b', true), field('确认新密码', 'p:id/c', true), button('提交')), 'change-password'],
    ['a register form', page(title('用户注册'), field('手机号', 'p:id/phone'), field('设置密码', 'p:id/pwd', true), field('再次输入密码', 'p:id/pwd2', true), button('注册')), 'register'],
    ['a reset form', page(title('找回密码'), field('手机号', 'p:id/phone'), field('请输入密码', 'p:id/pwd', true), button('确定')), 'reset'],
    ['id words only: et_confirm_pwd', page(field('账号', 'p:id/user'), field('密码', 'p:id/pwd', true), field('', 'p:id/et_confirm_pwd', true), button('登录')), 'other'],
    ['确定 on a screen that does not say login', page(field('用户名', 'p:id/u'), field('密码', 'p:id/p', true), button('确定')), 'other'],
  ])('%s is not a login form', (_name, s, kind) => {
    expect(findLoginForm(s)).toBeUndefined();
    expect(classifyPasswordForm(s)?.kind).toBe(kind);
  });
  it.each([
    ['登录 with 忘记密码 and 注册 links', page(field('请输入用户名', 'p:id/u'), field('请输入密码', 'p:id/p', true), button('登录'), link('忘记密码？'), link('注册账号'))],
    ['Taiwan wording 登入', page(field('帳號', 'p:id/u'), field('密碼', 'p:id/p', true), button('登入'))],
    ['English Sign in', page(field('Email', 'p:id/u'), field('Password', 'p:id/p', true), button('Sign in'))],
    ['确定 on a screen titled 用户登录', page(title('用户登录'), field('用户名', 'p:id/u'), field('密码', 'p:id/p', true), button('确定'))],
    ['登录/注册', page(title('登录/注册'), field('手机号', 'p:id/u'), field('密码', 'p:id/p', true), button('登录'))],
  ])('%s is a login form', (_name, s) => {
    expect(classifyPasswordForm(s)?.kind).toBe('login');
  });
  it('no probe types into a screen with a password field', () => {
    const s = page(title('修改密码'), field('请输入您的昵称', 'p:id/nick'), field('请输入新密码', 'p:id/et_new_pwd', true), button('确定'));
    expect(safeTextFields(s)).toEqual([]);
  });
  it('safe fields for the encoding probe: never passwords, phone numbers, ID numbers or captchas', () => {
    const s = page(field('请输入您的意见建议', 'p:id/content'), field('手机号码', 'p:id/phone'), field('身份证号', 'p:id/id'), field('验证码', 'p:id/code'), button('提交'));
    expect(safeTextFields(s).map((e) => e.resourceId)).toEqual(['p:id/content']);
  });
});
