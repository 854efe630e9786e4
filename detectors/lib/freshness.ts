import type { CrawlObservation, ObservedScreen, ScreenText } from '../../src/observation.ts';
import { appScreens, contentTexts, rowsOf, tapTargetLabel } from './screens.ts';
import { display, norm } from './text.ts';

/**
 * The newest content date a crawl saw: dates printed in lists and articles (2026-11-18,
 * 2026年11月18日, 11-18, 11月18日), never clocks (08:32), relative words (今天, 3小时前) nor the
 * crawl's own times. A date without a year takes the crawl's year, or the year before when that
 * would put it after the crawl. Dates after the crawl day (meetings, deadlines) and dates labelled
 * as something else (有效期, 截止, 出生, ©) say nothing about how fresh the content is. Pure.
 */
export interface ContentDate {
  date: string;
  screen: ObservedScreen;
  text: ScreenText;
  /** The list item or row the date belongs to, as displayed. */
  context: string;
}

const FULL_DATE = /(?<!\d)(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)/g;
const MONTH_DAY = /(?<![\d年./:-])(\d{1,2})月(\d{1,2})日|(?<![\d./:-])(\d{1,2})-(\d{1,2})(?![\d.:-])/g;
/** Labels of dates that are not publication dates. */
const NOT_CONTENT_DATE = /有效期|截止|截至|到期|期限|出生|生日|成立|版权|©|copyright|备案|版本|开始时间|结束时间/i;

const pad = (n: number) => String(n).padStart(2, '0');

function isoDate(y: number, m: number, d: number): string | undefined {
  if (m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return undefined;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** ISO dates printed in one text, years inferred against the crawl day (`today`, YYYY-MM-DD). */
export function datesIn(text: string, today: string): string[] {
  const s = norm(text);
  const out: string[] = [];
  const year = Number(today.slice(0, 4));
  const full = s.replace(FULL_DATE, (_, y: string, m: string, d: string) => {
    const iso = isoDate(Number(y), Number(m), Number(d));
    if (iso) out.push(iso);
    return ' ';
  });
  for (const m of full.matchAll(MONTH_DAY)) {
    const [mo, d] = m[1] ? [Number(m[1]), Number(m[2])] : [Number(m[3]), Number(m[4])];
    const iso = isoDate(year, mo, d);
    if (!iso) continue;
    out.push(iso > today ? (isoDate(year - 1, mo, d) ?? iso) : iso);
  }
  return out;
}

/** Every content date seen on the app's screens, at or before the crawl day. */
export function contentDates(obs: CrawlObservation, today: string): ContentDate[] {
  const out: ContentDate[] = [];
  for (const screen of appScreens(obs)) {
    const rows = rowsOf(screen);
    for (const t of contentTexts(screen)) {
      const at = rows.findIndex((r) => r.texts.includes(t));
      const row = at >= 0 ? rows[at].text : display(t.text);
      if (NOT_CONTENT_DATE.test(row)) continue;
      const item = t.clickable ? tapTargetLabel(screen, t) : '';
      // A date on a line of its own (or beside a source name) belongs to the headline above it.
      const bare = Array.from(row.replace(FULL_DATE, '').replace(MONTH_DAY, '').replace(/[\s\d:]/g, '')).length < 8;
      const context = display(item.length > t.text.length ? item : bare && at > 0 ? `${rows[at - 1].text}  ${row}` : row);
      for (const date of datesIn(t.text, today)) if (date <= today) out.push({ date, screen, text: t, context });
    }
  }
  return out;
}

/** The newest of them (the first screen seen wins a tie); undefined when no dated content was seen. */
export function newestContentDate(obs: CrawlObservation, today: string): ContentDate | undefined {
  return contentDates(obs, today).reduce<ContentDate | undefined>((best, d) => (!best || d.date > best.date ? d : best), undefined);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
