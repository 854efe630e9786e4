/**
 * GB 18030-2022 test characters for the Chinese-encoding probe (clause 4.4). Pure: no device.
 *
 * GB 18030-2022 defines three implementation levels: level 1 (the BMP repertoire: GB 2312,
 * CJK Unified Ideographs incl. U+9FA6…U+9FEF, Extension A), level 2 (level 1 plus the characters
 * of 通用规范汉字表 encoded outside the BMP, in Extensions B–F) and level 3 (every character the
 * standard lists: all of Extensions B–F, Kangxi radicals, …). The clause asks for level 3, so
 * the probe types a few characters of each level and reads the field back.
 */

export type Gb18030Level = 1 | 2 | 3;

export interface ProbeChar {
  ch: string;
  /** Unicode code point. */
  cp: number;
  level: Gb18030Level;
  block: string;
}

const c = (cp: number, level: Gb18030Level, block: string): ProbeChar => ({ ch: String.fromCodePoint(cp), cp, level, block });

export const PROBE_CHARS: readonly ProbeChar[] = [
  c(0x9fa6, 1, 'CJK Unified Ideographs (added to level 1 in 2022)'), // 龦
  c(0x3400, 1, 'CJK Extension A'), // 㐀
  c(0x2c317, 2, 'CJK Extension E (通用规范汉字表)'), // 𬌗
  c(0x20164, 2, 'CJK Extension B (通用规范汉字表)'), // 𠅤
  c(0x20000, 3, 'CJK Extension B'), // 𠀀
  c(0x20bb7, 3, 'CJK Extension B'), // 𠮷
  c(0x2a700, 3, 'CJK Extension C'), // 𪜀
  c(0x2b740, 3, 'CJK Extension D'), // 𫝀
  c(0x2b820, 3, 'CJK Extension E'), // 𫠠
  c(0x2ceb0, 3, 'CJK Extension F'), // 𬺰
  c(0x2f00, 3, 'Kangxi Radicals'), // ⼀
];

/** What the probe types into a safe text field. */
export const PROBE_STRING = PROBE_CHARS.map((p) => p.ch).join('');

const BY_CP = new Map(PROBE_CHARS.map((p) => [p.cp, p]));

/** `U+20000` */
export function codePointLabel(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * The lowest implementation level that must support `ch` (its first code point).
 * Exact for the probe characters; for others an approximation by Unicode block: BMP characters
 * are level 1 except Kangxi radicals (level 3), characters outside the BMP are level 3 (the
 * ~200 level-2 characters of 通用规范汉字表 are not tabulated here).
 */
export function levelOf(ch: string): Gb18030Level {
  const cp = ch.codePointAt(0) ?? 0;
  const known = BY_CP.get(cp);
  if (known) return known.level;
  if (cp >= 0x2f00 && cp <= 0x2fdf) return 3;
  return cp > 0xffff ? 3 : 1;
}

export const LEVEL_NAMES: Record<Gb18030Level, string> = { 1: '一级', 2: '二级', 3: '三级' };

export interface CharIssue {
  ch: string;
  cp: number;
  level: Gb18030Level;
  /** For replaced characters: what came back in their place. */
  by?: string;
}

export interface ProbeComparison {
  intact: boolean;
  lost: CharIssue[];
  replaced: CharIssue[];
}

/**
 * Compares what was typed with what the field holds afterwards, code point by code point
 * (a surrogate pair is one character). Aligns both by their longest common subsequence; a typed
 * character without a partner is `replaced` when the read-back has unmatched characters in the
 * same gap (a `?`, a box, two halves of a broken pair…), else `lost`.
 */
export function compareProbe(typed: string, readBack: string): ProbeComparison {
  const a = Array.from(typed);
  const b = Array.from(readBack);
  // lcs[i][j] = LCS length of a[i..] and b[j..]
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);

  const lost: CharIssue[] = [];
  const replaced: CharIssue[] = [];
  let gapA: string[] = [];
  let gapB: string[] = [];
  const flush = () => {
    // Pair unmatched typed characters with the unmatched read-back characters of the same gap.
    const per = gapA.length ? Math.max(1, Math.floor(gapB.length / gapA.length)) : 0;
    gapA.forEach((ch, k) => {
      const issue: CharIssue = { ch, cp: ch.codePointAt(0)!, level: levelOf(ch) };
      const by = gapB.slice(k * per, k === gapA.length - 1 ? gapB.length : (k + 1) * per).join('');
      if (by) replaced.push({ ...issue, by });
      else lost.push(issue);
    });
    gapA = [];
    gapB = [];
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      flush();
      i++;
      j++;
    } else if (j < b.length && (i === a.length || lcs[i][j + 1] >= lcs[i + 1][j])) gapB.push(b[j++]);
    else gapA.push(a[i++]);
  }
  flush();
  return { intact: lost.length === 0 && replaced.length === 0, lost, replaced };
}

/**
 * Splits `text` into pieces of at most `maxUnits` UTF-16 code units, never through a surrogate
 * pair: what fits into a field whose `max-text-length` (Android's `InputFilter.LengthFilter`,
 * and UiAutomator2's setText, count UTF-16 units) is `maxUnits`. No limit (0): one piece.
 * A limit under 2 cannot take a character outside the BMP at all: `undefined`.
 */
export function chunkUtf16(text: string, maxUnits: number): string[] | undefined {
  if (!(maxUnits > 0) || text.length <= maxUnits) return [text];
  if (maxUnits < 2 && Array.from(text).some((ch) => ch.length > 1)) return undefined;
  const out: string[] = [];
  let cur = '';
  for (const ch of text) {
    if (cur.length + ch.length > maxUnits) {
      out.push(cur);
      cur = '';
    }
    cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

/**
 * When `readBack` is `typed` cut short by a length limit — the first n UTF-16 units kept, a cut
 * through a surrogate pair read back as `?` (the lone half, as the device's encoder writes it) or
 * dropped — the whole characters that were kept; otherwise `undefined` (a real loss or
 * replacement, for `compareProbe` to judge).
 */
export function lengthLimitCut(typed: string, readBack: string): string | undefined {
  const n = readBack.length;
  if (n === 0 || n >= typed.length) return undefined;
  const head = typed.slice(0, n);
  const splitsPair = /[\uD800-\uDBFF]$/.test(head);
  if (!splitsPair && readBack === head) return head;
  if (splitsPair && readBack === head.slice(0, -1) + '?') return n > 1 ? head.slice(0, -1) : undefined;
  return undefined;
}
