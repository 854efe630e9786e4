import type { CandidateAction } from '../actions.ts';
import type { ExplorationGraph, StateNode } from '../graph.ts';

/**
 * An exploration strategy decides two things: which untried action to take on the current
 * screen, and which state with work left to travel to when the current one is done.
 */
export interface Strategy {
  readonly name: string;
  /** Orders the untried actions of a state; the crawler takes the first. */
  rank(node: StateNode, untried: CandidateAction[], graph: ExplorationGraph): CandidateAction[];
  /** Among states with work left, which to go to next (`distance` = known moves from here, Infinity if unknown). */
  pickTarget(candidates: StateNode[], distance: (n: StateNode) => number): StateNode | undefined;
}
