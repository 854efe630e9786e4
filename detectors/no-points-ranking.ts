import { z } from 'zod';
import type { Evidence } from '../src/findings/schema.ts';
import type { CrawlObservation, ObservedScreen, ScreenText } from '../src/observation.ts';
import { defineDetector } from './define.ts';
import { rowEvidence, textEvidence } from './lib/evidence.ts';
import { findScenario, scenarioContext, type ScenarioMatch } from './lib/scenario.ts';
import { appScreens, contentTexts, isEntry, rowsOf, screenName, screenTitle, type Row } from './lib/screens.ts';
import { charLength, findTerm, norm, quote } from './lib/text.ts';
import { NON_USER_RANK_SUBJECTS, POINTS_TERMS, POINTS_VALUE_RE, RANKING_TERMS, RANKING_TEXT_RE } from './lib/vocab.ts';

/** A row led by its rank: `1 张三 1280分`, `第2名 李四`, `3. 王五` (not dates such as `11-21`, not `3.2公里`). */
const RANK_ROW_RE = /^(?:第\s*)?(\d{1,4})(?:\s+|名|、|\.(?!\d))(.*)$/;

interface Finding {
  kind: 'list' | 'text';
  screen: ObservedScreen;
  rank: string;
  /** An example of the ordering: a ranked row, or the ranking text. */
  example: string;
  points: string;
  evidence: Evidence[];
  scenario?: ScenarioMatch;
}

const isNonUserRanking = (...texts: (string | undefined)[]) => texts.some((t) => t && findTerm(t, NON_USER_RANK_SUBJECTS));
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
  const pointsText = texts.find(
    (t) => (findTerm(t.text, POINTS_TERMS) && charLength(t.text) <= 12) || (POINTS_VALUE_RE.test(norm(t.text)) && charLength(t.text) <= 20),
  );
  const isRankingLabel = (t: ScreenText) =>
    !!findTerm(t.text, RANKING_TERMS) && (t === title || isEntry(screen, t, 12) || (!t.clickable && charLength(t.text) <= 8));
  const rankText = texts.find(
    (t) => (isRankingLabel(t) || (RANKING_TEXT_RE.test(norm(t.text)) && charLength(t.text) <= 30)) && !isNonUserRanking(t.text, title?.text),
  );
  if (pointsText && rankText && !out.length) {
    const points: ScreenText = findTerm(rankText.text, POINTS_TERMS) ? rankText : pointsText;
    out.push({
      kind: 'text',
      screen,
      rank: rankText.text,
      example: rankText.text,
      points: pointsWord(points.text) ?? '积分',
      evidence: [textEvidence(screen, rankText), ...(points === rankText ? [] : [textEvidence(screen, points)])],
    });
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
      text: '{{screen}}同时显示{{points}}统计与排名“{{rank}}”，属于积分排名',
      scenario: '发现积分排名“{{rank}}”，位于{{scenario}}场景（依据“{{term}}”），属标准允许的特殊场景，需人工确认',
      none: '已遍历{{count}}个应用内页面，未发现按积分、学时等对用户排名的功能',
      notExplored: '未观察到应用内页面，无法判断是否存在积分排名',
    },
  },
  options: z.object({}),
  detect(app, ctx) {
    const screens = appScreens(app);
    if (screens.length === 0) return ctx.report({ verdict: 'unknown', messageId: 'notExplored' });
    const findings = screens.flatMap((s) => findingsOn(app, s)).sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'list' ? -1 : 1));
    const plain = findings.filter((f) => !f.scenario);
    const evidence = (fs: Finding[]) => fs.flatMap((f) => f.evidence);
    if (plain.length) {
      const f = plain[0];
      const data = { screen: screenName(f.screen), points: f.points, rank: quote(f.rank), row: quote(f.example) };
      return ctx.report({ verdict: 'fail', messageId: f.kind, data, evidence: evidence(plain) });
    }
    if (findings.length) {
      const f = findings[0];
      return ctx.report({
        verdict: 'review',
        messageId: 'scenario',
        data: { rank: quote(f.rank), scenario: f.scenario!.scenario, term: f.scenario!.term },
        evidence: evidence(findings),
      });
    }
    ctx.report({ verdict: 'pass', messageId: 'none', data: { count: screens.length } });
  },
});
