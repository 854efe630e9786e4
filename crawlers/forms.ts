import { formatBounds } from '../src/geometry.ts';
import { accessibleLabel, ancestorsOf, labelOf, resourceIdWords, type Snapshot, type UiElement } from '../src/snapshot/model.ts';
import { normalizeLabel } from './safety/normalize.ts';

/** Form recognition on a snapshot: text fields, password forms and which kind they are. Pure. */

export function isTextField(e: UiElement): boolean {
  return e.displayed && e.enabled && (/EditText$/.test(e.className) || e.attrs['web-tag'] === 'textarea' || (e.attrs['web-tag'] === 'input' && !/^(submit|button|checkbox|radio|hidden)$/.test(e.attrs['web-type'] ?? '')));
}

/** A locator the device understands for this element: resource-id when unique, else an xpath by bounds. */
export function locatorFor(s: Snapshot, e: UiElement): string {
  if (e.resourceId && s.elements.filter((x) => x.resourceId === e.resourceId).length === 1) return `id=${e.resourceId}`;
  return `//*[@bounds="${formatBounds(e.bounds)}"]`;
}

const USER_HINT = /(用户名|账号|帐号|手机号|工号|用户|账户|帐户|身份证|证件号|邮箱|login|user|account|phone|mobile|email)/i;
const PWD_HINT = /(密码|口令|password|passwd|pwd)/i;
/** Fields a login form never has: a second password, a new or an old one. */
const OTHER_PWD = /(新密码|确认密码|再次输入|再输入一次|重复密码|重新输入|原密码|旧密码|当前密码|new password|confirm password|re enter|repeat password|old password|current password|new pwd|confirm pwd|old pwd)/;
const OTHER_PWD_ID = /(^|\s)(new|confirm|old|again|repeat|re|original|current)\s?(pwd|password|passwd|pass)|(pwd|password)\s?(new|confirm|again|repeat|old)(\s|$)/;
/** Buttons that log in (normalised labels). */
const LOGIN_LABEL = /^(登录|登入|立即登录|马上登录|账号登录|帐号登录|密码登录|账号密码登录|用户登录|统一认证登录|安全登录|登录\s?\/?\s?注册|注册\s?\/?\s?登录|log ?in|sign ?in|login)$/;
const LOGIN_ID = /(^|\s)(login|signin|sign in|log in|logon)(\s|$)/;
/** Buttons that submit a form of any kind: a login only on a screen that is clearly a login screen. */
const GENERIC_SUBMIT = /^(确定|确认|进入|下一步|提交|ok|go|continue|继续)$/;
/** A screen title or heading that says this is a login screen. */
const LOGIN_TITLE = /^(用户登录|账号登录|帐号登录|密码登录|统一身份认证|统一身份认证登录|登录|登入|欢迎登录|sign in|log in|login)$/;
/** Words that make a form something else: registration, recovery, a change or reset of credentials. */
const OTHER_FORM = /(注册|找回|修改|重置|忘记|变更|更换|更改|设置密码|设置新密码|激活|sign up|register|create account|reset|forgot|recover|change password)/;
const LOGIN_WORD = /(登录|登入|sign in|log in|login)/;

export type PasswordFormKind = 'login' | 'change-password' | 'register' | 'reset' | 'other';

export interface LoginForm {
  username: UiElement;
  password: UiElement;
  submit: UiElement;
}

export interface PasswordForm {
  kind: PasswordFormKind;
  /** Why it is this kind (and not a login form), for the log and run.json. */
  why: string;
  login?: LoginForm;
}

export interface LoginHints {
  usernameField?: string;
  passwordField?: string;
  submit?: string;
}

function fieldMatches(e: UiElement, hint: string | undefined): boolean {
  if (!hint) return false;
  return e.resourceId === hint || e.resourceId.endsWith(`/${hint}`) || e.hint === hint || e.text === hint;
}

const fieldText = (e: UiElement) => normalizeLabel(`${e.hint} ${e.contentDesc} ${e.attrs['web-name'] ?? ''} ${e.attrs['web-placeholder'] ?? ''}`);
const isPasswordField = (e: UiElement) => e.password || e.attrs['web-type'] === 'password' || PWD_HINT.test(fieldText(e) + ' ' + resourceIdWords(e.resourceId).join(' '));

/** Texts on the screen that are not links or buttons: titles, headings, notes. */
function plainTexts(s: Snapshot): string[] {
  return s.elements
    .filter((e) => e.displayed && (e.text || e.contentDesc) && !isTextField(e) && !e.clickable && !ancestorsOf(s, e).some((a) => a.clickable))
    .map((e) => normalizeLabel(e.text || e.contentDesc));
}

function otherKind(text: string): PasswordFormKind {
  if (/(注册|sign up|register|create account|激活)/.test(text)) return 'register';
  if (/(找回|重置|忘记|reset|forgot|recover)/.test(text)) return 'reset';
  if (/(修改|变更|更换|更改|原密码|旧密码|当前密码|新密码|设置密码|change|old|current|new)/.test(text)) return 'change-password';
  return 'other';
}

/**
 * What the password form on this screen is, if there is one. It is a login form only with an
 * account field, exactly one password field, no new/confirm/old password field, no title or
 * heading that names registration, recovery or a change of credentials, and a button that logs
 * in: 登录 / Sign in (or the configured one) — a bare 确定 only on a screen titled like a login.
 * Field hints from the config (resource-id or hint text) win over the heuristics.
 */
export function classifyPasswordForm(s: Snapshot, hints: LoginHints = {}, context: { activity?: string } = {}): PasswordForm | undefined {
  const fields = s.elements.filter(isTextField);
  const configured = fields.find((e) => fieldMatches(e, hints.passwordField));
  const passwords = fields.filter((e) => e === configured || isPasswordField(e));
  if (!passwords.length) return undefined;
  const otherPwd = fields.find((e) => OTHER_PWD.test(fieldText(e)) || OTHER_PWD_ID.test(resourceIdWords(e.resourceId).join(' ')));
  const texts = plainTexts(s);
  const heading = texts.find((t) => OTHER_FORM.test(t) && !LOGIN_WORD.test(t));
  if (otherPwd || passwords.length > 1 || heading) {
    const why = heading ? `"${heading}" on the screen` : otherPwd ? `field "${otherPwd.hint || otherPwd.resourceId}"` : `${passwords.length} password fields`;
    return { kind: otherKind(`${heading ?? ''} ${otherPwd ? fieldText(otherPwd) : ''}`), why };
  }
  const password = passwords[0];
  const username =
    fields.find((e) => e !== password && fieldMatches(e, hints.usernameField)) ??
    fields.find((e) => e !== password && USER_HINT.test(fieldText(e) + ' ' + resourceIdWords(e.resourceId).join(' '))) ??
    fields.filter((e) => e !== password && e.bounds.y1 < password.bounds.y1).at(-1);
  if (!username) return { kind: 'other', why: 'no account field' };
  const clickables = s.elements.filter((e) => e.clickable && e.displayed && e.enabled && !isTextField(e));
  const label = (e: UiElement) => normalizeLabel(accessibleLabel(s, e));
  const loginScreen = texts.some((t) => LOGIN_TITLE.test(t.replace(/ /g, ''))) || /(login|signin)/i.test(context.activity ?? '');
  const submit =
    clickables.find((e) => fieldMatches(e, hints.submit) || (!!hints.submit && labelOf(s, e) === hints.submit)) ??
    clickables.find((e) => LOGIN_LABEL.test(label(e))) ??
    clickables.find((e) => !label(e) && LOGIN_ID.test(resourceIdWords(e.resourceId).join(' '))) ??
    (loginScreen ? clickables.find((e) => GENERIC_SUBMIT.test(label(e))) : undefined);
  if (!submit) return { kind: 'other', why: 'no button that logs in' };
  const submitText = label(submit);
  if (OTHER_FORM.test(submitText) && !LOGIN_WORD.test(submitText)) return { kind: otherKind(submitText), why: `button "${submitText}"` };
  return { kind: 'login', why: 'account field, one password field, login button', login: { username, password, submit } };
}

/** The login form on this screen, if it is one (see classifyPasswordForm). */
export function findLoginForm(s: Snapshot, hints: LoginHints = {}, context: { activity?: string } = {}): LoginForm | undefined {
  return classifyPasswordForm(s, hints, context)?.login;
}

const SENSITIVE_HINT = /(密码|口令|验证码|身份证|证件号|银行卡|卡号|金额|支付|手机号|手机号码|电话|password|otp|captcha)/i;

/**
 * Text fields the crawler may type a harmless probe into: not a password, PIN, ID number, phone,
 * amount or captcha field, and not on a screen with a password field (login, register, reset).
 */
export function safeTextFields(s: Snapshot): UiElement[] {
  const fields = s.elements.filter(isTextField);
  if (fields.some(isPasswordField)) return [];
  return fields.filter((e) => !e.password && !SENSITIVE_HINT.test(`${e.hint} ${e.resourceId} ${e.contentDesc}`));
}
