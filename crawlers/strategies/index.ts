import type { StrategyName } from '../types.ts';
import { bfs, dfs, random } from './baselines.ts';
import type { Strategy } from './strategy.ts';

export type { Strategy };

/** The strategy for a name; `seed` only matters for `random`. */
export function strategyFor(name: StrategyName, seed = 1): Strategy {
  switch (name) {
    case 'bfs':
      return bfs;
    case 'random':
      return random(seed);
    case 'dfs':
    case 'targeted':
      return dfs;
  }
}
