import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CandidateAction } from '../../crawlers/actions.ts';
import { ExplorationGraph, type StateNode } from '../../crawlers/graph.ts';
import { seekPlanOf } from '../../crawlers/strategies/seek.ts';
import { targeted } from '../../crawlers/strategies/targeted.ts';
import { detectors } from '../../detectors/index.ts';
import { CLAUSES } from '../../src/findings/schema.ts';
import toy from '../fixtures/toy-detector/toy-lucky-draw.ts';
import { REPO } from '../helpers/paths.ts';
import { registryProblems } from '../helpers/registry-check.ts';

const docs = readFileSync(path.join(REPO, 'docs/clauses.md'), 'utf8');
const TABLE_TESTS = path.join(REPO, 'test/detectors');

describe('detector registry', () => {
  it('is sorted by clause, one detector per clause, ids unique', () => {
    expect(detectors.map((d) => d.meta.clause)).toEqual([...CLAUSES]);
    expect(new Set(detectors.map((d) => d.meta.id)).size).toBe(detectors.length);
  });

  it('lists every detector file', () => {
    const files = readdirSync(path.join(REPO, 'detectors'))
      .filter((f) => f.endsWith('.ts') && !['define.ts', 'index.ts', 'run.ts', 'seek.ts'].includes(f))
      .map((f) => f.replace(/\.ts$/, ''));
    expect(files.sort()).toEqual(detectors.map((d) => d.meta.id).sort());
  });

  it('every detector has a table test, a docs/clauses.md section naming its clause and message ids, default options and seek entries that compile', () => {
    expect(registryProblems({ detectors, docs, tableTestDirs: [TABLE_TESTS] })).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// A new clause is one detector file, its table test and its docs section: nothing else to edit
// ---------------------------------------------------------------------------------------------

const TOY_DIR = path.join(REPO, 'test/fixtures/toy-detector');
const TOY_DOCS = `
## toy-lucky-draw

Clause \`6.i\` — 不得设置抽奖功能（示例）.

- **Counts:** an entry whose text names a lucky draw (抽奖, 幸运转盘, 大转盘).
- **Messages:** \`entry\`, \`none\`, \`notExplored\`.
`;
const withToy = [...detectors, toy];

const tap = (key: string, label: string, id?: string): CandidateAction => ({
  key,
  kind: 'tap',
  elementId: 0,
  label,
  className: 'android.widget.TextView',
  selector: id ? { 'resource-id': `cn.gov.test:id/${id}` } : { text: label },
  bounds: { x1: 0, y1: 0, x2: 1, y2: 1 },
  point: { x: 0, y: 0 },
  inBottomBar: false,
});
const node = (key: string, order: number, actions: CandidateAction[]): StateNode => ({
  key,
  hash: key,
  order,
  actions,
  tried: new Set(),
  backTried: false,
  waited: false,
  visits: 1,
  depth: order,
  seenTexts: new Set(),
  refused: new Set(),
});

describe('a toy detector added to a copy of the registry', () => {
  it('is checked by the docs check like any detector: complete with its table test and docs section, a problem without', () => {
    expect(registryProblems({ detectors: withToy, docs: docs + TOY_DOCS, tableTestDirs: [TABLE_TESTS, TOY_DIR] })).toEqual([]);
    expect(registryProblems({ detectors: withToy, docs, tableTestDirs: [TABLE_TESTS, TOY_DIR] })).toEqual(['toy-lucky-draw: docs has no "## toy-lucky-draw" section']);
    expect(registryProblems({ detectors: withToy, docs: docs + TOY_DOCS, tableTestDirs: [TABLE_TESTS] })).toEqual(['toy-lucky-draw: no table test toy-lucky-draw.test.ts']);
    const noMessage = TOY_DOCS.replace('`none`, ', '');
    expect(registryProblems({ detectors: withToy, docs: docs + noMessage, tableTestDirs: [TABLE_TESTS, TOY_DIR] })).toEqual([
      'toy-lucky-draw: docs section does not name message `none`',
    ]);
  });

  it('is sought by the targeted strategy: the control carrying its seek words first, and the state offering it chosen to travel to', () => {
    const here = node('s1', 0, [tap('a', '办事指南'), tap('b', '新闻资讯'), tap('c', '幸运转盘'), tap('d', '', 'btn_lottery')]);
    const g = new ExplorationGraph();
    g.add(here);
    const rank = (seek: ReturnType<typeof seekPlanOf>) => targeted(seek).rank(here, g.untried(here), g).map((a) => a.key);
    // The real registry knows nothing of lucky draws: plain entries, in screen order.
    expect(rank(seekPlanOf(detectors))).toEqual(['a', 'b', 'c', 'd']);
    // With the toy registered, its words (幸运转盘) and id words (lottery) come first.
    expect(rank(seekPlanOf(withToy)).slice(0, 2).sort()).toEqual(['c', 'd']);

    // Between two states equally far, the one whose untried control names the toy's evidence.
    const plain = node('s2', 1, [tap('p', '通知公告')]);
    const draw = node('s3', 2, [tap('q', '大转盘')]);
    g.add(plain);
    g.add(draw);
    expect(targeted(seekPlanOf(detectors)).pickTarget([plain, draw], () => 1, g)).toBe(plain);
    expect(targeted(seekPlanOf(withToy)).pickTarget([plain, draw], () => 1, g)).toBe(draw);
  });
});
