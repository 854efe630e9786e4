import type { CandidateAction } from '../actions.ts';
import type { ExplorationGraph, StateNode } from '../graph.ts';
import type { Context } from './context.ts';
import { entryKind, isBackControl, isContent, isGate, isHomeTab, labelOf, leavesApp } from './labels.ts';

/**
 * The targeted strategy's value model: what trying one action, or the best work left on a state,
 * is worth, in one unit (a plain entry is worth 1.5; the seek entries of the detectors 4–10).
 */

/** Value of one known move spent travelling. */
export const TRAVEL_COST = 1;
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
/** A way past a dialog or gate (同意, 跳过, 我知道了): the app lies behind it, so before anything else but the best evidence. */
const GATE_VALUE = 5;
/** Update, share, call, camera: they leave the app or spawn system UI, and bring nothing of the app. */
const LEAVE_APP_VALUE = 0.2;
/** A back or dismiss control on a page: it returns to a known screen (unless work waits up there, see `rank`). */
const BACK_CONTROL_VALUE = 0.3;
/** The home tab: it leads to the launch screen, which is known. */
const HOME_TAB_VALUE = 0.5;
/** A relevant entry whose kind was tried often is still an entry: worth at least this. */
const MIN_RELEVANT_VALUE = 1;
/** A headline that contains a seek word is content, not the entry: this share of the word's weight. */
const CONTENT_FACTOR = 0.4;
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
/** A control known to lead back to the state it is on does nothing new. */
const SELF_LOOP_FACTOR = 0.1;
/** Rows of a list not sampled yet, in an app whose lists were seen to share a detail template. */
const TEMPLATE_FACTOR = 0.6;
/** A label offered on more states than this is chrome (tabs, toolbars) rather than new content… */
const CHROME_STATES = 2;
/** …and worth this share. */
const CHROME_FACTOR = 0.8;
/** A state nothing was tried on yet: its first action shows what the screen is, so it comes first. */
const FRESH_STATE_BONUS = 0.3;

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
  const targets = new Set(tried.map((b) => ctx.graph.target(node.key, b.key)));
  const predicted = [...targets].some((t) => t !== undefined && ctx.templates.has(t)) || (tried.length >= 2 && targets.size === 1 && !targets.has(undefined));
  // In an app whose lists share templates, an unsampled list's rows probably open one too.
  const row = ctx.templates.size ? PLAIN.row * TEMPLATE_FACTOR : PLAIN.row;
  return predicted ? PLAIN.row * PREDICTED : row;
}

/** What its label makes an action worth: a gate, a way out or back, a seek entry or hub, or a plain entry. */
function labelValue(a: CandidateAction, node: StateNode, ctx: Context): number {
  const label = labelOf(a);
  if (a.kind === 'swipe') return a.gesture === 'scroll-down' ? SCROLL.down : a.gesture === 'scroll-up' ? SCROLL.up : SCROLL.sideways;
  if (isGate(a, node)) return GATE_VALUE;
  if (leavesApp(label)) return LEAVE_APP_VALUE;
  if (isBackControl(a, node)) return BACK_CONTROL_VALUE;
  if (isHomeTab(a)) return HOME_TAB_VALUE;
  const r = ctx.seek.relevance(a);
  // The best entry still worth a look (each tried action of an entry makes its next one worth less), or a hub.
  const best = Math.max(r.hub ?? 0, ...r.groups.map((g) => g.weight * Math.pow(ctx.seek.decay(g.id), ctx.triedInGroup.get(g.id) ?? 0)));
  const relevant = r.weight > 0 ? Math.max(best * (isContent(label) ? CONTENT_FACTOR : 1), MIN_RELEVANT_VALUE) : 0;
  return Math.max(relevant, plainValue(a, node, ctx));
}

/** Value of trying `a` on `node` now. */
export function actionValue(a: CandidateAction, node: StateNode, ctx: Context, predict = true): number {
  let v = labelValue(a, node, ctx);
  // Novelty: the same control already led somewhere from another state; the home tab leads home.
  let predicted = ctx.knownTarget.get(a.key);
  if (predicted !== undefined) v *= predicted === node.key ? SELF_LOOP_FACTOR : PREDICTED;
  else if (isHomeTab(a)) predicted = ctx.home;
  // …and is then worth the work waiting there, one move away (no deeper: values stay finite).
  const there = predict && predicted !== undefined && predicted !== node.key ? ctx.graph.get(predicted) : undefined;
  if (there && ctx.graph.hasWork(there)) v = Math.max(v, stateValue(there, ctx, false) - TRAVEL_COST);
  // Widgets on many screens are chrome (tabs, toolbars) rather than new content.
  if ((ctx.labelStates.get(labelOf(a)) ?? 1) > CHROME_STATES) v *= CHROME_FACTOR;
  if (node.tried.size === 0) v += FRESH_STATE_BONUS;
  return v;
}

export function backValue(node: StateNode, ctx: Context): number {
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
 * Best value of work outside `node`, net of the moves to get there (plus `offset` moves). Leaving
 * work behind here costs the way back later too: then each move counts `LEAVE_FACTOR` times.
 */
export function bestElsewhere(graph: ExplorationGraph, ctx: Context, node: StateNode, dist: Map<string, number>, offset: number, leavingWork: boolean): number {
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
