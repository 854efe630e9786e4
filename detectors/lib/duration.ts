/**
 * Durations in app texts (4.1.3). Pure. `parseDuration` turns one duration token into seconds;
 * `scanTimes` finds the time expressions of a text and tells, from their context, a duration
 * (a counter such as 学习时长 00:12:31) from a clock time (23:21), a timestamp (11月25日 9:00),
 * a relative time (27分钟前) or a range (服务时间 9:00-17:00).
 */

export type TimeKind = 'duration' | 'ambiguous' | 'clock' | 'timestamp' | 'relative' | 'range';

export interface TimeToken {
  text: string;
  /** Offset in the NFKC-normalised text. */
  index: number;
  seconds: number;
  kind: TimeKind;
}

const COLON_RE = /^(\d{1,3}):([0-5]\d)(?::([0-5]\d))?$/;
const UNIT_PART_RE = /(\d+(?:\.\d+)?)\s*(天|个?小时|分钟|分|秒钟|秒)/g;
const UNIT_FACTOR: Record<string, number> = { 天: 86400, 小时: 3600, 个小时: 3600, 分钟: 60, 分: 60, 秒钟: 1, 秒: 1 };

/**
 * One token → seconds: `HH:MM:SS`, `MM:SS`, `N天N小时N分钟N秒` and subsets (`2小时30分`, `45分钟`,
 * `30秒`). A bare `N分` is a score, not minutes, unless an hour part precedes it or seconds follow.
 */
export function parseDuration(token: string): number | undefined {
  const s = token.normalize('NFKC').trim();
  const colon = COLON_RE.exec(s);
  if (colon) {
    const [a, b, c] = [colon[1], colon[2], colon[3]].map((x) => (x === undefined ? undefined : Number(x)));
    return c === undefined ? a! * 60 + b! : a! * 3600 + b! * 60 + c;
  }
  const parts = [...s.matchAll(UNIT_PART_RE)];
  if (!parts.length || parts.map((p) => p[0]).join('').replace(/\s+/g, '') !== s.replace(/\s+/g, '')) return undefined;
  const units = parts.map((p) => p[2]);
  if (units.includes('分') && !units.some((u) => u.endsWith('小时') || u === '天') && !units.some((u) => u.startsWith('秒'))) return undefined;
  for (let i = 1; i < units.length; i++) if (UNIT_FACTOR[units[i]] >= UNIT_FACTOR[units[i - 1]]) return undefined;
  return parts.reduce((sum, p) => sum + Number(p[1]) * UNIT_FACTOR[p[2]], 0);
}

const TOKEN_RE = /(?<![\d.])(?<!\d:)\d{1,3}:[0-5]\d(?::[0-5]\d)?(?![\d:])|(?<![\d.])(?:\d+(?:\.\d+)?\s*(?:天|个?小时|分钟|分|秒钟|秒)\s*)+/g;
const RELATIVE_AFTER_RE = /^\s*(前|以前|之前|后|以后|之后|内|以内)/;
const RANGE_AFTER_RE = /^\s*[-~～—–至到]\s*\d{1,2}:\d{2}/;
const RANGE_BEFORE_RE = /\d{1,2}:\d{2}\s*[-~～—–至到]\s*$/;
const DATE_BEFORE_RE =
  /(\d{1,2}月\d{1,2}[日号]|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|(?<![\d.])\d{1,2}[-/]\d{1,2}|今天|昨天|明天|前天|后天|上午|下午|中午|早上|晚上|凌晨|傍晚|周[一二三四五六日天]|星期[一二三四五六日天])\s*$/;
const DURATION_LABEL_RE = /(时长|用时|计时|耗时|已学|学习|在线|累计|共计|合计|本次|倒计时|剩余)\s*[:：]?\s*$/;
const CLOCK_LABEL_RE = /(时间|时刻|截止|开始|结束|更新|发布|签到|打卡|出发|到达|于)\s*[:：]?\s*$/;

/** The clause the token sits in: text back to the last separator, at most 12 characters. */
function clauseBefore(text: string, index: number): string {
  const before = text.slice(Math.max(0, index - 12), index);
  const cut = Math.max(...['，', ',', '。', '；', ';', '|', '、', '\n'].map((sep) => before.lastIndexOf(sep)));
  return before.slice(cut + 1);
}

function classify(text: string, start: number, token: string): TimeKind {
  const end = start + token.length;
  const before = clauseBefore(text, start);
  const after = text.slice(end, end + 8);
  if (RELATIVE_AFTER_RE.test(after)) return 'relative';
  if (RANGE_AFTER_RE.test(after) || RANGE_BEFORE_RE.test(before)) return 'range';
  if (DATE_BEFORE_RE.test(before)) return 'timestamp';
  if (DURATION_LABEL_RE.test(before)) return 'duration';
  if (CLOCK_LABEL_RE.test(before)) return 'clock';
  if (token.includes(':')) return token.split(':').length === 3 ? 'ambiguous' : 'clock';
  return 'duration';
}

/** Every time expression in `text`, classified by context. */
export function scanTimes(text: string): TimeToken[] {
  const t = text.normalize('NFKC');
  const out: TimeToken[] = [];
  for (const m of t.matchAll(TOKEN_RE)) {
    const token = m[0].trimEnd();
    const seconds = parseDuration(token);
    if (seconds === undefined) continue;
    out.push({ text: token, index: m.index, seconds, kind: classify(t, m.index, token) });
  }
  return out;
}

/** Tokens that may be a counter of elapsed time (a labelled duration, or a bare HH:MM:SS). */
export function counterTokens(text: string): TimeToken[] {
  return scanTimes(text).filter((t) => t.kind === 'duration' || t.kind === 'ambiguous');
}
