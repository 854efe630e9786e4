import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { isVariant, screenSeenAfter } from '../../bench/lib/evidence-curve.ts';
import { exploreApp, type ExploreRun } from '../../bench/lib/explore-run.ts';
import { extractActions, type CandidateAction } from '../../crawlers/actions.ts';
import { ExplorationGraph, type StateNode } from '../../crawlers/graph.ts';
import { signatureOf, stateHash } from '../../crawlers/state-key.ts';
import { strategyFor } from '../../crawlers/strategies/index.ts';
import { actionValue, contextOf, registrySeek, targeted } from '../../crawlers/strategies/targeted.ts';
import type { StrategyName } from '../../crawlers/types.ts';
import { DEFAULT_CONFIG } from '../../src/config/load.ts';
import type { ObservedScreen } from '../../src/observation.ts';
import { parsePageSource } from '../../src/snapshot/parse.ts';
import { IN_PROCESS_URL } from '../helpers/in-process-session.ts';
import { FIXTURES, SAMPLE_APPS, sampleApp } from '../helpers/paths.ts';

// The replay driver in this process instead of an Appium server (test/helpers/in-process-session.ts).
vi.mock('../../src/device/session.ts', () => import('../helpers/in-process-session.ts'));

// ---------------------------------------------------------------------------------------------
// Crawls with the replay driver in process (the Appium path: test/crawl/in-process.e2e.test.ts)
// ---------------------------------------------------------------------------------------------

const fixtureApp = (name: string) => path.join(FIXTURES, 'apps', name);
const CREDENTIALS: Record<string, { username: string; password: string }> = {
  'cn.gov.example.office': { username: 'demo', password: 'Demo@2026' },
  'cn.gov.example.oa': { username: 'demo', password: 'Oa@2026' },
};

const crawlWith = (dir: string, strategy: StrategyName, opts: { seed?: number; maxActions?: number } = {}) =>
  exploreApp({
    appiumUrl: IN_PROCESS_URL,
    dir,
    strategy,
    seed: opts.seed,
    maxActions: opts.maxActions ?? 400,
    config: { apps: Object.fromEntries(Object.entries(CREDENTIALS).map(([pkg, credentials]) => [pkg, { credentials }])), probes: { timerSeconds: 1 } },
  });

/** The crawler's own identity of a screen (structure, activity, title), the same whatever order it was found in. */
const identity = (s: ObservedScreen) => stateHash(signatureOf(s.snapshot, s));
const statesOf = (run: ExploreRun) => new Set(run.observation.screens.filter((s) => !isVariant(s, run.observation.screens)).map(identity));
const titleOf = (s: ObservedScreen) => s.snapshot.elements.find((e) => e.resourceId.endsWith(':id/tv_title'))?.text;

/** Actions taken until every screen with one of these titles had been seen (Infinity if one never was). */
function actionsUntilSeen(run: ExploreRun, titles: string[]): number {
  const { screens, actions } = run.observation;
  return Math.max(
    ...titles.map((t) => {
      const s = screens.find((x) => titleOf(x) === t);
      return s ? screenSeenAfter(s, actions) : Infinity;
    }),
  );
}

const moves = (run: ExploreRun) => run.observation.actions.map((a) => [a.kind, a.label ?? '', a.from, a.to ?? '', a.outcome].join(' '));

describe.each(SAMPLE_APPS)('every strategy on %s', (app) => {
  it('explores the whole app and reaches the same states as the others when the budget suffices', async () => {
    const runs = [];
    for (const [strategy, seed] of [['targeted'], ['bfs'], ['dfs'], ['random', 3]] as [StrategyName, number?][]) runs.push(await crawlWith(sampleApp(app), strategy, { seed }));
    for (const r of runs) expect(r.stopReason, r.strategy).toBe('explored');
    const [first, ...rest] = runs.map(statesOf);
    expect(first.size).toBeGreaterThan(5);
    for (const [i, s] of rest.entries()) expect([...s].sort(), runs[i + 1].strategy).toEqual([...first].sort());
  });
});

describe('random strategy', () => {
  it('with the same seed repeats exactly; another seed takes another way', async () => {
    const a = await crawlWith(sampleApp('office-compliant'), 'random', { seed: 42 });
    const b = await crawlWith(sampleApp('office-compliant'), 'random', { seed: 42 });
    const c = await crawlWith(sampleApp('office-compliant'), 'random', { seed: 7 });
    expect(moves(a).length).toBeGreaterThan(20);
    expect(moves(b)).toEqual(moves(a));
    expect(moves(c)).not.toEqual(moves(a));
  });
});

describe('targeted strategy', () => {
  it('reaches the evidence screens of study-portal (签到, 积分排行, 关于, 意见反馈, the player) in fewer actions than bfs', async () => {
    const evidence = ['每日签到', '积分排行榜', '关于我们', '意见反馈', '课程学习'];
    const t = await crawlWith(sampleApp('study-portal'), 'targeted');
    const b = await crawlWith(sampleApp('study-portal'), 'bfs');
    const [tn, bn] = [actionsUntilSeen(t, evidence), actionsUntilSeen(b, evidence)];
    expect(tn).toBeLessThan(Infinity);
    expect(bn).toBeLessThan(Infinity);
    expect(tn).toBeLessThan(bn);
  });

  it('goes to the evidence three menus deep first: after 60 actions on deep-menus it has 我的 → 积分中心 / 设置 → 关于我们, bfs is still in the service menus', async () => {
    const evidence = ['每日签到', '积分排行榜', '关于我们', '意见反馈'];
    const t = await crawlWith(fixtureApp('deep-menus'), 'targeted', { maxActions: 60 });
    const b = await crawlWith(fixtureApp('deep-menus'), 'bfs', { maxActions: 60 });
    expect(actionsUntilSeen(t, evidence)).toBeLessThanOrEqual(60);
    expect(actionsUntilSeen(b, evidence)).toBe(Infinity);
  });

  it('keeps covering everything after the evidence: the whole of login-wall behind its login, as bfs does', async () => {
    const t = await crawlWith(fixtureApp('login-wall'), 'targeted');
    const b = await crawlWith(fixtureApp('login-wall'), 'bfs');
    expect(t.stopReason).toBe('explored');
    expect([...statesOf(t)].sort()).toEqual([...statesOf(b)].sort());
  });
});

// ---------------------------------------------------------------------------------------------
// Targeted ranking, without a device
// ---------------------------------------------------------------------------------------------

const SAMPLES = path.dirname(sampleApp('study-portal'));
const relevance = (a: CandidateAction) => registrySeek().relevance(a);

function nodeFrom(file: string, key = 's1', order = 0): StateNode {
  const s = parsePageSource(readFileSync(file, 'utf8'), file);
  const { actions } = extractActions(s, { appPackage: 'cn.gov.example', policy: DEFAULT_CONFIG.safety });
  return { key, hash: key, order, actions, tried: new Set(), backTried: false, waited: false, visits: 1, depth: order, seenTexts: new Set(), refused: new Set() };
}

const labels = (node: StateNode, graph = graphOf(node)) => targeted().rank(node, graph.untried(node), graph).map((a) => a.label);

function graphOf(...nodes: StateNode[]): ExplorationGraph {
  const g = new ExplorationGraph();
  for (const n of nodes) g.add(n);
  return g;
}

describe('targeted ranking', () => {
  it('on a personal centre: the evidence entries first (积分排行, 意见反馈, 关于我们), the tabs after', () => {
    const ranked = labels(nodeFrom(path.join(SAMPLES, 'study-portal/states/mine.xml')));
    expect(ranked.slice(0, 3).sort()).toEqual(['关于我们', '意见反馈', '积分排行'].sort());
    expect(ranked.indexOf('我的')).toBeGreaterThan(2);
  });

  it('on home: 每日签到 first, then the personal centre tab, the selected-looking home tab last', () => {
    expect(labels(nodeFrom(path.join(SAMPLES, 'study-portal/states/home.xml')))).toEqual(['每日签到', '我的', '学习', '首页']);
  });

  it('on a permission prompt, a way in (allow) before 不允许; on a popup, 关闭 before 查看详情', () => {
    expect(labels(nodeFrom(path.join(SAMPLES, 'river-patrol/states/perm.xml'))).at(-1)).toBe('不允许');
    expect(labels(nodeFrom(fixtureApp('launch-popup') + '/states/notice-popup.xml'))[0]).toBe('关闭');
  });

  it('a page: its entries before its back button', () => {
    const ranked = labels(nodeFrom(fixtureApp('deep-menus') + '/states/svc-social-1-1.xml'));
    expect(ranked).toEqual(['在线办理', '返回']);
  });

  it('reads labels and ids as words: no task in "permission", no user ranking in 水质排名, 我的办件 is no hub, 智能客服 is an AI service', () => {
    const tap = (label: string, id = ''): CandidateAction => ({
      key: label,
      kind: 'tap',
      elementId: 0,
      label,
      className: 'x',
      selector: id ? { 'resource-id': `p:id/${id}` } : { text: label },
      bounds: { x1: 0, y1: 0, x2: 1, y2: 1 },
      point: { x: 0, y: 0 },
      inBottomBar: false,
    });
    expect(relevance(tap('不允许', 'permission_deny_button')).weight).toBe(0);
    expect(relevance(tap('水质排名')).weight).toBe(0);
    expect(relevance(tap('积分排名')).groups.map((g) => g.id)).toContain('ranking');
    expect(relevance(tap('我的办件')).hub).toBeUndefined();
    expect(relevance(tap('我的')).hub).toBe(7);
    expect(relevance(tap('智能客服')).groups.map((g) => g.id)).toEqual(['ai']);
    expect(relevance(tap('', 'row_about')).groups.map((g) => g.id)).toEqual(['about']);
    expect(relevance(tap('', 'appointment_list')).weight).toBe(0);
  });

  it('a headline that happens to contain a word is content, worth less than the entry it names', () => {
    const node = nodeFrom(path.join(SAMPLES, 'study-portal/states/home.xml'));
    const ctx = contextOf(graphOf(node), registrySeek());
    const headline = { ...node.actions[0], key: 'h', label: '冬季供暖服务热线正式开通 11-15 市住建局', selector: { text: '冬季供暖服务热线正式开通' } };
    const entry = { ...node.actions[0], key: 'e', label: '客服热线', selector: { text: '客服热线' } };
    expect(actionValue(headline, node, ctx)).toBeLessThan(actionValue(entry, node, ctx));
  });

  it('leaves a screen of plain entries for evidence one known move away, not for evidence it cannot reach', () => {
    const mine = nodeFrom(path.join(SAMPLES, 'study-portal/states/mine.xml'), 's2', 1);
    const courses = nodeFrom(path.join(SAMPLES, 'study-portal/states/courses.xml'), 's3', 2);
    for (const a of courses.actions) if (!a.label.startsWith('深入学习')) courses.tried.add(a.key);
    const g = graphOf(mine, courses);
    const strategy = targeted();
    const ranked = strategy.rank(courses, g.untried(courses), g);
    expect(strategy.defer!(courses, ranked, g)).toBe(false);
    g.addEdge({ from: 's3', action: 'back', to: 's2' });
    expect(strategy.defer!(courses, ranked, g)).toBe(true);
    expect(strategy.pickTarget([mine], () => 1, g)).toBe(mine);
  });

  it('every strategy name maps to its strategy; targeted and random are fresh per crawl', () => {
    expect(strategyFor('targeted').name).toBe('targeted');
    expect(strategyFor('bfs').name).toBe('bfs');
    expect(strategyFor('dfs').name).toBe('dfs');
    expect(strategyFor('random', 3).name).toBe('random');
    expect(strategyFor('targeted')).not.toBe(strategyFor('targeted'));
  });
});
