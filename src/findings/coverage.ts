import type { Coverage, StopReason, Wall } from './schema.ts';

/**
 * What a crawl's coverage allows (findings.md "Absence needs coverage"): a verdict that rests on
 * not having seen something is only given when the crawl explored everything it could reach and
 * met no wall. Every reader (detectors, CLI, reports, batch, JUnit, the gate) asks here, so they
 * all tell the same story about one crawl.
 */

/** Wall kinds this tool writes; readers accept any other word as well. */
export const WALL_KINDS = ['login', 'unreachable', 'crash', 'leaves-app', 'loop'] as const;
export type WallKind = (typeof WALL_KINDS)[number];

export interface RunCoverage {
  stopReason: StopReason;
  /** Undefined for bundles written before findings/1 had `run.coverage`. */
  coverage?: Coverage;
}

/** Absence-based verdicts may stand: the crawl was explored with no wall, and it says so. */
export function absenceJudgeable(run: RunCoverage): boolean {
  return run.stopReason === 'explored' && run.coverage !== undefined && run.coverage.walls.length === 0;
}

/** The crawl saw less than the whole app (or cannot say that it saw it all). */
export function isIncomplete(run: RunCoverage): boolean {
  return !absenceJudgeable(run);
}

const LOGIN_REASONS: Record<string, string> = {
  'no-credentials': '未配置账号',
  'login-failed': '登录未成功',
};

/** One wall in Chinese, e.g. 登录后页面未能进入（未配置账号，界面 s1）. */
export function describeWall(w: Wall): string {
  const where = `界面 ${w.state}${w.text ? `“${w.text.slice(0, 20)}”` : ''}`;
  switch (w.kind) {
    case 'login':
      return `登录后页面未能进入（${LOGIN_REASONS[String(w.reason ?? '')] ?? '登录未成功'}，${where}）`;
    case 'unreachable':
      return `${where}多次尝试后仍未能进入`;
    case 'crash':
      return `应用反复崩溃（${where}）`;
    case 'leaves-app':
      return `${where}每次进入都会离开应用`;
    case 'loop':
      return `进入${where}时陷入无进展的循环，已放弃`;
    default:
      return `${where}未能越过（${w.kind}）`;
  }
}

const STOP_WORDS: Record<StopReason, string> = {
  explored: '已遍历完毕',
  blocked: '可达部分已遍历，但有部分未能进入',
  budget: '预算耗尽',
  error: '爬取中断',
  interrupted: '爬取被用户中止',
};

/**
 * What was seen and why the rest was not, in one Chinese sentence, e.g.
 * 登录后页面未能进入（未配置账号，界面 s1“登录”），已遍历2个页面 or
 * 预算耗尽，尚有12个操作未尝试，已遍历5个页面.
 */
export function describeCoverage(run: RunCoverage): string {
  const c = run.coverage;
  if (!c) return `证据包未记录遍历覆盖情况（${STOP_WORDS[run.stopReason]}），无法判断未发现的内容是否真的不存在`;
  const parts: string[] = [];
  if (run.stopReason !== 'explored' && run.stopReason !== 'blocked') parts.push(STOP_WORDS[run.stopReason]);
  const walls = c.walls.map(describeWall);
  if (walls.length > 3) parts.push(`${walls.slice(0, 3).join('；')}等${walls.length}处`);
  else parts.push(...walls);
  if (c.actionsLeft > 0 && run.stopReason !== 'explored') parts.push(`尚有${c.actionsLeft}个操作未尝试`);
  parts.push(`已遍历${c.screens}个页面`);
  return parts.join('，');
}

/** The one line a partial crawl leads with (CLI first line, report banner, JUnit, batch). */
export function incompleteNotice(run: RunCoverage): string | undefined {
  return isIncomplete(run) ? `遍历不完整：${describeCoverage(run)}。依据“未发现”得出的结论已改为无法判定。` : undefined;
}
