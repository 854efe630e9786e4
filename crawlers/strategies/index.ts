import type { StrategyName } from '../types.ts';
import { bfs, dfs, random } from './baselines.ts';
import type { Strategy } from './strategy.ts';
import { targeted } from './targeted.ts';

export type { Strategy };

/** A fresh strategy for one crawl (targeted and random keep state); `seed` only matters for `random`. */
export function strategyFor(name: StrategyName, seed = 1): Strategy {
  switch (name) {
    case 'bfs':
      return bfs;
    case 'random':
      return random(seed);
    case 'dfs':
      return dfs;
    case 'targeted':
      return targeted();
  }
}
