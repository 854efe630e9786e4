import { seededRandom } from '../../src/random.ts';
import type { Strategy } from './strategy.ts';

/** Depth-first: finish what is near (fewest known moves away), newest states first. */
export const dfs: Strategy = {
  name: 'dfs',
  rank: (_node, untried) => untried,
  pickTarget: (candidates, distance) => [...candidates].sort((a, b) => distance(a) - distance(b) || b.order - a.order)[0],
};

/** Breadth-first: finish states in the order they were discovered. */
export const bfs: Strategy = {
  name: 'bfs',
  rank: (_node, untried) => untried,
  pickTarget: (candidates) => [...candidates].sort((a, b) => a.order - b.order)[0],
};

/** Monkey-like baseline: a random untried action, a random state to go to; seeded. */
export function random(seed: number): Strategy {
  const rnd = seededRandom(seed);
  return {
    name: 'random',
    rank: (_node, untried) => {
      const a = [...untried];
      for (let i = a.length - 1; i > 0; i--) {
        const j = Math.floor(rnd() * (i + 1));
        [a[i], a[j]] = [a[j], a[i]];
      }
      return a;
    },
    pickTarget: (candidates) => candidates[Math.floor(rnd() * candidates.length)],
  };
}
