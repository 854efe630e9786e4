import {
  AI_SERVICE_TERMS,
  CHECK_IN_TERMS,
  COMPLAINT_TERMS,
  NOT_COMPLAINT_TERMS,
  NON_USER_RANK_SUBJECTS,
  ONLINE_TIME_LABELS,
  POINTS_TERMS,
  RANKING_TERMS,
  REPORT_TERMS,
  SPECIAL_SCENARIOS,
  // eslint-disable-next-line import-x/no-restricted-paths -- removed by issue 14 (seek)
} from '../../detectors/lib/vocab.ts';
import type { CandidateAction } from '../actions.ts';
import type { ExplorationGraph, StateNode } from '../graph.ts';
import type { Strategy } from './strategy.ts';

/**
 * Goal-directed exploration: go where the standard's evidence lives first, then cover the rest.
 *
 * Every untried action gets a value:
 * - **relevance**: its label, content-desc or resource-id names an entry that leads to a clause's
 *   evidence (签到/打卡 → 4.1.1, 积分/排行 → 4.1.2, 学习/观看/时长 → 4.1.3, 关于 → 4.2 and 5,
 *   反馈/投诉/留言/客服 → 4.3, 举报 → 6.h, 商城 → 6.i, 智能问答… → 7.3) or a hub that holds such
 *   entries (我的/个人中心 first, then 设置, 更多, 工作台, 互动; catalogues such as 服务 last).
 *   The words come from the detectors' vocabulary. Each tried action of a clause group makes the
 *   group's next one worth less (its evidence is probably in); a long label is content (a
 *   headline) rather than the name of an entry;
 * - **novelty**: a control that led to the same place from two states (or a bottom tab tried
 *   once) is a known move; a widget seen on many screens is chrome; the tenth entry of a grid
 *   whose first entries were tried is more of the same, rows whose siblings all opened one
 *   template will open it too, while the first row of a list nobody opened yet is new; a state
 *   nothing was tried on yet comes first;
 * - **screen role**: bottom tabs open top-level sections; on dialogs and gates (a popup on
 *   launch, a permission prompt) the ways in (同意, 跳过, 我知道了, 关闭…) come first; back
 *   buttons, update and share buttons come last; the rows in view come before scrolling further
 *   (the rows a scroll reveals are tapped where they were seen).
 *
 * Cheap returns: a back button is worth the best work up the back stack (its parent, and what is
 * known from there), and a move whose destination is known is worth the work waiting there, so
 * after a subtree's evidence the crawler goes back up instead of finishing the subtree first.
 * The crawler takes the best action here only while no state reachable by known moves offers
 * more than the travel costs (`TRAVEL_COST` per move, twice that when untried work worth
 * something stays behind); otherwise it travels there first (`defer`). Back keys come last,
 * those of roots (which leave the app and cost a relaunch) very last. When only low-value work
 * is left the same rule picks the nearest state with work, so the crawl keeps covering everything
 * until the budget ends, without the detours of breadth-first order.
 */

/** Value of one known move spent travelling, in the units of action values. */
const TRAVEL_COST = 1;
/** Leave the current state only for work worth clearly more than the best here. */
const DEFER_MARGIN = 0.5;
/** Leaving untried work worth something here means coming back for it later: moves away then cost this many times. */
const LEAVE_FACTOR = 2;
/** Trying the back key of a state: it mostly returns to a known screen (or leaves the app from a root). */
const BACK_VALUE = 0.25;
/**
 * …on a root (the launch screen, a bottom-tab section: nothing but a tab or a timed move leads
 * there) back usually leaves the app, and coming back costs a relaunch: last of all.
 */
const ROOT_BACK_VALUE = 0.1;
/** Waiting on a screen without actions (splash): it usually moves on by itself. */
const WAIT_VALUE = 3;

interface Group {
  id: string;
  weight: number;
  terms: readonly string[];
  /** Resource-id words (the part after `:id/`). */
  ids?: RegExp;
  /** Each tried action of the group multiplies the group's weight by this. */
  decay: number;
}

/** Resource-id words: each must start a word of the id (`row_points`, `tab_study`; not `appointment`, `permission`). */
function idWords(...words: string[]): RegExp {
  return new RegExp(`(^|_)(${words.join('|')})`, 'i');
}

/** Entries that lead to clause evidence. */
const GROUPS: readonly Group[] = [
  { id: 'check-in', weight: 10, terms: CHECK_IN_TERMS, ids: idWords('sign_?in', 'check_?in', 'punch', 'clock_?in', 'qiandao', 'daka'), decay: 0.4 },
  { id: 'ranking', weight: 10, terms: [...RANKING_TERMS, '榜'], ids: idWords('rank', 'leader_?board', 'paihang'), decay: 0.4 },
  { id: 'points', weight: 8, terms: [...POINTS_TERMS, '积分商城', '我的积分'], ids: idWords('points?', 'score', 'credit', 'jifen'), decay: 0.5 },
  { id: 'about', weight: 9, terms: ['关于', '版本信息', '主办单位', '版权'], ids: idWords('about', 'copyright'), decay: 0.4 },
  {
    id: 'complaint',
    weight: 9,
    terms: [...COMPLAINT_TERMS, '客服', '帮助', '热线', '联系我们', '联系方式', '12345'],
    ids: idWords('feedback', 'complain', 'suggest', 'advice', 'opinion', 'message_?board', 'guestbook', 'help', 'contact_?us', 'kefu', 'customer_?service'),
    decay: 0.5,
  },
  { id: 'report', weight: 7, terms: REPORT_TERMS, ids: idWords('jubao', 'report'), decay: 0.4 },
  { id: 'ai', weight: 8, terms: [...AI_SERVICE_TERMS, '智能', 'AI'], ids: idWords('ai(_|$)', 'assistant', 'chat_?bot', 'robot', 'smart_?qa'), decay: 0.5 },
  {
    id: 'time',
    weight: 7,
    terms: [...ONLINE_TIME_LABELS, '时长', '观看', '学习记录', '学习档案', '学习统计', '历史记录', '浏览记录', '足迹'],
    ids: idWords('history', 'duration', 'footprint', 'study_?record', 'watch_?record', 'online_?time'),
    decay: 0.6,
  },
  { id: 'study', weight: 6, terms: ['学习', '课程', '课堂', '培训', '听课', '视频', '直播', '播放', '专题'], ids: idWords('study', 'course', 'learn', 'lesson', 'video', 'player', 'live', 'train'), decay: 0.7 },
  // Points are usually earned by tasks (每日任务, 答题): worth a look for 4.1.1 / 4.1.2.
  { id: 'tasks', weight: 6, terms: ['任务', '答题', '挑战', '每日'], ids: idWords('tasks?', 'missions?', 'daily', 'quiz'), decay: 0.6 },
  // 4.1.1 allows check-in only in special scenarios (patrols, duty, emergencies), where it is common: worth a look for review.
  { id: 'scenario', weight: 4, terms: SPECIAL_SCENARIOS.flatMap((s) => s.terms), ids: idWords('patrol', 'inspect', 'duty', 'emergency'), decay: 0.6 },
  { id: 'commerce', weight: 5, terms: ['商城', '兑换', '商品', '店铺', '会员', '优惠', '购物'], ids: idWords('shop', 'mall', 'store', 'goods', 'vip'), decay: 0.5 },
  { id: 'policy', weight: 4, terms: ['隐私政策', '用户协议', '服务协议', '隐私', '协议'], ids: idWords('privacy', 'agreement', 'policy', 'protocol', 'terms'), decay: 0.5 },
];
const DECAY = new Map(GROUPS.map((g) => [g.id, g.decay]));

/**
 * Hubs: screens that hold many entries (the 我的, 个人中心, 设置, 更多, 工作台…). The
 * personal centre comes first: settings, about, feedback and points usually all hang off it.
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

/** Ways past a gate or dialog into the app. */
const GATE =
  /^(跳过|跳过广告|同意|同意并继续|我同意|我知道了|知道了|好的|暂不|暂不登录|暂不更新|以后再说|稍后|稍后再说|下次再说|不再提示|游客|游客访问|游客登录|先逛逛|随便看看|进入|立即进入|立即体验|开始使用|确定|允许|仅在使用该应用时允许|仅限这一次|始终允许|关闭|取消|×|✕|x|X)$/;
const GATE_IDS = /(^|_)(skip|agree|ok|confirm|close|dismiss|cancel|later|guest|enter|allow)(_|$)/i;
/** Back and dismiss controls outside dialogs: they return to a known screen. */
const BACK = /^(返回|后退|关闭|取消|完成|<|‹|←|back|close|cancel)$/i;
const BACK_IDS = /(^|_)(back|close|cancel|dismiss|nav_up|up|home_as_up)(_|$)/i;
/** Controls that leave the app or spawn system UI (update, share, rate, call, camera). */
const LEAVE = /(立即更新|立即升级|更新|升级|下载|去评分|评分|分享|转发|拨号|打电话|扫一扫|扫码|相机|拍照|相册)/;
/** The home tab usually leads to the launch screen, which is known. */
const HOME = /^(首页|主页|home)$/i;

/**
 * A label whose first part is longer than this is content (a headline, a course title), not the
 * name of an entry (`我的积分 当前积分 860` is the entry 我的积分 with its value).
 */
const LONG_LABEL = 10;
const CONTENT_FACTOR = 0.4;
const isContent = (label: string) => (label.split(/\s+/)[0] ?? '').length > LONG_LABEL;

/**
 * Plain entries by kind: a button or grid entry, a row of a list, and the first row of a list
 * nobody opened yet: one sample of each list shows what its rows lead to (an article page with
 * 举报, a player with a time counter) early, the rest can wait.
 */
const PLAIN = { entry: 1.5, row: 0.8, firstOfList: 2.5 } as const;
/** A bottom tab opens a top-level section. */
const TAB_BONUS = 2;
/** Scrolling a list: after the rows in view (their taps use the coordinates they were seen at). */
const SCROLL = { down: 0.5, up: 0.3, sideways: 0.6 } as const;
/** Each plain entry already tried on the same state makes the next one of its kind worth this much. */
const SIBLING_DECAY = 0.9;
/** A move whose outcome is predicted (a twin control elsewhere, rows of one template) is worth this share. */
const PREDICTED = 0.3;
/** Rows of a list not sampled yet, in an app whose lists were seen to share a detail template. */
const TEMPLATE_FACTOR = 0.6;
const FRESH_BONUS = 0.3;

function shortId(a: CandidateAction): string {
  const id = a.selector['resource-id'] ?? '';
  const i = id.indexOf(':id/');
  return i >= 0 ? id.slice(i + 4) : id;
}

/** Chinese terms anywhere in a label; Latin ones (AI, DeepSeek) as whole words (not the AI of E-MAIL). */
function hasTerm(label: string, term: string): boolean {
  if (!/^[A-Za-z]+$/.test(term)) return label.includes(term);
  return new RegExp(`(^|[^A-Za-z])${term}($|[^A-Za-z])`).test(label);
}

function labelOf(a: CandidateAction): string {
  return (a.label || a.selector.text || a.selector['content-desc'] || '').trim();
}

export interface Relevance {
  /** Every clause group the action's label or id names, with the group's weight. */
  groups: { id: string; weight: number }[];
  /** Hub weight, when it names a hub. */
  hub?: number;
  /** The best of them (0: nothing relevant). */
  weight: number;
}

const relevanceCache = new WeakMap<CandidateAction, Relevance>();

/** Relevance of an action to clause evidence: the best matching group (or hub) and its weight. */
export function relevance(a: CandidateAction): Relevance {
  let r = relevanceCache.get(a);
  if (r) return r;
  r = { groups: [], weight: 0 };
  if (a.kind === 'tap') {
    const label = labelOf(a);
    const id = shortId(a);
    for (const g of GROUPS) {
      const byText = g.terms.some((t) => hasTerm(label, t));
      const byId = !!(g.ids && id && g.ids.test(id));
      if (!byText && !byId) continue;
      // 上报 is staff reporting incidents, not a complaint channel; a ranking of water quality or
      // service windows is not a ranking of users (4.1.2 note).
      if (g.id === 'complaint' && NOT_COMPLAINT_TERMS.some((t) => label.includes(t))) continue;
      if (g.id === 'ranking' && NON_USER_RANK_SUBJECTS.some((t) => label.includes(t))) continue;
      r.groups.push({ id: g.id, weight: g.weight });
    }
    // An AI service named 客服 (智能客服, AI客服) is an AI service first: its answers are 7.3's evidence, not a complaint channel.
    if (r.groups.some((g) => g.id === 'ai')) r.groups = r.groups.filter((g) => g.id !== 'complaint');
    for (const h of HUBS) {
      const hub = h.exact.includes(label) || (label.length <= 6 && h.terms.some((t) => label.includes(t))) || (!!id && h.ids.test(id));
      if (hub) r.hub = Math.max(r.hub ?? 0, h.weight);
    }
    r.weight = Math.max(r.hub ?? 0, ...r.groups.map((g) => g.weight));
  }
  relevanceCache.set(a, r);
  return r;
}

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

function isGate(a: CandidateAction, node: StateNode): boolean {
  const label = labelOf(a);
  return a.kind === 'tap' && isDialogLike(node) && (GATE.test(label) || (!label && GATE_IDS.test(shortId(a))));
}

/** A control that returns to the previous screen (a title-bar back button, 返回, 关闭 outside dialogs). */
function isBackControl(a: CandidateAction, node: StateNode): boolean {
  return looksLikeBack(a) && !isDialogLike(node);
}

/**
 * What an entry is among its siblings on a screen: one of a grid of functions or buttons (each
 * with its own resource-id, distinct), or a row of a list (rows share a layout: more of the same).
 */
function entryKind(a: CandidateAction): string | undefined {
  if (a.kind !== 'tap' || a.inBottomBar) return undefined;
  return a.listRow === undefined || a.selector['resource-id'] !== undefined ? `entry:${a.className}` : `list:${a.className}`;
}

/** Value of an entry as such, whatever it is called. */
function plainValue(a: CandidateAction, node: StateNode, ctx: Context): number {
  const kind = entryKind(a);
  if (!kind) return PLAIN.entry + (a.inBottomBar ? TAB_BONUS : 0);
  const tried = node.actions.filter((b) => node.tried.has(b.key) && entryKind(b) === kind);
  // One sample of each list, while lists lead to different things (once two lists opened the
  // same detail screen, the app's lists share templates and a first row is no news).
  if (!tried.length && a.listRow !== undefined && !ctx.templates.size) return PLAIN.firstOfList;
  if (kind.startsWith('entry:')) return PLAIN.entry * Math.pow(SIBLING_DECAY, tried.length);
  // Rows whose tried siblings opened a shared template, or all the same screen, open it too.
  const targets = new Set(tried.map((b) => ctx.graph?.target(node.key, b.key)));
  const predicted = [...targets].some((t) => t !== undefined && ctx.templates.has(t)) || (tried.length >= 2 && targets.size === 1 && !targets.has(undefined));
  // In an app whose lists share templates, an unsampled list's rows probably open one too.
  const row = ctx.templates.size ? PLAIN.row * TEMPLATE_FACTOR : PLAIN.row;
  return predicted ? PLAIN.row * PREDICTED : row;
}

/** What the strategy knows about the whole graph, recomputed at each decision. */
export interface Context {
  /**
   * action key → where it leads wherever it is: a bottom tab tried once, or a control tried on
   * two states that led to the same place both times. (A 在线办理 button with one resource-id on
   * every service screen leads to a different form from each: not predicted.)
   */
  knownTarget: Map<string, string>;
  /** label → number of states that offer an action with it. */
  labelStates: Map<string, number>;
  /** group → tried actions of that group. */
  triedInGroup: Map<string, number>;
  /** node key → the state a tap (not a bottom tab) first led here from: where back probably returns. */
  parent: Map<string, string>;
  /** Learnt moves: node key → states one move away. */
  out: Map<string, string[]>;
  /** Where a home tab leads: the first state found with a bottom bar. */
  home?: string;
  /** Detail screens that rows of lists on two or more states opened (one template for many lists). */
  templates: Set<string>;
  graph?: ExplorationGraph;
}

export function contextOf(graph: ExplorationGraph | undefined): Context {
  const ctx: Context = { knownTarget: new Map(), labelStates: new Map(), triedInGroup: new Map(), parent: new Map(), out: new Map(), templates: new Set(), graph };
  if (!graph) return ctx;
  ctx.home = [...graph.nodes.values()].filter((n) => n.actions.some((a) => a.inBottomBar)).sort((a, b) => a.order - b.order)[0]?.key;
  const rowParents = new Map<string, Set<string>>();
  const seen = new Map<string, { to: Set<string>; from: Set<string>; tab: boolean }>();
  for (const e of graph.edges()) {
    const k = seen.get(e.action) ?? { to: new Set(), from: new Set(), tab: false };
    seen.set(e.action, k);
    k.to.add(e.to);
    k.from.add(e.from);
    k.tab ||= graph.get(e.from)?.actions.find((a) => a.key === e.action)?.inBottomBar ?? false;
    const l = ctx.out.get(e.from);
    if (l) l.push(e.to);
    else ctx.out.set(e.from, [e.to]);
    if (e.to === e.from || !e.action.startsWith('tap:')) continue;
    const from = graph.get(e.from);
    const to = graph.get(e.to);
    const act = from?.actions.find((a) => a.key === e.action);
    if (act && entryKind(act)?.startsWith('list:')) rowParents.set(e.to, (rowParents.get(e.to) ?? new Set()).add(e.from));
    if (!from || !to || act?.inBottomBar) continue;
    const known = ctx.parent.get(e.to);
    if (!known || graph.get(known)!.depth > from.depth) ctx.parent.set(e.to, e.from);
  }
  for (const [action, k] of seen) if (k.to.size === 1 && (k.tab || k.from.size >= 2)) ctx.knownTarget.set(action, [...k.to][0]);
  for (const [to, parents] of rowParents) if (parents.size >= 2) ctx.templates.add(to);
  for (const n of graph.nodes.values()) {
    const labels = new Set<string>();
    for (const a of n.actions) {
      labels.add(labelOf(a));
      if (!n.tried.has(a.key)) continue;
      for (const g of relevance(a).groups) ctx.triedInGroup.set(g.id, (ctx.triedInGroup.get(g.id) ?? 0) + 1);
    }
    for (const l of labels) if (l) ctx.labelStates.set(l, (ctx.labelStates.get(l) ?? 0) + 1);
  }
  return ctx;
}

/** Value of trying `a` on `node` now. */
export function actionValue(a: CandidateAction, node: StateNode, ctx: Context, predict = true): number {
  const label = labelOf(a);
  let v: number;
  if (a.kind === 'swipe') {
    v = a.gesture === 'scroll-down' ? SCROLL.down : a.gesture === 'scroll-up' ? SCROLL.up : SCROLL.sideways;
  } else if (isGate(a, node)) {
    v = 5;
  } else if (LEAVE.test(label)) {
    v = 0.2;
  } else if (isBackControl(a, node)) {
    v = 0.3;
  } else if (a.inBottomBar && HOME.test(label)) {
    v = 0.5;
  } else {
    const r = relevance(a);
    // The best group still worth a look (each tried action of a group makes its next one worth less), or a hub.
    const best = Math.max(r.hub ?? 0, ...r.groups.map((g) => g.weight * Math.pow(DECAY.get(g.id) ?? 1, ctx.triedInGroup.get(g.id) ?? 0)));
    const relevant = r.weight > 0 ? Math.max(best * (isContent(label) ? CONTENT_FACTOR : 1), 1) : 0;
    v = Math.max(relevant, plainValue(a, node, ctx));
  }
  // Novelty: the same control already led somewhere from another state; the home tab leads home.
  let predicted = ctx.knownTarget.get(a.key);
  if (predicted !== undefined) v *= predicted === node.key ? 0.1 : PREDICTED;
  else if (a.inBottomBar && HOME.test(label)) predicted = ctx.home;
  // …and is then worth the work waiting there, one move away (no deeper: values stay finite).
  const there = predict && predicted !== undefined && predicted !== node.key ? ctx.graph?.get(predicted) : undefined;
  if (there && ctx.graph!.hasWork(there)) v = Math.max(v, stateValue(there, ctx, false) - TRAVEL_COST);
  // Widgets on many screens are chrome (tabs, toolbars) rather than new content.
  if ((ctx.labelStates.get(label) ?? 1) > 2) v *= 0.8;
  if (node.tried.size === 0) v += FRESH_BONUS;
  return v;
}

function backValue(node: StateNode, ctx: Context): number {
  return ctx.parent.has(node.key) ? BACK_VALUE : ROOT_BACK_VALUE;
}

/** Value of the best work left on a state (its untried actions, a timed move, its back key). */
export function stateValue(node: StateNode, ctx: Context, predict = true): number {
  let best = -Infinity;
  for (const a of node.actions) if (!node.tried.has(a.key)) best = Math.max(best, actionValue(a, node, ctx, predict));
  if (!node.waited && node.actions.length === 0) best = Math.max(best, WAIT_VALUE);
  if (!node.backTried) best = Math.max(best, backValue(node, ctx));
  return best;
}

/**
 * Moves from `from` to every state reachable by learnt edges; with `viaBack`, also by going back
 * from a state to its parent (not learnt yet, but what back usually does): an estimate.
 */
function distancesFrom(ctx: Context, from: string, viaBack = false): Map<string, number> {
  const dist = new Map([[from, 0]]);
  const queue = [from];
  while (queue.length) {
    const cur = queue.shift()!;
    const next = ctx.out.get(cur) ?? [];
    const parent = viaBack ? ctx.parent.get(cur) : undefined;
    for (const to of parent ? [...next, parent] : next) {
      if (dist.has(to)) continue;
      dist.set(to, dist.get(cur)! + 1);
      queue.push(to);
    }
  }
  return dist;
}

/**
 * Best value of work outside `node`, net of the moves to get there (plus `offset` moves). Leaving
 * work behind here costs the way back later too: then each move counts `LEAVE_FACTOR` times.
 */
function bestElsewhere(graph: ExplorationGraph, ctx: Context, node: StateNode, dist: Map<string, number>, offset: number, leavingWork: boolean): number {
  const perMove = TRAVEL_COST * (leavingWork ? LEAVE_FACTOR : 1);
  let best = -Infinity;
  for (const [key, d] of dist) {
    if (key === node.key) continue;
    const n = graph.get(key);
    if (!n || !graph.hasWork(n)) continue;
    best = Math.max(best, stateValue(n, ctx) - perMove * (d + offset));
  }
  return best;
}

/** A fresh targeted strategy (it keeps the graph it last saw, for `pickTarget`). */
export function targeted(): Strategy {
  let lastGraph: ExplorationGraph | undefined;
  return {
    name: 'targeted',
    rank(node, untried, graph) {
      lastGraph = graph;
      const ctx = contextOf(graph);
      const parent = ctx.parent.get(node.key);
      const leaving = untried.some((a) => !isBackControl(a, node) && actionValue(a, node, ctx) >= 1);
      const upward = parent && untried.some((a) => isBackControl(a, node)) ? bestElsewhere(graph, ctx, node, distancesFrom(ctx, parent, true), 1, leaving) : -Infinity;
      return untried
        .map((a, i) => {
          const v = actionValue(a, node, ctx);
          return { a, i, v: isBackControl(a, node) ? Math.max(v, upward) : v };
        })
        .sort((x, y) => y.v - x.v || x.i - y.i)
        .map((x) => x.a);
    },
    defer(node, ranked, graph) {
      lastGraph = graph;
      const ctx = contextOf(graph);
      // Nothing untried here but the back key: its value as work left on this state.
      const here = ranked.length ? actionValue(ranked[0], node, ctx) : backValue(node, ctx);
      const leaving = here >= 1 && !isBackControl(ranked[0], node);
      return bestElsewhere(graph, ctx, node, distancesFrom(ctx, node.key), 0, leaving) > here + DEFER_MARGIN;
    },
    pickTarget(candidates, distance) {
      const ctx = contextOf(lastGraph);
      let best: { n: StateNode; u: number; d: number } | undefined;
      for (const n of candidates) {
        const d = distance(n);
        if (!Number.isFinite(d)) continue;
        const u = stateValue(n, ctx) - TRAVEL_COST * d;
        if (!best || u > best.u || (u === best.u && (d < best.d || (d === best.d && n.order < best.n.order)))) best = { n, u, d };
      }
      return best?.n ?? candidates[0];
    },
  };
}
