/**
 * The safety policy: on a real government app a crawl must never commit data or change the
 * account. Labels matching these words are not tapped unless the user allows them explicitly
 * (config `safety.allow`, or `--allow` for a test environment). Skipped actions are recorded.
 */
export const DEFAULT_DENY: ReadonlyArray<{ word: string; reason: string }> = [
  { word: '提交', reason: 'submits a form' },
  { word: '发送', reason: 'sends a message' },
  { word: '发布', reason: 'publishes content' },
  { word: '发表', reason: 'publishes content' },
  { word: '上传', reason: 'uploads data' },
  { word: '确认支付', reason: 'pays' },
  { word: '支付', reason: 'pays' },
  { word: '付款', reason: 'pays' },
  { word: '充值', reason: 'pays' },
  { word: '购买', reason: 'buys' },
  { word: '下单', reason: 'places an order' },
  { word: '删除', reason: 'deletes data' },
  { word: '清空', reason: 'deletes data' },
  { word: '清除', reason: 'deletes data' },
  { word: '注销', reason: 'closes the account' },
  { word: '退出登录', reason: 'logs out' },
  { word: '退出账号', reason: 'logs out' },
  { word: '切换账号', reason: 'changes the account' },
  { word: '解绑', reason: 'unbinds the account' },
  { word: '修改密码', reason: 'changes the password' },
  { word: '重置密码', reason: 'changes the password' },
  { word: '恢复出厂', reason: 'changes settings' },
  { word: '拨打', reason: 'places a call' },
  { word: '呼叫', reason: 'places a call' },
  { word: '签署', reason: 'signs a document' },
  { word: '同意并签', reason: 'signs a document' },
  { word: '撤回', reason: 'withdraws an application' },
  { word: '取消订单', reason: 'changes an order' },
];

/** Resource-id words that mean the same as a deny-list word even when the button has no text. */
const DENY_ID_WORDS: Record<string, string> = {
  submit: '提交',
  send: '发送',
  publish: '发布',
  pay: '支付',
  purchase: '购买',
  buy: '购买',
  delete: '删除',
  remove: '删除',
  logout: '退出登录',
  signout: '退出登录',
  confirm_logout: '退出登录',
  unbind: '解绑',
  deregister: '注销',
};
const DENY_ID_RE = new RegExp(`(?:^|[_/])(${Object.keys(DENY_ID_WORDS).join('|')})(?:[_/]|$)`, 'i');

/** Dialog buttons that confirm whatever the previous screen asked (退出, 确定 in a logout dialog). */
const CONFIRM_AFTER = /(退出登录|注销|删除|支付|解绑)/;

export interface SafetyPolicy {
  /** Words the user allows although they are on the deny list (e.g. ['提交'] in a test environment). */
  allow: string[];
  /** Extra words to refuse. */
  deny: string[];
  /** Allow everything (test environments only). */
  unsafe: boolean;
}

export const DEFAULT_SAFETY: SafetyPolicy = { allow: [], deny: [], unsafe: false };

export interface SafetyVerdict {
  allowed: boolean;
  reason?: string;
  word?: string;
}

/**
 * Judges one tap target. `screenText` is every text on the screen: a bare 确定/退出 in a dialog
 * asking "确定退出登录吗？" confirms a logout and is refused too.
 */
export function judgeTap(
  policy: SafetyPolicy,
  target: { label: string; resourceId: string; className: string },
  screenText: string,
): SafetyVerdict {
  if (policy.unsafe) return { allowed: true };
  const { label, resourceId, className } = target;
  if (/(Switch|SwitchCompat|ToggleButton|SwitchMaterial)$/.test(className) && !policy.allow.includes('switch')) {
    return { allowed: false, reason: 'changes a setting', word: className.split('.').pop() };
  }
  const text = label.replace(/\s+/g, '');
  for (const w of policy.deny) if (w && text.includes(w)) return { allowed: false, reason: 'denied by configuration', word: w };
  for (const { word, reason } of DEFAULT_DENY) {
    if (text.includes(word) && !policy.allow.some((a) => word.includes(a) || a.includes(word))) return { allowed: false, reason, word };
  }
  const idWord = DENY_ID_RE.exec(resourceId.replace(/^.*:id\//, ''))?.[1]?.toLowerCase();
  if (idWord) {
    const word = DENY_ID_WORDS[idWord];
    const reason = DEFAULT_DENY.find((d) => d.word === word)?.reason ?? 'commits data or changes the account';
    if (!policy.allow.some((a) => a === word || a.toLowerCase() === idWord)) return { allowed: false, reason, word: idWord };
  }
  if (/^(确定|确认|是|好的?|退出|继续)$/.test(text)) {
    const m = CONFIRM_AFTER.exec(screenText);
    if (m && !policy.allow.some((a) => m[0].includes(a))) return { allowed: false, reason: `confirms "${m[0]}" asked on this screen`, word: text };
  }
  return { allowed: true };
}
