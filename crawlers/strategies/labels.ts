import { isButton } from '../../src/snapshot/dialog-words.ts';
import type { CandidateAction } from '../actions.ts';
import type { StateNode } from '../graph.ts';

/**
 * Label classes of the targeted strategy: what a control is by what a person reads on it (its
 * label, content-desc or resource-id words) and where it stands (a dialog, a page, the bottom
 * bar). Clause words are not here: they come from the detectors' `meta.seek` (./seek.ts).
 */

export function labelOf(a: CandidateAction): string {
  return (a.label || a.selector.text || a.selector['content-desc'] || '').trim();
}

/** The resource-id's own part (after `:id/`). */
export function shortId(a: CandidateAction): string {
  const id = a.selector['resource-id'] ?? '';
  const i = id.indexOf(':id/');
  return i >= 0 ? id.slice(i + 4) : id;
}

/** Chinese terms anywhere in a label; Latin ones (AI, DeepSeek) as whole words (not the AI of E-MAIL). */
export function hasTerm(label: string, term: string): boolean {
  if (!/^[A-Za-z]+$/.test(term)) return label.includes(term);
  return new RegExp(`(^|[^A-Za-z])${term}($|[^A-Za-z])`).test(label);
}

/**
 * Hubs: screens that hold many entries (我的, 个人中心, 设置, 更多, 工作台…). The personal centre
 * comes first: settings, about, feedback and points usually all hang off it.
 */
const HUBS: readonly { weight: number; terms: readonly string[]; exact: readonly string[]; ids: RegExp }[] = [
  // 我的 on its own: 我的办件, 我的收藏 are entries of the personal centre, not the centre.
  { weight: 7, terms: ['个人中心', '用户中心', '会员中心'], exact: ['我', '我的', '个人'], ids: /(^|_)(mine|me|my|profile|personal|user_?center)$/i },
  // The government–citizen interaction section (政民互动, 互动交流, 我要问政) holds 咨询, 投诉, 建议, 举报.
  { weight: 8, terms: ['互动', '问政', '民意', '政民'], exact: [], ids: /(^|_)(interact|interaction|wenzheng)$/i },
  {
    weight: 6,
    terms: ['设置', '更多', '工作台', '全部', '系统设置', '通用', '账号', '账户'],
    exact: [],
    // Resource ids ending in a hub word (row_settings, btn_more; not more_1, an entry inside a hub).
    ids: /(^|_)(settings?|more|more_?(apps|services)|workbench)$/i,
  },
  // Catalogues of services (服务, 办事, 全部应用): many entries, rarely evidence. Only on their
  // own: 社保服务 is a service, 服务 the catalogue.
  { weight: 4, terms: [], exact: ['服务', '应用', '办事', '全部服务', '全部应用', '服务大厅', '办事大厅'], ids: /(^|_)(all_?(apps|services)|services?)$/i },
];
/** A hub word counts inside a label this short at most (个人中心 yes, 我的设置提醒已开启 no). */
const HUB_LABEL_MAX = 6;

/** Weight of the hub a tap names (the best one), undefined when it names none. */
export function hubWeight(label: string, id: string): number | undefined {
  let best: number | undefined;
  for (const h of HUBS) {
    const hub = h.exact.includes(label) || (label.length <= HUB_LABEL_MAX && h.terms.some((t) => label.includes(t))) || (!!id && h.ids.test(id));
    if (hub) best = Math.max(best ?? 0, h.weight);
  }
  return best;
}

/** Resource-id words of ways past a gate (the labels: src/snapshot/dialog-words.ts). */
const GATE_IDS = /(^|_)(skip|agree|ok|confirm|close|dismiss|cancel|later|guest|enter|allow)(_|$)/i;
/** Back and dismiss controls outside dialogs: they return to a known screen. */
const BACK = /^(返回|后退|关闭|取消|完成|<|‹|←|back|close|cancel)$/i;
const BACK_IDS = /(^|_)(back|close|cancel|dismiss|nav_up|up|home_as_up)(_|$)/i;
/** Controls that leave the app or spawn system UI (update, share, rate, call, camera). */
const LEAVE = /(立即更新|立即升级|更新|升级|下载|去评分|评分|分享|转发|拨号|打电话|扫一扫|扫码|相机|拍照|相册)/;
/** The home tab usually leads to the launch screen, which is known. */
const HOME = /^(首页|主页|home)$/i;

export const leavesApp = (label: string) => LEAVE.test(label);
export const isHomeTab = (a: CandidateAction) => a.inBottomBar && HOME.test(labelOf(a));

/**
 * A label whose first part is longer than this is content (a headline, a course title), not the
 * name of an entry (`我的积分 当前积分 860` is the entry 我的积分 with its value).
 */
const LONG_LABEL = 10;
export const isContent = (label: string) => (label.split(/\s+/)[0] ?? '').length > LONG_LABEL;

/** A control labelled like a way back (返回, a back arrow's id, 关闭, 取消). */
function looksLikeBack(a: CandidateAction): boolean {
  const label = labelOf(a);
  return a.kind === 'tap' && (BACK.test(label) || (!label && BACK_IDS.test(shortId(a))));
}

/** A popup or gate: few actions, no bottom bar, no list, and no title-bar back button (a page has one). */
function isDialogLike(node: StateNode): boolean {
  return (
    node.actions.length <= 4 &&
    !node.actions.some((a) => a.inBottomBar || a.kind === 'swipe' || a.listRow !== undefined || (looksLikeBack(a) && !/关闭|取消|close|cancel/i.test(labelOf(a))))
  );
}

/** A way past a dialog or gate into the app (同意, 跳过, 我知道了, 关闭…). */
export function isGate(a: CandidateAction, node: StateNode): boolean {
  const label = labelOf(a);
  return (
    a.kind === 'tap' &&
    isDialogLike(node) &&
    (isButton(label, 'agree', 'gotIt', 'confirm', 'later', 'skip', 'guest', 'enter', 'allowWhileUsing', 'allowOnce', 'allow', 'close') || (!label && GATE_IDS.test(shortId(a))))
  );
}

/** A control that returns to the previous screen (a title-bar back button, 返回, 关闭 outside dialogs). */
export function isBackControl(a: CandidateAction, node: StateNode): boolean {
  return looksLikeBack(a) && !isDialogLike(node);
}

/**
 * What an entry is among its siblings on a screen: one of a grid of functions or buttons (each
 * with its own resource-id, distinct), or a row of a list (rows share a layout: more of the same).
 */
export function entryKind(a: CandidateAction): string | undefined {
  if (a.kind !== 'tap' || a.inBottomBar) return undefined;
  return a.listRow === undefined || a.selector['resource-id'] !== undefined ? `entry:${a.className}` : `list:${a.className}`;
}
