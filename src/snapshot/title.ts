import type { Snapshot, UiElement } from './model.ts';

/**
 * What a person would call a screen: its title bar, a web page's document title, the selected
 * tab, else the first short heading-like text near the top. Pure; used for the report's graph
 * and step descriptions and by the state key (title bars name screens).
 */

/** Resource-id words of title bars and headers. */
export const TITLE_ID = /(^|[:/_])(title|toolbar|header|action_bar|actionbar|page_title|nav_title|tv_title)([_/]|$)/i;

/** Longest text taken as a title; longer texts are content, not names. */
const MAX_TITLE = 24;
/** The top fraction of the screen searched for a heading-like text when nothing names the screen. */
const TOP_BAND = 0.22;
/** Status-bar texts and clocks are never titles. */
const NOT_TITLE = /^(\d{1,2}:\d{2}|\d+%|[\d\s:./-]+)$/;

const labelOf = (e: UiElement) => (e.text || e.contentDesc).trim();
const usable = (e: UiElement) => {
  const l = labelOf(e);
  return e.displayed && !e.naf && l.length > 0 && Array.from(l).length <= MAX_TITLE && !NOT_TITLE.test(l) && !/EditText$/.test(e.className);
};

export function screenTitle(s: Snapshot): string | undefined {
  const webTitle = s.elements.find((e) => /WebView$/.test(e.className) && e.attrs['web-title'])?.attrs['web-title'];
  const bar = s.elements.find((e) => usable(e) && TITLE_ID.test(e.resourceId));
  if (bar) return labelOf(bar);
  if (webTitle && Array.from(webTitle).length <= MAX_TITLE * 2) return webTitle.trim();
  const tab = s.elements.find((e) => usable(e) && e.selected);
  if (tab) return labelOf(tab);
  const band = s.height ? s.height * TOP_BAND : Infinity;
  const top = s.elements.find((e) => usable(e) && e.text && !e.clickable && e.bounds.y1 < band && e.bounds.y2 > e.bounds.y1);
  return top ? labelOf(top) : undefined;
}

/** Longest document title taken as an H5 app's name. */
const MAX_APP_NAME = 40;

/**
 * The document title of the web page a snapshot shows (the DOM root's `web-title`), as an H5
 * app's name; undefined for native screens, untitled pages and titles too long to be a name.
 */
export function documentTitle(s: Snapshot): string | undefined {
  const root = s.roots.map((r) => s.elements[r]).find((e) => e?.attrs['web-title']);
  const t = root?.attrs['web-title']?.replace(/\s+/g, ' ').trim();
  return t && Array.from(t).length <= MAX_APP_NAME ? t : undefined;
}
