import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SAFETY, judgeControl, screenSafety, type SafetyPolicy } from '../../crawlers/safety.ts';
import { extractActions } from '../../crawlers/actions.ts';
import { createTapGate, ocrInside } from '../../crawlers/safety/ocr-gate.ts';
import { intentsInIdWords, intentsInText } from '../../crawlers/safety/intents.ts';
import { normalizeLabel } from '../../crawlers/safety/normalize.ts';
import { parsePageSource } from '../../src/snapshot/parse.ts';
import { accessibleLabel, resourceIdWords } from '../../src/snapshot/model.ts';
import type { OcrBox } from '../../src/observation.ts';
import { FIXTURES } from '../helpers/paths.ts';

/**
 * The safety policy as a table over literal page sources (test/fixtures/safety/): every
 * dangerous control refused with its reason, every harmless one kept, so that the policy
 * neither lets a destructive tap through nor blinds the crawler.
 */
const DANGEROUS_DIR = new Set(readdirSync(path.join(FIXTURES, 'safety/dangerous')).map((f) => f.replace(/\.xml$/, '')));
const load = (name: string) => {
  const file = path.join(FIXTURES, 'safety', name.includes('/') ? '' : DANGEROUS_DIR.has(name) ? 'dangerous' : 'harmless', `${name}.xml`);
  return parsePageSource(readFileSync(file, 'utf8'), file);
};
const run = (name: string, policy: SafetyPolicy = DEFAULT_SAFETY) => extractActions(load(name), { appPackage: 'cn.gov.example.hostile', policy });
const STRICT: SafetyPolicy = { ...DEFAULT_SAFETY, level: 'strict' };

/** [fixture, refused controls as [label, intent], controls that must stay tappable]. */
const DANGEROUS: Array<[string, Array<[string, string]>, string[]?]> = [
  ['traditional-delete', [['刪除', 'delete']]],
  ['traditional-deregister', [['註銷帳號', 'deregister']]],
  ['traditional-logout', [['退出登錄', 'logout']]],
  ['taiwan-logout', [['登出', 'logout']]],
  ['hk-confirm-payment', [['確認付款', 'pay']]],
  ['english-submit', [['Submit', 'submit']]],
  ['english-delete-account', [['Delete account', 'deregister']]],
  ['english-logout', [['Log out', 'logout']]],
  ['english-pay-now', [['Pay now', 'pay']]],
  ['english-remove', [['Remove', 'delete']]],
  ['fullwidth-submit', [['ＳＵＢＭＩＴ', 'submit']]],
  ['zero-width-submit', [['提\u200b交', 'submit']]],
  ['zero-width-joiner-delete', [['删\u200d除', 'delete']]],
  ['bidi-override-logout', [['\u202e退出登录', 'logout']]],
  ['kangxi-pay', [['\u2f40付', 'pay']]],
  ['one-tap-clear', [['一键清空', 'delete']]],
  ['clear-cache', [['清除缓存 12.4MB', 'delete']]],
  ['unbind', [['解除绑定', 'unbind']]],
  ['change-password', [['修改密码', 'security']]],
  ['grant', [['同意授权', 'grant']]],
  ['withdraw', [['撤回申请', 'withdraw']]],
  ['auto-renew-button', [['开通自动续费', 'subscribe']]],
  ['publish', [['发布动态', 'publish']]],
  ['forward', [['转发', 'send']]],
  ['parent-desc-hides-child', [['更多操作', 'delete']]],
  ['blank-parent-hides-child', [['支付 ¥20.00', 'pay']]],
  ['id-only-camel', [['', 'submit']]],
  ['id-only-snake', [['', 'delete']]],
  ['id-only-digits', [['', 'delete']]],
  ['icon-desc-delete', [['删除', 'delete']]],
  ['row-with-switch', [['消息推送', 'toggle'], ['', 'toggle']]],
  ['auto-renew-checkbox', [['自动续费 到期后按月扣费', 'toggle'], ['自动续费', 'toggle']]],
  ['checkable-custom-view', [['深色模式', 'toggle']]],
  ['settings-radio', [['大号字体', 'toggle']]],
  ['confirm-dialog-submit', [['确定', 'confirm']], ['取消']],
  ['confirm-dialog-english', [['OK', 'confirm']], ['Cancel']],
  ['confirm-dialog-yes', [['是', 'confirm']], ['否']],
  ['confirm-dialog-irreversible', [['继续', 'confirm']], ['暂不']],
  ['confirm-dialog-good', [['好的', 'confirm']], ['再想想']],
  ['confirm-payment-sheet', [['确认支付 ¥20.00', 'pay']], ['关闭']],
  ['long-press-menu', [['转发', 'send'], ['删除', 'delete']], ['复制']],
  ['swipe-to-delete-row', [['删除', 'delete']], ['系统通知：您的办件已受理', '置顶']],
  ['settings-exit', [['退出', 'logout']], ['关于我们']],
  ['change-password-form', [['确定', 'security']], ['返回']],
  ['register-form', [['注册', 'submit']], ['返回']],
];

/** [fixture, every control that must stay tappable]. */
const HARMLESS: Array<[string, string[]]> = [
  ['detail-page', ['返回', '详情', '查看更多', '立即申请']],
  ['mine-rows', ['返回', '关于我们', '意见反馈', '我要留言', '办事指南', '账号与安全', '医保缴费', '支付记录']],
  ['bottom-tabs', ['首页', '办事', '消息', '我的']],
  ['radio-tabs', ['首页', '服务', '我的']],
  ['news-list', ['县气象台发布寒潮预警 11-03  某县融媒', '关于注销登记业务调整的公告 发布时间：2026-11-18', '我市上线“一件事一次办”集成服务 发布单位：市政务服务中心']],
  ['search-bar', ['搜索', '搜索']],
  ['info-dialog', ['确定']],
  ['login-screen', ['登录', '忘记密码？']],
  ['check-in', ['返回', '每日签到']],
  ['confirm-dialog-submit', ['取消']],
];

describe('safety policy: dangerous controls are refused, with the reason and the text that triggered it', () => {
  it.each(DANGEROUS)('%s', (name, refused, kept = []) => {
    const { actions, skipped } = run(name);
    expect(skipped.map((x) => [x.label, x.intent])).toEqual(refused);
    for (const x of skipped) {
      expect(x.reason.length).toBeGreaterThan(0);
      expect(x.word ?? x.text).toBeTruthy();
      expect(x.source).toBeTruthy();
    }
    expect(actions.map((a) => a.label)).toEqual(expect.arrayContaining(kept));
  });
});

describe('safety policy: harmless controls stay tappable', () => {
  it.each(HARMLESS)('%s', (name, kept) => {
    const { actions, skipped } = run(name);
    if (name !== 'confirm-dialog-submit') expect(skipped).toEqual([]);
    expect(actions.filter((a) => a.kind === 'tap').map((a) => a.label)).toEqual(expect.arrayContaining(kept));
  });
});

describe('OCR: a control whose only label is in its image', () => {
  const box = (text: string, x1: number, y1: number, x2: number, y2: number, confidence = 0.9997): OcrBox => ({ text, bounds: { x1, y1, x2, y2 }, confidence });
  const image = () => {
    const { actions } = run('image-only-submit');
    const a = actions.find((x) => x.unlabelled && x.bounds.y1 === 1800);
    expect(a, 'the image button is a candidate flagged as unlabelled').toBeDefined();
    return a!;
  };
  it('waits for the screen\'s OCR and refuses it when 提交 is read inside its bounds', async () => {
    const waits: boolean[] = [];
    const gate = createTapGate({ policy: DEFAULT_SAFETY, ocrOf: async (_s, o) => (waits.push(o.wait), [box('申请', 400, 230, 700, 300), box('提交', 480, 1830, 600, 1900)]) });
    const refusal = await gate('s1', image());
    expect(waits).toEqual([true]);
    expect(refusal).toMatchObject({ intent: 'submit', text: '提交', source: 'ocr' });
  });
  it('is tapped when OCR reads nothing dangerous there, refused when OCR failed', async () => {
    expect(await createTapGate({ policy: DEFAULT_SAFETY, ocrOf: async () => [box('查看', 480, 1830, 600, 1900)] })('s1', image())).toBeUndefined();
    expect(await createTapGate({ policy: DEFAULT_SAFETY, ocrOf: async () => undefined })('s1', image())).toMatchObject({ intent: 'unlabelled' });
  });
  it('labelled controls never wait; OCR text their label does not say is judged when known', async () => {
    const { actions } = run('detail-page');
    const apply = actions.find((a) => a.label === '立即申请')!;
    const waits: boolean[] = [];
    const gate = createTapGate({ policy: DEFAULT_SAFETY, ocrOf: async (_s, o) => (waits.push(o.wait), [box('立即申请', apply.bounds.x1 + 10, apply.bounds.y1 + 10, apply.bounds.x1 + 300, apply.bounds.y2 - 10)]) });
    expect(await gate('s1', apply)).toBeUndefined();
    expect(waits).toEqual([false]);
    const sneaky = createTapGate({ policy: DEFAULT_SAFETY, ocrOf: async () => [box('并支付', apply.bounds.x1 + 400, apply.bounds.y1 + 10, apply.bounds.x1 + 600, apply.bounds.y2 - 10)] });
    expect(await sneaky('s1', apply)).toMatchObject({ intent: 'pay', source: 'ocr' });
  });
  it('ocrInside takes boxes whose centre is inside, above the confidence floor', () => {
    const r = { x1: 0, y1: 0, x2: 100, y2: 100 };
    expect(ocrInside([box('a', 10, 10, 50, 50), box('b', 90, 90, 200, 200), box('c', 10, 10, 20, 20, 0.2)], r).map((b) => b.text)).toEqual(['a']);
  });
});

describe('strict level (observe-only): navigation only', () => {
  it('keeps tabs, list rows, menu rows, links and back; refuses buttons', () => {
    expect(run('bottom-tabs', STRICT).skipped).toEqual([]);
    expect(run('radio-tabs', STRICT).skipped).toEqual([]);
    expect(run('news-list', STRICT).skipped).toEqual([]);
    expect(run('mine-rows', STRICT).skipped).toEqual([]);
    const detail = run('detail-page', STRICT);
    expect(detail.actions.map((a) => a.label)).toEqual(['返回']);
    expect(detail.skipped.map((x) => [x.label, x.intent])).toEqual([
      ['详情', 'not-navigation'],
      ['查看更多', 'not-navigation'],
      ['立即申请', 'not-navigation'],
    ]);
    expect(run('login-screen', STRICT).actions.map((a) => a.label)).toEqual(['忘记密码？']);
    expect(run('confirm-dialog-submit', STRICT).actions.map((a) => a.label)).toEqual(['取消']);
  });
});

describe('the allow escape hatch (test environments)', () => {
  const allow = (...allow: string[]): SafetyPolicy => ({ ...DEFAULT_SAFETY, allow });
  it('allows by word (提交 allows 提交申请 and a dialog confirming a submit) and by intent name', () => {
    expect(run('confirm-dialog-submit', allow('提交')).skipped).toEqual([]);
    expect(run('zero-width-submit', allow('提交')).skipped).toEqual([]);
    expect(run('id-only-camel', allow('submit')).skipped).toEqual([]);
    expect(run('row-with-switch', allow('toggle')).skipped).toEqual([]);
    expect(run('english-pay-now', allow('提交')).skipped).toHaveLength(1);
    // A word allows the intent it names in id words too (a 提交 button whose id is btnSubmit).
    expect(run('id-only-camel', allow('提交')).skipped).toEqual([]);
    expect(run('id-only-snake', allow('提交')).skipped).toHaveLength(1);
  });
  it('deny adds words; unsafe allows everything', () => {
    expect(run('check-in', { ...DEFAULT_SAFETY, deny: ['签到'] }).skipped.map((x) => x.intent)).toEqual(['denied']);
    expect(run('confirm-dialog-submit', { ...DEFAULT_SAFETY, unsafe: true }).skipped).toEqual([]);
  });
});

describe('labels and words', () => {
  it('normalises what a person reads: NFKC, invisible characters, traditional script, case', () => {
    expect(['提\u200b交', '\u2f40付', '刪除', '註銷帳號', 'ＰＡＹ　ＮＯＷ', 'Log-Out', '\u202e退出'].map(normalizeLabel)).toEqual(['提交', '支付', '删除', '注销帐号', 'pay now', 'log out', '退出']);
  });
  it('splits resource-ids into words', () => {
    expect(['p:id/btnSubmit', 'p:id/btn_del', 'p:id/ivDelete2', 'p:id/HTTPConfig', ''].map(resourceIdWords)).toEqual([['btn', 'submit'], ['btn', 'del'], ['iv', 'delete', '2'], ['http', 'config'], []]);
    expect(intentsInIdWords(['model', 'view']).map((m) => m.intent)).toEqual([]);
    expect(intentsInIdWords(['btn', 'log', 'out']).map((m) => m.intent)).toEqual(['logout']);
  });
  it('a command names its intent anywhere, a headline only at its start', () => {
    expect(intentsInText('确认提交并承诺以上信息真实有效').map((m) => m.intent)).toEqual(['submit']);
    expect(intentsInText('县气象台发布寒潮预警')).toEqual([]);
    expect(intentsInText('发布时间：2026-11-18')).toEqual([]);
    expect(intentsInText('删除此条')[0].intent).toBe('delete');
  });
  it('the accessible label reads descendants, content-desc and hint; text keeps its meaning', () => {
    const s = load('dangerous/parent-desc-hides-child');
    const parent = s.elements.find((e) => e.contentDesc === '更多操作')!;
    expect(parent.text).toBe('');
    expect(accessibleLabel(s, parent)).toBe('更多操作 删除');
    expect(judgeControl(DEFAULT_SAFETY, screenSafety(s), parent)).toMatchObject({ allowed: false, intent: 'delete', text: '删除', source: 'descendant' });
  });
});

