/**
 * Filing numbers (clause 5). MIIT app filing numbers look like `苏ICP备2024012345号-1A`: province
 * abbreviation, ICP备, 8–10 digits, 号, `-N` and the app suffix `A` (a website's has no letter);
 * a mini-program's filing ends in `X` (`京ICP备2023012345号-2X`) and a quick app's in `K`: they
 * are the 备案编号 of those kinds of 移动互联网应用程序, as `A` is an APK's.
 * Pure; tolerant of OCR noise: full-width characters (NFKC), spaces, lCP/1CP for ICP, 各 for 备,
 * the letter O inside digit runs.
 */

/** Abbreviations of the provincial-level divisions a filing number starts with. */
export const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';

export interface FilingMatch {
  /** Canonical form of what was read, e.g. `苏ICP备2024012345号-1A`. */
  number: string;
  /** ICP-style (else a labelled number of another shape). */
  icp: boolean;
  /** Has an application suffix (`-1A` App, `-1X` mini-program, `-1K` quick app). */
  app: boolean;
  /** Nothing missing: province, enough digits, 号 or suffix, no ellipsis after it. */
  complete: boolean;
}

/** OCR-tolerant normal form: NFKC, no spaces, ICP lookalikes fixed, O→0 between digits. */
export function normalizeFiling(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[I1l|][CcＣ][Pp]/g, 'ICP')
    .replace(/ICP各/g, 'ICP备')
    .replace(/(?<=\d)[Oo](?=[\dOo])|(?<=[\dOo])[Oo](?=\d)/g, '0');
}

/** Suffixes of application filings: App, 小程序, 快应用. */
const APP_SUFFIXES = ['A', 'X', 'K'];

const ICP_RE = /(.)?ICP备?(\d+)(号)?(?:-(\d+)([A-Za-z])?)?/g;
const LABELLED_RE = /(?<!公网安)(?:APP|App|app)?备案(?:编)?号[:：]?([A-Za-z0-9\-\u4e00-\u9fff]+)/;
const ELLIPSIS_AFTER_RE = /^(\.{2,}|…|⋯)/;

export function findFilingNumbers(text: string): FilingMatch[] {
  const t = normalizeFiling(text);
  const out: FilingMatch[] = [];
  for (const m of t.matchAll(ICP_RE)) {
    const [all, province = '', digits, hao, n, letter] = m;
    const cut = ELLIPSIS_AFTER_RE.test(t.slice(m.index + all.length));
    const suffix = n ? `-${n}${letter ?? ''}` : '';
    const app = !!letter && APP_SUFFIXES.includes(letter.toUpperCase());
    const complete = province !== '' && PROVINCES.includes(province) && digits.length >= 8 && digits.length <= 10 && (!!hao || !!n) && !cut;
    const prefix = PROVINCES.includes(province) ? province : '';
    out.push({ number: `${prefix}ICP备${digits}${hao ?? ''}${suffix.toUpperCase()}`, icp: true, app, complete });
  }
  if (out.length) return out;
  const labelled = LABELLED_RE.exec(t);
  if (labelled) {
    const value = labelled[1];
    const cut = ELLIPSIS_AFTER_RE.test(t.slice(labelled.index + labelled[0].length));
    const digits = value.replace(/\D/g, '').length;
    out.push({ number: value, icp: false, app: /\d+[AXK]$/i.test(value), complete: !cut && digits >= 6 });
  }
  return out;
}
