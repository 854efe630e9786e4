import {
  AI_SERVICE_TERMS,
  CHECK_IN_TERMS,
  COMPLAINT_TERMS,
  NOT_COMPLAINT_TERMS,
  ONLINE_TIME_LABELS,
  POINTS_TERMS,
  RANKING_TERMS,
  REPORT_TERMS,
  SPECIAL_SCENARIOS,
} from '../../detectors/lib/vocab.ts';
import type { CandidateAction } from '../actions.ts';
import type { ExplorationGraph, StateNode } from '../graph.ts';
import type { Strategy } from './strategy.ts';

/**
 * Goal-directed exploration: go where the standard's evidence lives first, then cover the rest.
 *
 * Every untried action gets a value:
 * - **relevance**: its label, content-desc or resource-id names an entry that leads to a clause's
 *   evidence (签到/打卡 → 4.1.1, 积分/排行 → 4.1.2, 学习/课程 → 4.1.3, 关于 → 4.2 and 5,
 *   反馈/投诉/留言/客服 → 4.3, 举报 → 6.h, 智能问答… → 7.3) or a hub that holds such entries
 *   (我的, 个人中心, 设置, 更多, 工作台…). The words come from the detectors' vocabulary. Each
 *   further action of a clause group already tried is worth less (its evidence is probably in);
 * - **novelty**: an action whose twin (same selector) already led somewhere elsewhere — a bottom
 *   tab tried on another tab screen — is probably a known move; a widget seen on many screens is
 *   probably chrome; a state nothing was tried on yet is fresh;
 * - **screen role**: bottom tabs open top-level sections; on dialogs and gates (a popup on launch,
 *   a login wall) the ways in (跳过, 我知道了, 暂不登录, 游客…) come first; back buttons, update
 *   and share buttons come last; list rows after the first few and scrolls deep into a feed fade.
 *
 * The crawler takes the best action here unless a state reachable by known moves offers more
 * than the travel costs (`TRAVEL_COST` per move): then it travels there first (`defer`). When
 * only low-value work is left, the same rule picks the nearest state with work, so the crawl
 * keeps covering everything until the budget ends, without the detours of breadth-first order.
 */

/** Value of one known move spent travelling, in the units of action values. */
const TRAVEL_COST = 1;
/** Leave the current state only for work worth clearly more than the best here. */
const DEFER_MARGIN = 0.5;
/** Trying the back key of a state: it mostly returns to a known screen (or leaves the app from a root). */
const BACK_VALUE = 0.25;

interface Group {
  id: string;
  weight: number;
  terms: readonly string[];
  /** Resource-id words (the part after `:id/`). */
  ids?: RegExp;
  /** Each tried action of the group multiplies the group's weight by this. */
  decay: number;
}

/** Entries that lead to clause evidence. */
const GROUPS: readonly Group[] = [
  { id: 'check-in', weight: 10, terms: CHECK_IN_TERMS, ids: /sign_?in|check_?in|punch|clock_?in|qiandao|daka/i, decay: 0.4 },
  { id: 'ranking', weight: 10, terms: [...RANKING_TERMS, '榜'], ids: /rank|leader_?board|paihang/i, decay: 0.4 },
  { id: 'points', weight: 8, terms: [...POINTS_TERMS, '积分商城', '我的积分'], ids: /point|score|credit|jifen/i, decay: 0.5 },
  { id: 'about', weight: 9, terms: ['关于', '版本信息', '主办单位', '联系我们', '版权'], ids: /about|copyright/i, decay: 0.4 },
  {
    id: 'complaint',
    weight: 9,
    terms: [...COMPLAINT_TERMS, '客服', '帮助', '热线', '联系我们', '联系方式'],
    ids: /feedback|complain|suggest|advice|opinion|message_?board|guestbook|help|contact_?us|kefu|customer_?service/i,
    decay: 0.5,
  },
  { id: 'report', weight: 7, terms: REPORT_TERMS, ids: /jubao|(^|_)report(_|$)/i, decay: 0.4 },
  { id: 'ai', weight: 8, terms: [...AI_SERVICE_TERMS, '智能', 'AI'], ids: /(^|_)ai(_|$)|assistant|chat_?bot|robot|smart_?qa/i, decay: 0.5 },
  {
    id: 'study',
    weight: 6,
    terms: [...ONLINE_TIME_LABELS, '学习', '课程', '课堂', '培训', '听课', '视频', '直播', '播放', '专题'],
    ids: /study|course|learn|lesson|video|player|live|train/i,
    decay: 0.7,
  },
  // 4.1.1 allows check-in only in special scenarios (patrols, duty, emergencies), where it is common: worth a look for review.
  { id: 'scenario', weight: 4, terms: SPECIAL_SCENARIOS.flatMap((s) => s.terms), ids: /patrol|inspect|duty|emergency/i, decay: 0.6 },
  { id: 'commerce', weight: 5, terms: ['商城', '兑换', '商品', '店铺', '会员', '优惠', '购物'], ids: /shop|mall|store|goods|vip/i, decay: 0.5 },
  { id: 'policy', weight: 4, terms: ['隐私政策', '用户协议', '服务协议', '隐私', '协议'], ids: /privacy|agreement|policy|protocol|terms/i, decay: 0.5 },
];

/** Hubs: screens that hold many entries (the 我的, 个人中心, 设置, 更多, 工作台…). */
const HUB_TERMS = ['我的', '个人中心', '设置', '更多', '工作台', '全部', '系统设置', '通用', '账号', '账户', '用户中心', '会员中心'] as const;
/** Words that name a hub only on their own (社保服务 is a service, 服务 a hub). */
const HUB_EXACT = new Set(['我', '个人', '服务', '应用', '办事', '全部服务', '全部应用']);
const HUB_IDS = /(^|_)(mine|me|my|profile|personal|user_?center|setting|settings|more|workbench|work|all|apps?|services?)(_|$)/i;
const HUB_WEIGHT = 6;

/** Ways past a gate or dialog into the app. */
const GATE = /^(跳过|跳过广告|同意|同意并继续|我同意|我知道了|知道了|好的|暂不|暂不登录|暂不更新|以后再说|稍后|稍后再说|下次再说|不再提示|游客|游客访问|游客登录|先逛逛|随便看看|进入|立即进入|立即体验|开始使用|确定|允许|仅在使用该应用时允许|仅限这一次|始终允许|关闭|取消|×|✕|x|X)$/;
const GATE_IDS = /(^|_)(skip|agree|ok|confirm|close|dismiss|cancel|later|guest|enter|allow)(_|$)/i;
/** Back and dismiss controls outside dialogs: they return to a known screen. */
const BACK = /^(返回|后退|关闭|取消|完成|<|‹|←|back|close|cancel)$/i;
const BACK_IDS = /(^|_)(back|close|cancel|dismiss|nav_up|up|home_as_up)(_|$)/i;
/** Controls that leave the app or spawn system UI (update, share, rate, call). */
const LEAVE = /(立即更新|立即升级|更新|升级|下载|去评分|评分|分享|转发|拨号|打电话|扫一扫|扫码|相机|拍照|相册)/;
/** The home tab usually leads to the launch screen, which is known. */
const HOME = /^(首页|主页|home)$/i;

/** Labels longer than this are content (a headline, a course title), not the name of an entry. */
const LONG_LABEL = 10;
const CONTENT_FACTOR = 0.4;

function shortId(a: CandidateAction): string {
  const id = a.selector['resource-id'] ?? '';
  const i = id.indexOf(':id/');
  return i >= 0 ? id.slice(i + 4) : id;
}

function labelOf(a: CandidateAction): string {
  return (a.label || a.selector.text || a.selector['content-desc'] || '').trim();
}

/** Relevance of an action to clause evidence: the best matching group (or hub) and its weight. */
export function relevance(a: CandidateAction): { group?: string; weight: number } {
  if (a.kind !== 'tap') return { weight: 0 };
  const label = labelOf(a);
  const id = shortId(a);
  let best: { group?: string; weight: number } = { weight: 0 };
  for (const g of GROUPS) {
    const byText = g.terms.some((t) => label.includes(t)) && !(g.id === 'complaint' && NOT_COMPLAINT_TERMS.some((t) => label.includes(t)));
    const byId = !!(g.ids && id && g.ids.test(id));
    if ((byText || byId) && g.weight > best.weight) best = { group: g.id, weight: g.weight };
  }
  const hub = HUB_EXACT.has(label) || (label.length <= 6 && HUB_TERMS.some((t) => label.includes(t))) || (!!id && HUB_IDS.test(id));
  if (hub && HUB_WEIGHT > best.weight) best = { group: 'hub', weight: HUB_WEIGHT };
  return best;
}

/** A popup or gate: few actions, no bottom bar, no list. */
function isDialogLike(node: StateNode): boolean {
  return node.actions.length <= 4 && !node.actions.some((a) => a.inBottomBar || a.kind === 'swipe' || a.listRow !== undefined);
}

/** What the strategy knows about the whole graph, recomputed at each decision (graphs are small). */
interface Context {
  /** action key → where it led, from any state where it was tried. */
  knownTarget: Map<string, string>;
  /** label → number of states that offer an action with it. */
  labelStates: Map<string, number>;
  /** group → tried actions of that group. */
  triedInGroup: Map<string, number>;
  /** node key → how many scroll-downs in a row led here. */
  scrollDepth: Map<string, number>;
  /** node key → the state a tap (not a bottom tab) first led here from: where back probably returns. */
  parent: Map<string, string>;
  /** Learnt moves: node key → states one move away. */
  out: Map<string, string[]>;
}

function contextOf(graph: ExplorationGraph | undefined): Context {
  const ctx: Context = { knownTarget: new Map(), labelStates: new Map(), triedInGroup: new Map(), scrollDepth: new Map(), parent: new Map(), out: new Map() };
  if (!graph) return ctx;
  const scrolledFrom = new Map<string, string>();
  for (const e of graph.edges()) {
    if (!ctx.knownTarget.has(e.action)) ctx.knownTarget.set(e.action, e.to);
    if (e.action.startsWith('swipe:scroll-down') && e.to !== e.from && !scrolledFrom.has(e.to)) scrolledFrom.set(e.to, e.from);
    const l = ctx.out.get(e.from);
    if (l) l.push(e.to);
    else ctx.out.set(e.from, [e.to]);
    if (e.to === e.from || !e.action.startsWith('tap:')) continue;
    const from = graph.get(e.from);
    const to = graph.get(e.to);
    if (!from || !to || from.actions.find((a) => a.key === e.action)?.inBottomBar) continue;
    const known = ctx.parent.get(e.to);
    if (!known || graph.get(known)!.depth > from.depth) ctx.parent.set(e.to, e.from);
  }
  for (const n of graph.nodes.values()) {
    const labels = new Set<string>();
    for (const a of n.actions) {
      labels.add(labelOf(a));
      if (n.tried.has(a.key)) {
        const g = relevance(a).group;
        if (g && g !== 'hub') ctx.triedInGroup.set(g, (ctx.triedInGroup.get(g) ?? 0) + 1);
      }
    }
    for (const l of labels) if (l) ctx.labelStates.set(l, (ctx.labelStates.get(l) ?? 0) + 1);
    let depth = 0;
    for (let k = scrolledFrom.get(n.key), seen = new Set([n.key]); k && !seen.has(k); k = scrolledFrom.get(k)) {
      seen.add(k);
      depth++;
    }
    if (scrolledFrom.has(n.key)) ctx.scrollDepth.set(n.key, depth);
  }
  return ctx;
}

/** Value of trying `a` on `node` now. */
export function actionValue(a: CandidateAction, node: StateNode, ctx: Context): number {
  const label = labelOf(a);
  const id = shortId(a);
  let v: number;
  if (a.kind === 'swipe') {
    const depth = ctx.scrollDepth.get(node.key) ?? 0;
    v = a.gesture === 'scroll-down' ? 2 / (1 + depth) : a.gesture === 'scroll-up' ? 0.4 : 1.2;
  } else if (isDialogLike(node) && (GATE.test(label) || (!label && GATE_IDS.test(id)))) {
    v = 5;
  } else if (LEAVE.test(label)) {
    v = 0.2;
  } else if (BACK.test(label) || (!label && BACK_IDS.test(id))) {
    v = 0.3;
  } else if (a.inBottomBar && HOME.test(label)) {
    v = 0.5;
  } else {
    const r = relevance(a);
    if (r.weight > 0) {
      const decay = GROUPS.find((g) => g.id === r.group)?.decay ?? 1;
      v = r.weight * Math.pow(decay, ctx.triedInGroup.get(r.group ?? '') ?? 0) * (label.length > LONG_LABEL ? CONTENT_FACTOR : 1);
      v = Math.max(v, 1);
    } else {
      // Rows of a list (news, records) beyond the first are more of the same; entries of a grid
      // of functions have their own resource-id and are distinct.
      const ownId = a.selector['resource-id'] !== undefined;
      v = a.listRow === undefined || ownId ? 1.5 : a.listRow === 0 ? 1.2 : 0.6;
      // A bottom tab opens a top-level section.
      if (a.inBottomBar) v += 2;
    }
  }
  // Novelty: the same control already led somewhere from another state.
  const known = ctx.knownTarget.get(a.key);
  if (known !== undefined) v *= known === node.key ? 0.1 : 0.3;
  // Widgets on many screens are chrome (tabs, toolbars) rather than new content.
  const onStates = ctx.labelStates.get(label) ?? 1;
  if (onStates > 2) v *= 0.8;
  // Nothing tried here yet: a fresh screen.
  if (node.tried.size === 0) v += 0.3;
  return v;
}

/** Value of the best work left on a state (its untried actions, a timed move, its back key). */
export function stateValue(node: StateNode, ctx: Context): number {
  let best = -Infinity;
  for (const a of node.actions) if (!node.tried.has(a.key)) best = Math.max(best, actionValue(a, node, ctx));
  if (!node.waited && node.actions.length === 0) best = Math.max(best, 3);
  if (!node.backTried) best = Math.max(best, BACK_VALUE);
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

/** Best value of work outside `node`, net of the moves to get there. */
function bestElsewhere(graph: ExplorationGraph, ctx: Context, node: StateNode, dist: Map<string, number>, offset = 0): number {
  let best = -Infinity;
  for (const [key, d] of dist) {
    if (key === node.key) continue;
    const n = graph.get(key);
    if (!n || !graph.hasWork(n)) continue;
    best = Math.max(best, stateValue(n, ctx) - TRAVEL_COST * (d + offset));
  }
  return best;
}

/** A control that returns to the previous screen (a title-bar back button, 返回, 关闭 outside dialogs). */
function isBackControl(a: CandidateAction, node: StateNode): boolean {
  const label = labelOf(a);
  return a.kind === 'tap' && !isDialogLike(node) && (BACK.test(label) || (!label && BACK_IDS.test(shortId(a))));
}

export function targeted(): Strategy {
  let lastGraph: ExplorationGraph | undefined;
  return {
    name: 'targeted',
    rank(node, untried, graph) {
      lastGraph = graph;
      const ctx = contextOf(graph);
      // Cheap returns: a back button is worth the best work it leads back towards (parent
      // first, then what is known from there), so better work up the back stack is reached
      // by going back rather than by exhausting this subtree first.
      const parent = ctx.parent.get(node.key);
      const upward = parent && untried.some((a) => isBackControl(a, node)) ? bestElsewhere(graph, ctx, node, distancesFrom(ctx, parent, true), 1) : -Infinity;
      return untried
        .map((a, i) => ({ a, i, v: isBackControl(a, node) ? Math.max(actionValue(a, node, ctx), upward) : actionValue(a, node, ctx) }))
        .sort((x, y) => y.v - x.v || x.i - y.i)
        .map((x) => x.a);
    },
    defer(node, ranked, graph) {
      lastGraph = graph;
      const ctx = contextOf(graph);
      // Nothing untried here but the back key: its value as work left on this state.
      const here = ranked.length ? actionValue(ranked[0], node, ctx) : BACK_VALUE;
      return bestElsewhere(graph, ctx, node, distancesFrom(ctx, node.key)) > here + DEFER_MARGIN;
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
