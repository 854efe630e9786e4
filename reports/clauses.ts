import { CLAUSES, type ClauseId, type Verdict, type Via } from '../src/findings/schema.ts';
import type { ActionKind } from '../src/observation.ts';

/** The requirement of each clause, in the words of 政务移动互联网应用程序管理要求 (shortened for tables). */
export const CLAUSE_TITLES: Record<ClauseId, string> = {
  '4.1.1': '不得设置打卡、签到功能',
  '4.1.2': '不得设置积分排名功能',
  '4.1.3': '不得统计在线时长',
  '4.2': '清晰完整展示主办（使用）单位名称',
  '4.3': '提供投诉建议功能',
  '4.4': '中文编码符合 GB 18030-2022 实现级别 3',
  '5': '清晰完整展示备案编号',
  '6.d': '不得要求非必要上传工作照片、截图、视频、轨迹',
  '6.h': '提供违规功能与滥用行为的举报渠道',
  '6.i': '不得开展商业活动',
  '7.3': '人工智能生成内容按 GB 45438 标识',
};

export function clauseTitle(clause: string): string {
  return (CLAUSE_TITLES as Record<string, string>)[clause] ?? clause;
}

/** Verdicts in the words inspectors use, with the colours the report gives them. */
export const VERDICT_WORDS: Record<Verdict, string> = {
  fail: '不符合',
  pass: '符合',
  review: '需人工复核',
  'n/a': '不适用',
  unknown: '无法判定',
};

export const VERDICT_COLORS: Record<Verdict, { fg: string; bg: string }> = {
  fail: { fg: '#ffffff', bg: '#c62828' },
  pass: { fg: '#ffffff', bg: '#2e7d32' },
  review: { fg: '#3e2700', bg: '#f9a825' },
  'n/a': { fg: '#ffffff', bg: '#757575' },
  unknown: { fg: '#ffffff', bg: '#5c6bc0' },
};

export function verdictWord(v: string): string {
  return (VERDICT_WORDS as Record<string, string>)[v] ?? v;
}

/** Colour of an evidence outline: red for a violation, amber for review, green otherwise. */
export function outlineColor(v: string): string {
  return v === 'fail' ? '#e53935' : v === 'review' ? '#fb8c00' : v === 'pass' ? '#43a047' : '#5c6bc0';
}

export const VIA_WORDS: Record<Via, string> = {
  a11y: '无障碍树',
  ocr: '截图文字识别',
  probe: '主动探测',
  flow: '操作结果',
};

export const ACTION_WORDS: Record<ActionKind, string> = {
  launch: '启动应用',
  relaunch: '重新启动应用',
  tap: '点击',
  back: '返回',
  swipe: '滑动',
  type: '输入',
  wait: '等待',
};

export const STOP_REASON_WORDS: Record<string, string> = {
  explored: '已遍历完毕',
  blocked: '可达部分已遍历完毕，但有部分未能进入',
  budget: '预算耗尽（时间或操作数）',
  error: '爬取中断（已发现内容仍有效）',
  interrupted: '被用户中止',
};

/** Clause order of the standard, for sorting findings that came in any order. */
export function clauseOrder(c: string): number {
  const i = (CLAUSES as readonly string[]).indexOf(c);
  return i < 0 ? CLAUSES.length : i;
}

/** A file-name-safe form of a clause id (`6.h` stays `6.h`, anything odd becomes `_`). */
export function clauseSlug(c: string): string {
  return c.replace(/[^0-9A-Za-z.-]/g, '_');
}
