import { z } from 'zod';
import type { Evidence } from '../src/findings/schema.ts';
import type { CrawlObservation, ObservedScreen, ScreenText } from '../src/observation.ts';
import { defineDetector } from './define.ts';
import { rowEvidence, textEvidence } from './lib/evidence.ts';
import { findScenario, scenarioContext, type ScenarioMatch } from './lib/scenario.ts';
import { appScreens, contentTexts, isEntry, rowsOf, screenName, screenTitle, type Row } from './lib/screens.ts';
import { charLength, findTerm, norm, quote, squash } from './lib/text.ts';
import { NON_USER_RANK_SUBJECTS, OTHER_RANK_MEASURES, POINTS_TERMS, POINTS_VALUE_RE, RANK_FILLER_RE, RANKING_TERMS, RANKING_TEXT_RE } from './lib/vocab.ts';

/** A row led by its rank: `1 张三 1280分`, `第2名 李四`, `3. 王五` (not dates such as `11-21`, not `3.2公里`). */
const RANK_ROW_RE = /^(?:第\s*)?(\d{1,4})(?:\s+|名|、|\.(?!\d))(.*)$/;

interface Finding {
  /** `unstated`: a ranking of users whose measure the screen does not show. */
  kind: 'list' | 'text' | 'unstated';
  screen: ObservedScreen;
  rank: string;
  /** An example of the ordering: a ranked row, or the ranking text. */
  example: string;
  points: string;
  evidence: Evidence[];
  scenario?: ScenarioMatch;
}

/** Whom a “超过N%的…” ranking compares to, when it says: people, or things (同类演出, 同类商品). */
const PERCENT_SUBJECT_RE = /%\s*的?\s*(.*)$/;
const PERSON_RE = /用户|学员|人|党员|干部|同事|员工|学生|同学|网友|会员|职工|居民|考生|选手/;
const comparesThings = (t: string) => {
  const subject = PERCENT_SUBJECT_RE.exec(norm(t))?.[1] ?? '';
  return subject !== '' && !PERSON_RE.test(subject);
};
const isNonUserRanking = (...texts: (string | undefined)[]) => texts.some((t) => t && (findTerm(t, NON_USER_RANK_SUBJECTS) || comparesThings(t)));
const pointsWord = (s: string) => findTerm(s, POINTS_TERMS) ?? (POINTS_VALUE_RE.exec(s)?.[1] === '分' ? '积分' : POINTS_VALUE_RE.exec(s)?.[1]);

/** Rows ranked in increasing order that each carry a points value. */
function scoredRanking(rows: Row[]): Row[] {
  const ranked = rows
    .map((row) => ({ row, m: RANK_ROW_RE.exec(row.text) }))
    .filter((r): r is { row: Row; m: RegExpExecArray } => r.m !== null);
  const increasing = ranked.every((r, i) => i === 0 || Number(r.m[1]) > Number(ranked[i - 1].m[1]));
  const scored = ranked.filter((r) => POINTS_VALUE_RE.test(r.m[2]));
  return increasing && ranked.length >= 2 && scored.length >= 2 ? scored.map((r) => r.row) : [];
}

type Key = 'points' | 'other' | 'unstated';

/** The statistic a ranking label names: what its ranking word follows, fillers removed (积分排行榜 → 积分, 财富排名 → 财富). */
function measureOf(label: string): string {
  const s = squash(label);
  const term = RANKING_TERMS.find((r) => s.includes(r));
  return term ? s.slice(0, s.indexOf(term)).replace(RANK_FILLER_RE, '') : '';
}

function keyOf(measure: string): Key | undefined {
  if (!measure) return undefined;
  if (findTerm(measure, POINTS_TERMS)) return 'points';
  return findTerm(measure, OTHER_RANK_MEASURES) ? 'other' : 'unstated';
}

/**
 * What a ranking is ordered by, as the screen shows it: the measure its own label names, else the
 * statistic labelled next to it in the same column (超过86%的学员 under 本年学分; 超越0%用户 under
 * 财富排名); `unstated` when neither says.
 */
function rankingKey(texts: ScreenText[], rank: ScreenText): { key: Key; by?: ScreenText } {
  const own = keyOf(measureOf(rank.text));
  if (own) return { key: own };
  const h = Math.max(1, rank.bounds.y2 - rank.bounds.y1);
  const gap = (t: ScreenText) => Math.max(0, t.bounds.y1 - rank.bounds.y2, rank.bounds.y1 - t.bounds.y2);
  const neighbours = texts
    .filter(
      (t) =>
        t !== rank &&
        !/^[\d.,%+\-\s]+$/.test(norm(t.text)) &&
        charLength(t.text) <= 12 &&
        gap(t) <= 3 * h &&
        Math.min(t.bounds.x2, rank.bounds.x2) > Math.max(t.bounds.x1, rank.bounds.x1),
    )
    .sort((a, b) => gap(a) - gap(b));
  for (const t of neighbours) {
    const key = findTerm(t.text, POINTS_TERMS) ? 'points' : findTerm(t.text, RANKING_TERMS) ? keyOf(measureOf(t.text)) : findTerm(t.text, OTHER_RANK_MEASURES) ? 'other' : undefined;
    if (key) return { key, by: t };
  }
  return { key: 'unstated' };
}

function findingsOn(app: CrawlObservation, screen: ObservedScreen): Finding[] {
  const out: Finding[] = [];
  const title = screenTitle(screen);
  const texts = contentTexts(screen);
  const scored = scoredRanking(rowsOf(screen));
  if (scored.length && !isNonUserRanking(title?.text)) {
    const rank = title?.text ?? scored[0].text;
    out.push({
      kind: 'list',
      screen,
      rank,
      example: scored[0].text,
      points: pointsWord(rank) ?? pointsWord(scored[0].text) ?? '积分',
      evidence: [...(title ? [textEvidence(screen, title)] : []), ...scored.slice(0, 3).map((r) => rowEvidence(screen, r))],
    });
  }
  // Statistics and labels, not words inside headlines or articles (those are not functions).
  const isRankingLabel = (t: ScreenText) =>
    !!findTerm(t.text, RANKING_TERMS) && (t === title || isEntry(screen, t, 12) || (!t.clickable && charLength(t.text) <= 8));
  const ranks = texts.filter(
    (t) => (isRankingLabel(t) || (RANKING_TEXT_RE.test(norm(t.text)) && charLength(t.text) <= 30)) && !isNonUserRanking(t.text, title?.text),
  );
  for (const rank of out.length ? [] : ranks) {
    const { key, by } = rankingKey(texts, rank);
    if (key === 'other') continue;
    if (key === 'points') {
      const points = by ?? rank;
      out.push({
        kind: 'text',
        screen,
        rank: rank.text,
        example: rank.text,
        points: pointsWord(points.text) ?? '积分',
        evidence: [textEvidence(screen, rank), ...(points === rank ? [] : [textEvidence(screen, points)])],
      });
    } else out.push({ kind: 'unstated', screen, rank: rank.text, example: rank.text, points: '', evidence: [textEvidence(screen, rank)] });
    break;
  }
  for (const f of out) f.scenario = findScenario(scenarioContext(app, screen, [f.rank]));
  return out;
}

export default defineDetector({
  meta: {
    id: 'no-points-ranking',
    clause: '4.1.2',
    title: '不得设置积分排名功能',
    messages: {
      list: '{{screen}}按{{points}}对用户排名（如“{{row}}”），属于积分排名',
      text: '{{screen}}按{{points}}对用户排名（“{{rank}}”），属于积分排名',
      unstated: '{{screen}}有排名“{{rank}}”，但未显示按何种统计排名（积分、学时或其他），需人工确认',
      scenario: '发现积分排名“{{rank}}”，位于{{scenario}}场景（依据“{{term}}”），属标准允许的特殊场景，需人工确认',
      none: '已遍历{{count}}个应用内页面，未发现按积分、学时等对用户排名的功能',
      notExplored: '未观察到应用内页面，无法判断是否存在积分排名',
    },
    seek: {
      entries: [
        { name: 'ranking', weight: 10, words: [...RANKING_TERMS, '榜'], ids: ['rank', 'leader_?board', 'paihang'], except: NON_USER_RANK_SUBJECTS, decay: 0.4 },
        { name: 'points', weight: 8, words: POINTS_TERMS, ids: ['points?', 'score', 'credit', 'jifen'], decay: 0.5 },
        // Points are usually earned by tasks (每日任务, 答题): their screens show the points and where they rank.
        { name: 'tasks', weight: 6, words: ['任务', '答题', '挑战', '每日'], ids: ['tasks?', 'missions?', 'daily', 'quiz'], decay: 0.6 },
      ],
    },
  },
  options: z.object({}),
  detect(app, ctx) {
    const screens = appScreens(app);
    if (screens.length === 0) return ctx.report({ verdict: 'unknown', messageId: 'notExplored' });
    const findings = screens.flatMap((s) => findingsOn(app, s)).sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'list' ? -1 : 1));
    const plain = findings.filter((f) => !f.scenario && f.kind !== 'unstated');
    const evidence = (fs: Finding[]) => fs.flatMap((f) => f.evidence);
    if (plain.length) {
      const f = plain[0];
      const data = { screen: screenName(f.screen), points: f.points, rank: quote(f.rank), row: quote(f.example) };
      return ctx.report({ verdict: 'fail', messageId: f.kind, data, evidence: evidence(plain) });
    }
    const scenario = findings.find((f) => f.scenario && f.kind !== 'unstated');
    if (scenario) {
      const f = scenario;
      return ctx.report({
        verdict: 'review',
        messageId: 'scenario',
        data: { rank: quote(f.rank), scenario: f.scenario!.scenario, term: f.scenario!.term },
        evidence: evidence(findings),
      });
    }
    const unstated = findings.filter((f) => f.kind === 'unstated');
    if (unstated.length) {
      const f = unstated[0];
      return ctx.report({ verdict: 'review', messageId: 'unstated', data: { screen: screenName(f.screen), rank: quote(f.rank) }, evidence: evidence(unstated) });
    }
    ctx.report({ verdict: 'pass', messageId: 'none', data: { count: screens.length } });
  },
});
