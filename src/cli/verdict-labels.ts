import type { Verdict } from '../findings/schema.ts';

/** How verdicts read in Chinese reports and terminal output. */
export const VERDICT_LABELS: Record<Verdict, string> = {
  fail: '不符合',
  pass: '符合',
  review: '需复核',
  'n/a': '不适用',
  unknown: '无法判定',
};
