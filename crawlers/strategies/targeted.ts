import type { StateNode } from '../graph.ts';
import { contextOf, distancesFrom } from './context.ts';
import { isBackControl } from './labels.ts';
import { registrySeek, type SeekPlan } from './seek.ts';
import type { Strategy } from './strategy.ts';
import { actionValue, backValue, bestElsewhere, stateValue, TRAVEL_COST } from './value.ts';

export { contextOf } from './context.ts';
export { registrySeek, seekPlanOf, type Relevance, type SeekPlan } from './seek.ts';
export { actionValue, stateValue } from './value.ts';

/**
 * Goal-directed exploration: go where the standard's evidence lives first, then cover the rest.
 *
 * Every untried action gets a value:
 * - **relevance**: its label, content-desc or resource-id names an entry that leads to a clause's
 *   evidence (签到/打卡 for 4.1.1, 积分/排行 for 4.1.2, 关于 for 4.2 and 5, 反馈/投诉 for 4.3,
 *   智能问答 for 7.3…) or a hub that holds such entries (我的/个人中心 first, then 设置, 更多,
 *   工作台, 互动; catalogues such as 服务 last).
 *   The words, weights and decays are the detectors' `meta.seek` entries (./seek.ts): a new
 *   detector's entries are sought without any edit here. Each tried action of an entry kind makes
 *   the kind's next one worth less (its evidence is probably in); a long label is content (a
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

/** Leave the current state only for work worth clearly more than the best here. */
const DEFER_MARGIN = 0.5;

/**
 * A fresh targeted strategy, seeking what `seek` says (by default the detector registry's
 * `meta.seek` entries). It keeps no state between decisions: each one reads the graph it is given.
 */
export function targeted(seek: SeekPlan = registrySeek()): Strategy {
  return {
    name: 'targeted',
    rank(node, untried, graph) {
      const ctx = contextOf(graph, seek);
      const parent = ctx.parent.get(node.key);
      const leaving = untried.some((a) => !isBackControl(a, node) && actionValue(a, node, ctx) >= 1);
      // A back button is worth the best work up the back stack (its parent, and what is known from there).
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
      const ctx = contextOf(graph, seek);
      // Nothing untried here but the back key: its value as work left on this state.
      const here = ranked.length ? actionValue(ranked[0], node, ctx) : backValue(node, ctx);
      const leaving = here >= 1 && !isBackControl(ranked[0], node);
      return bestElsewhere(graph, ctx, node, distancesFrom(ctx, node.key), 0, leaving) > here + DEFER_MARGIN;
    },
    pickTarget(candidates, distance, graph) {
      const ctx = contextOf(graph, seek);
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
