import { formatBounds } from '../src/geometry.ts';
import { labelOf, type Snapshot, type UiElement } from '../src/snapshot/model.ts';

/** Form recognition on a snapshot: text fields, login forms, submit buttons. Pure. */

export function isTextField(e: UiElement): boolean {
  return e.displayed && e.enabled && (/EditText$/.test(e.className) || e.attrs['web-tag'] === 'textarea' || (e.attrs['web-tag'] === 'input' && !/^(submit|button|checkbox|radio|hidden)$/.test(e.attrs['web-type'] ?? '')));
}

/** A locator the device understands for this element: resource-id when unique, else an xpath by bounds. */
export function locatorFor(s: Snapshot, e: UiElement): string {
  if (e.resourceId && s.elements.filter((x) => x.resourceId === e.resourceId).length === 1) return `id=${e.resourceId}`;
  return `//*[@bounds="${formatBounds(e.bounds)}"]`;
}

const USER_HINT = /(用户名|账号|帐号|手机号|工号|用户|账户|login|user|account|phone|mobile)/i;
const PWD_HINT = /(密码|口令|password|pwd)/i;
const LOGIN_LABEL = /^(登\s*录|立即登录|登录\/注册|账号登录|密码登录|确定|log\s*in|sign\s*in)$/i;
const SENSITIVE_HINT = /(密码|口令|验证码|身份证|证件号|银行卡|卡号|金额|支付|手机号|手机号码|电话|password|otp|captcha)/i;

export interface LoginForm {
  username: UiElement;
  password: UiElement;
  submit: UiElement;
}

function fieldMatches(e: UiElement, hint: string | undefined): boolean {
  if (!hint) return false;
  return e.resourceId === hint || e.resourceId.endsWith(`/${hint}`) || e.hint === hint || e.text === hint;
}

/**
 * A login form: a password field, a text field before it, and a button labelled like a login.
 * Field hints from the config (resource-id or hint text) win over the heuristics.
 */
export function findLoginForm(s: Snapshot, hints: { usernameField?: string; passwordField?: string; submit?: string } = {}): LoginForm | undefined {
  const fields = s.elements.filter(isTextField);
  const password =
    fields.find((e) => fieldMatches(e, hints.passwordField)) ?? fields.find((e) => e.password) ?? fields.find((e) => PWD_HINT.test(e.hint + e.resourceId));
  if (!password) return undefined;
  const username =
    fields.find((e) => fieldMatches(e, hints.usernameField)) ??
    fields.find((e) => e !== password && USER_HINT.test(e.hint + ' ' + e.resourceId)) ??
    fields.filter((e) => e !== password && e.bounds.y1 < password.bounds.y1).at(-1);
  if (!username) return undefined;
  const clickables = s.elements.filter((e) => e.clickable && e.displayed && e.enabled && !isTextField(e));
  const submit =
    clickables.find((e) => fieldMatches(e, hints.submit) || labelOf(s, e) === hints.submit) ??
    clickables.find((e) => LOGIN_LABEL.test(labelOf(s, e).trim())) ??
    clickables.find((e) => /(^|[_/])(login|signin|btn_login)([_/]|$)/i.test(e.resourceId.replace(/^.*:id\//, '')));
  return submit ? { username, password, submit } : undefined;
}

/**
 * Text fields the crawler may type a harmless probe into: not a password, PIN, ID number, phone,
 * amount or captcha field, and not on a login form.
 */
export function safeTextFields(s: Snapshot): UiElement[] {
  if (findLoginForm(s)) return [];
  return s.elements.filter((e) => isTextField(e) && !e.password && !SENSITIVE_HINT.test(`${e.hint} ${e.resourceId} ${e.contentDesc}`));
}
