import type { CandidateAction } from '../actions.ts';
import type { ExplorationGraph, StateNode } from '../graph.ts';

/**
 * An exploration strategy decides two things: which untried action to take on the current
 * screen, and which state with work left to travel to when the current one is done. A strategy
 * may also decide that the current screen's best untried action is worth less than work
 * elsewhere, and have the crawler travel there first (the screen's actions stay for later).
 */
export interface Strategy {
  readonly name: string;
  /** Orders the untried actions of a state; the crawler takes the first. */
  rank(node: StateNode, untried: CandidateAction[], graph: ExplorationGraph): CandidateAction[];
  /** Among states with work left, which to go to next (`distance` = known moves from here, Infinity if unknown). */
  pickTarget(candidates: StateNode[], distance: (n: StateNode) => number, graph: ExplorationGraph): StateNode | undefined;
  /**
   * Optional. Called before the crawler acts on the current state, with its ranked untried
   * actions (an empty list when only the back key is left to try): true when better work waits
   * in another state reachable by known moves, so the crawler travels there (`pickTarget` among
   * the other states) and leaves this state's work for later. Strategies without it always
   * finish the current state first.
   */
  defer?(node: StateNode, ranked: CandidateAction[], graph: ExplorationGraph): boolean;
}
