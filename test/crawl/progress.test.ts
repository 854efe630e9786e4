import { describe, expect, it } from 'vitest';
import { ProgressWatch, type Move } from '../../crawlers/progress.ts';

const m = (from: string, action: string, to: string | undefined): Move => ({ from, action, to });
const cycle = [m('perm', 'allow', 'scan'), m('scan', 'row1', 'rec'), m('rec', 'back', 'perm')];

describe('ProgressWatch', () => {
  it('reports a cycle repeated three times without progress, once, with its moves', () => {
    const w = new ProgressWatch();
    const seen = [];
    for (let i = 0; i < 3; i++) for (const x of cycle) seen.push(w.step(x));
    expect(seen.slice(0, -1).every((l) => l === undefined)).toBe(true);
    expect(seen.at(-1)).toEqual({ cycle, idle: 9 });
    // It starts over: the next turn alone is not a loop.
    for (const x of cycle) expect(w.step(x)).toBeUndefined();
  });

  it('progress in between (a new screen, edge or text) resets it', () => {
    const w = new ProgressWatch();
    for (let i = 0; i < 10; i++) {
      for (const x of cycle) expect(w.step(x)).toBeUndefined();
      w.progress();
    }
  });

  it('a single move repeated is a cycle of one; moves that differ are not a cycle', () => {
    const w = new ProgressWatch();
    expect(w.step(m('a', 'wait', 'a'))).toBeUndefined();
    expect(w.step(m('a', 'wait', 'a'))).toBeUndefined();
    expect(w.step(m('a', 'wait', 'a'))?.cycle).toEqual([m('a', 'wait', 'a')]);
    const v = new ProgressWatch({ maxIdle: 1000 });
    for (let i = 0; i < 30; i++) expect(v.step(m(`s${i}`, 'back', `s${i + 1}`))).toBeUndefined();
  });

  it('ends an idle stretch without a recognisable cycle after maxIdle moves', () => {
    const w = new ProgressWatch({ maxIdle: 20, maxCycle: 4 });
    let loop;
    for (let i = 0; i < 20 && !loop; i++) loop = w.step(m(`s${i % 7}`, `a${i % 5}`, `s${(i + 1) % 7}`));
    expect(loop).toEqual({ cycle: [], idle: 20 });
  });

  it('cycles longer than maxCycle are left to maxIdle', () => {
    const w = new ProgressWatch({ maxCycle: 2, maxIdle: 1000 });
    for (let i = 0; i < 5; i++) for (const x of cycle) expect(w.step(x)).toBeUndefined();
  });
});
