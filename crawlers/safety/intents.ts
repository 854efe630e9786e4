import { compactLabel, labelSize, normalizeLabel } from './normalize.ts';

/**
 * Dangerous intents: what a tap may do that a crawl of a real government app, logged in with a
 * lab's account, must never do. Each intent is recognised by its words in Chinese (simplified;
 * labels are normalised from traditional first), by English phrases, and by resource-id words.
 * Pure data and pure matching.
 */
/** In order of precedence: the first that matches is the reason given (删除账号 closes the account). */
export const INTENT_NAMES = [
  'deregister',
  'logout',
  'unbind',
  'security',
  'subscribe',
  'pay',
  'submit',
  'send',
  'publish',
  'upload',
  'delete',
  'withdraw',
  'grant',
  'toggle',
  'call',
  'sign',
] as const;
export type Intent = (typeof INTENT_NAMES)[number];

interface IntentWords {
  reason: string;
  /** Chinese words: dangerous anywhere in a short label, or at the start of a long one. */
  zh: string[];
  /** Chinese words dangerous only as the whole label (after an imperative prefix): 缴费, 绑定. */
  zhWhole?: string[];
  /** English words or phrases (matched on word boundaries, case-folded). */
  en: string[];
  /** Resource-id word sequences (`btn_del` → del; `btnLogOut` → log out). */
  ids: string[];
}

export const INTENTS: Readonly<Record<Intent, IntentWords>> = {
  submit: {
    reason: 'submits a form',
    zh: ['提交', '递交', '确认申请', '确认办理', '确认预约', '确认报名'],
    zhWhole: ['申报', '上报', '报送'],
    en: ['submit', 'confirm application', 'apply now and submit'],
    ids: ['submit', 'commit'],
  },
  send: {
    reason: 'sends a message',
    zh: ['发送', '转发', '发消息', '发短信'],
    en: ['send', 'forward'],
    ids: ['send', 'forward'],
  },
  publish: {
    reason: 'publishes content',
    zh: ['发布', '发表', '发帖'],
    en: ['publish', 'post comment', 'post'],
    ids: ['publish'],
  },
  upload: {
    reason: 'uploads data',
    zh: ['上传'],
    en: ['upload'],
    ids: ['upload'],
  },
  pay: {
    reason: 'pays',
    zh: ['支付', '付款', '充值', '购买', '下单', '买单', '结算', '打赏', '抢购', '转账', '发红包', '收款'],
    zhWhole: ['缴费', '缴纳', '买', '付'],
    en: ['pay', 'pay now', 'buy', 'buy now', 'purchase', 'checkout', 'check out', 'top up', 'recharge', 'place order', 'order now'],
    ids: ['pay', 'payment', 'purchase', 'buy', 'checkout', 'recharge', 'top up', 'topup'],
  },
  subscribe: {
    reason: 'subscribes or renews a paid service',
    zh: ['自动续费', '续费', '订阅', '开通会员', '开通vip', '连续包月', '自动扣款', '免密支付'],
    en: ['subscribe', 'renew', 'auto renew', 'auto renewal'],
    ids: ['subscribe', 'renew', 'autorenew', 'auto renew'],
  },
  delete: {
    reason: 'deletes data',
    zh: ['删除', '移除', '清空', '清除', '删掉', '销毁', '格式化'],
    en: ['delete', 'remove', 'clear', 'erase', 'wipe'],
    ids: ['delete', 'del', 'remove', 'clear', 'erase', 'wipe', 'trash'],
  },
  withdraw: {
    reason: 'withdraws or cancels an application or order',
    zh: ['撤回', '撤销', '撤单', '取消订单', '取消预约', '取消申请', '取消办理', '取消报名', '退款', '退订'],
    en: ['withdraw', 'revoke application', 'cancel order', 'cancel appointment', 'refund', 'unsubscribe'],
    ids: ['withdraw', 'revoke', 'refund', 'unsubscribe', 'cancel order'],
  },
  logout: {
    reason: 'logs out',
    zh: ['退出登录', '退出账号', '退出帐号', '退出账户', '退出帐户', '登出', '安全退出', '切换账号', '切换帐号', '切换用户'],
    zhWhole: ['退出'],
    en: ['log out', 'logout', 'sign out', 'signout', 'switch account'],
    ids: ['logout', 'log out', 'signout', 'sign out', 'logoff', 'exit login', 'switch account'],
  },
  deregister: {
    reason: 'closes the account',
    zh: ['注销', '销户', '删除账号', '删除帐号', '账号注销', '帐号注销'],
    en: ['deregister', 'unregister', 'close account', 'delete account', 'deactivate'],
    ids: ['deregister', 'unregister', 'cancellation', 'deactivate', 'close account'],
  },
  unbind: {
    reason: 'unbinds the account or a device',
    zh: ['解绑', '解除绑定', '解除关联', '取消绑定', '换绑'],
    zhWhole: ['绑定'],
    en: ['unbind', 'unlink', 'disconnect'],
    ids: ['unbind', 'unlink', 'disconnect'],
  },
  security: {
    reason: 'changes the password, phone number or security settings',
    zh: ['修改密码', '重置密码', '设置密码', '更改密码', '修改手机', '更换手机', '更改手机', '修改绑定', '修改邮箱', '更换邮箱', '恢复出厂'],
    en: ['change password', 'reset password', 'set password', 'change phone', 'change email', 'factory reset', 'security settings'],
    ids: ['change pwd', 'modify pwd', 'reset pwd', 'change password', 'modify password', 'reset password', 'set pwd', 'change phone', 'modify phone'],
  },
  grant: {
    reason: 'grants or revokes an authorisation',
    zh: ['授权', '取消授权', '撤销授权', '同意授权', '一键授权'],
    en: ['grant', 'authorize', 'authorise', 'revoke'],
    ids: ['grant', 'authorize', 'authorise', 'auth grant'],
  },
  toggle: {
    reason: 'changes a setting',
    zh: ['开启通知', '关闭通知', '开启推送', '关闭推送', '开启定位', '关闭定位'],
    en: ['turn on', 'turn off', 'enable', 'disable'],
    ids: ['switch', 'toggle', 'checkbox', 'cb', 'sw', 'enable', 'disable'],
  },
  call: {
    reason: 'places a call',
    zh: ['拨打', '呼叫', '一键呼', '拨号'],
    en: ['call now', 'dial'],
    ids: ['dial', 'call'],
  },
  sign: {
    reason: 'signs a document',
    zh: ['签署', '同意并签', '确认签名', '电子签名', '签名确认'],
    en: ['sign document', 'e sign'],
    ids: ['esign', 'sign document'],
  },
};

/**
 * Nouns and states built on an intent's verb: 发布时间 is when a notice was published, 支付记录 a
 * history, 待支付 an order's status — not commands. Taken out of a label before its words are matched.
 */
const NOUN_COMPOUNDS =
  /(发布|提交|支付|上传|充值|购买|发送|缴费|删除|付款|下单|订阅)(时间|日期|单位|机构|部门|人|者|于|会|厅|方式|记录|状态|宝|明细|结果|历史|详情|须知|说明|指南|流程|进度|情况|金额|渠道|平台|中心)|(待|已|未|已经|尚未)(发布|提交|支付|上传|充值|购买|发送|缴费|删除|付款|下单|订阅|注销|解绑|绑定|授权|撤回|续费)/g;

/** What may precede the verb of a command without making it a sentence: 立即提交, 确认支付, 一键清空. */
const IMPERATIVE_PREFIX = '(?:确认|确定|立即|马上|现在|一键|去|点击|点此|我要|请|继续|同意并|全部|批量|再次|重新|直接)*';
/** A label longer than this is text (a headline, a paragraph), not the name of a command. */
const COMMAND_MAX_CJK = 8;
const COMMAND_MAX_WORDS = 4;

export interface IntentMatch {
  intent: Intent;
  /** The word that matched (normalised). */
  word: string;
}

const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Compiled {
  intent: Intent;
  anywhere: RegExp[];
  atStart: RegExp[];
  whole: RegExp[];
  en: RegExp[];
  ids: string[][];
}

const COMPILED: Compiled[] = INTENT_NAMES.map((intent) => {
  const w = INTENTS[intent];
  const words = w.zh.map(compactLabel);
  return {
    intent,
    anywhere: words.map((z) => new RegExp(escape(z))),
    atStart: words.map((z) => new RegExp(`^${IMPERATIVE_PREFIX}${escape(z)}`)),
    whole: (w.zhWhole ?? []).map((z) => new RegExp(`^${IMPERATIVE_PREFIX}${escape(compactLabel(z))}[吗?？!！。.]*$`)),
    en: w.en.map((p) => new RegExp(`(?:^|[^a-z])${p.split(' ').map(escape).join('[ ]?')}(?:$|[^a-z])`)),
    ids: w.ids.map((p) => p.split(' ')),
  };
});

/** Whether a normalised label is short enough to be the name of a command (a button, a menu entry). */
export function isCommandLike(normalized: string): boolean {
  const { cjk, words } = labelSize(normalized);
  return cjk <= COMMAND_MAX_CJK && words <= COMMAND_MAX_WORDS;
}

/**
 * The dangerous intents a piece of visible text names, first match per intent. A short label
 * (a command) matches a word anywhere in it (确认支付 ¥20.00, 删除此条); a long one (a headline)
 * only when it starts with the verb (提交并承诺…), so 县气象台发布寒潮预警 is news, not a command.
 */
export function intentsInText(text: string, opts: { sentence?: boolean } = {}): IntentMatch[] {
  const normalized = normalizeLabel(text);
  if (!normalized) return [];
  const compact = normalized.replace(/ /g, '').replace(NOUN_COMPOUNDS, '#');
  const command = opts.sentence || isCommandLike(normalized);
  const out: IntentMatch[] = [];
  for (const c of COMPILED) {
    const zh = (command ? c.anywhere : c.atStart).findIndex((re) => re.test(compact));
    if (zh >= 0) {
      out.push({ intent: c.intent, word: compactLabel(INTENTS[c.intent].zh[zh]) });
      continue;
    }
    const whole = opts.sentence ? -1 : c.whole.findIndex((re) => re.test(compact));
    if (whole >= 0) {
      out.push({ intent: c.intent, word: compactLabel(INTENTS[c.intent].zhWhole![whole]) });
      continue;
    }
    if (!command && !/^[a-z]/.test(normalized)) continue;
    const en = c.en.findIndex((re) => re.test(command ? normalized : normalized.slice(0, 24)));
    if (en >= 0) out.push({ intent: c.intent, word: INTENTS[c.intent].en[en] });
  }
  return out;
}

/** Id words that make the word before them a noun: `row_pay_history`, `tv_submit_time`. */
const ID_NOUNS = new Set(['history', 'record', 'records', 'list', 'detail', 'details', 'info', 'time', 'date', 'status', 'state', 'type', 'way', 'method', 'result', 'amount', 'count', 'num', 'hint', 'tip', 'tips', 'title', 'label']);

/** The dangerous intents resource-id words name (`btn`, `del` → delete). */
export function intentsInIdWords(words: readonly string[]): IntentMatch[] {
  const out: IntentMatch[] = [];
  const at = (seq: string[], i: number) => seq.every((w, j) => words[i + j] === w) && !ID_NOUNS.has(words[i + seq.length] ?? '');
  for (const c of COMPILED) {
    const seq = c.ids.find((s) => words.some((_, i) => at(s, i)));
    if (seq) out.push({ intent: c.intent, word: seq.join('_') });
  }
  return out;
}

export function isIntent(s: string): s is Intent {
  return (INTENT_NAMES as readonly string[]).includes(s);
}
