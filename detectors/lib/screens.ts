import { isButton } from '../../src/snapshot/dialog-words.ts';
import { height, type Rect } from '../../src/geometry.ts';
import type { CrawlObservation, ObservedScreen, ScreenText } from '../../src/observation.ts';
import type { UiElement } from '../../src/snapshot/model.ts';
import { contentTexts } from './content-texts.ts';
import { messageTexts } from './conversation.ts';
import { charLength, display, norm } from './text.ts';

/** Screens of the app under test (not launchers, not system dialogs such as permission prompts). */
export function appScreens(obs: CrawlObservation): ObservedScreen[] {
  return obs.screens.filter((s) => s.inApp);
}

export { contentTexts };

export function elementOf(screen: ObservedScreen, t: ScreenText): UiElement | undefined {
  return t.elementId === undefined ? undefined : screen.snapshot.elements[t.elementId];
}

/** The screen's title: a short, non-clickable text in the top band, preferring a `…title…` resource id. */
export function screenTitle(screen: ObservedScreen): ScreenText | undefined {
  const top = screen.snapshot.height * 0.15;
  const candidates = contentTexts(screen).filter((t) => t.bounds.y1 < top && !t.clickable && charLength(t.text) <= 24);
  const byId = candidates.find((t) => /title/i.test(elementOf(screen, t)?.resourceId ?? ''));
  if (byId) return byId;
  return [...candidates].sort((a, b) => height(b.bounds) - height(a.bounds) || a.bounds.y1 - b.bounds.y1)[0];
}

/** How a summary names a screen: by its title, else as the login page, else by its state key. */
export function screenName(screen: ObservedScreen): string {
  const t = screenTitle(screen);
  if (t) return `“${display(t.text)}”页面`;
  return isLogin(screen) ? '登录页面' : `页面（${screen.state}）`;
}

/** Text inputs a user can write into (not password, not search boxes). */
export function textInputs(screen: ObservedScreen): UiElement[] {
  return screen.snapshot.elements.filter(
    (e) =>
      (/EditText|AutoCompleteTextView/.test(e.className) || (e.origin === 'web' && /^(textarea|input)$/i.test(e.className))) &&
      !e.password &&
      !/search|搜索|查询/i.test(`${e.hint} ${e.resourceId} ${e.contentDesc}`),
  );
}

/** Text beyond or running off the left/right screen edge (a full-width element is not clipped). */
export function isClipped(screen: ObservedScreen, r: Rect): boolean {
  const w = screen.snapshot.width;
  return r.x1 < 0 || r.x2 > w || (r.x2 >= w && r.x1 > 0);
}

/** One visual line of a screen: texts whose vertical extents overlap, left to right (`text` joins them with two spaces). */
export interface Row {
  texts: ScreenText[];
  text: string;
  bounds: Rect;
}

export function rowsOf(screen: ObservedScreen, texts: ScreenText[] = contentTexts(screen)): Row[] {
  const rows: { texts: ScreenText[]; bounds: Rect }[] = [];
  const sorted = [...texts].sort((a, b) => a.bounds.y1 - b.bounds.y1 || a.bounds.x1 - b.bounds.x1);
  for (const t of sorted) {
    const h = height(t.bounds);
    const row = rows.find((r) => {
      const rh = height(r.bounds);
      const overlap = Math.min(r.bounds.y2, t.bounds.y2) - Math.max(r.bounds.y1, t.bounds.y1);
      return overlap >= 0.6 * Math.min(h, rh) && Math.max(h, rh) <= 2.5 * Math.max(1, Math.min(h, rh));
    });
    if (row) {
      row.texts.push(t);
      const b = row.bounds;
      row.bounds = { x1: Math.min(b.x1, t.bounds.x1), y1: Math.min(b.y1, t.bounds.y1), x2: Math.max(b.x2, t.bounds.x2), y2: Math.max(b.y2, t.bounds.y2) };
    } else rows.push({ texts: [t], bounds: { ...t.bounds } });
  }
  return rows.map((r) => {
    const texts = r.texts.sort((a, b) => a.bounds.x1 - b.bounds.x1);
    return { texts, bounds: r.bounds, text: texts.map((t) => display(t.text)).join('  ') };
  });
}

export type ScreenRole = 'splash' | 'login' | 'home' | 'about';

const activityName = (s: ObservedScreen) => s.activity.split('.').pop() ?? '';

function isSplash(obs: CrawlObservation, s: ObservedScreen): boolean {
  if (/splash|launch|welcome|guide|advert/i.test(activityName(s))) return true;
  const leftByWait = obs.actions.some((a) => a.from === s.state && a.kind === 'wait' && a.to && a.to !== s.state);
  return s.path.length === 0 && leftByWait && !s.texts.some((t) => t.clickable);
}

function isLogin(s: ObservedScreen): boolean {
  if (/log[io]n/i.test(activityName(s))) return true;
  return s.snapshot.elements.some((e) => e.password || (/EditText/.test(e.className) && /密码/.test(e.hint)));
}

/** A consent prompt shown before the home page (privacy policy, permissions explained by the app). */
function isConsentPrompt(s: ObservedScreen): boolean {
  const texts = contentTexts(s);
  return (
    texts.some((t) => t.clickable && isButton(norm(t.text), 'agree', 'decline', 'gotIt', 'allow', 'deny')) &&
    texts.some((t) => /隐私|协议|权限/.test(t.text))
  );
}

function isAbout(s: ObservedScreen): boolean {
  const title = norm(screenTitle(s)?.text ?? '');
  return /about/i.test(activityName(s)) || /^关于|版本信息|关于我们/.test(title);
}

/**
 * Roles of the app's screens that matter to some clauses (where a unit name is expected):
 * splash, login, about (by activity name or content) and home: the first in-app screen after
 * launch that is neither splash, login nor a consent prompt, and what a scroll of it showed.
 */
export function screenRoles(obs: CrawlObservation): Map<string, Set<ScreenRole>> {
  const roles = new Map<string, Set<ScreenRole>>();
  const add = (s: string, r: ScreenRole) => (roles.get(s) ?? roles.set(s, new Set()).get(s)!).add(r);
  const screens = appScreens(obs);
  const entry: ObservedScreen[] = [];
  for (const s of screens) {
    if (isSplash(obs, s)) add(s.state, 'splash');
    else if (isLogin(s)) add(s.state, 'login');
    else if (!isConsentPrompt(s)) entry.push(s);
    if (isAbout(s)) add(s.state, 'about');
  }
  const shortest = Math.min(...entry.map((s) => s.path.length));
  const home = new Set(entry.filter((s) => s.path.length === shortest).map((s) => s.state));
  for (let grew = true; grew; ) {
    grew = false;
    for (const a of obs.actions)
      if (a.kind === 'swipe' && home.has(a.from) && a.to && !home.has(a.to) && screens.some((s) => s.state === a.to)) {
        home.add(a.to);
        grew = true;
      }
  }
  for (const h of home) add(h, 'home');
  return roles;
}

/** Dates as news lists print them: 2026-11-20, 2026年11月, 11月20日, 11-20. */
const DATE_RE = /\d{4}[-/.年]\d{1,2}|\d{1,2}月\d{1,2}日|(?<![\d.])\d{1,2}-\d{1,2}(?![\d.])/;

/** The label of the clickable element `t` belongs to (the whole row or card a tap would hit). */
export function tapTargetLabel(screen: ObservedScreen, t: ScreenText): string {
  const el = elementOf(screen, t);
  if (!el) return t.text;
  const els = screen.snapshot.elements;
  let target: UiElement | undefined = el;
  while (target && !target.clickable) target = target.parent === undefined ? undefined : els[target.parent];
  if (!target) return t.text;
  const texts: string[] = [];
  const stack = [target.id];
  while (stack.length) {
    const e = els[stack.pop()!];
    if (e.text || e.contentDesc) texts.push(e.text || e.contentDesc);
    stack.push(...[...e.children].reverse());
  }
  return texts.join(' ');
}

/**
 * A function entry: a short clickable text (button, menu row, grid cell, tab) — not a word inside
 * a headline, article or dated news item, which the clause notes say are not functions, nor a
 * message of a conversation.
 */
export function isEntry(screen: ObservedScreen, t: ScreenText, maxLength: number): boolean {
  if (!t.clickable || t.kind === 'hint' || charLength(t.text) > maxLength) return false;
  // A message of a conversation is what someone wrote, not a function of the app.
  if (messageTexts(screen).has(t)) return false;
  return !DATE_RE.test(tapTargetLabel(screen, t));
}
