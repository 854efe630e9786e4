import type { DeadEndKind } from '../../src/findings/schema.ts';
import type { CrawlObservation, ObservedAction, ObservedScreen, ScreenText } from '../../src/observation.ts';
import { elementOf, appScreens, contentTexts, screenTitle, textInputs } from './screens.ts';
import { charLength, display, squash } from './text.ts';

/**
 * Screens that lead nowhere (the industry pact's "空壳/僵尸" apps, art. 13): `empty` (暂无数据,
 * 敬请期待, 建设中), `error` (页面不存在, 网络异常, 404) or `stub` (an entry that opens a blank
 * page: nothing but a title and navigation). A marker counts when it is what the screen shows —
 * a short text with at most a couple of other labels beside it, or a toast — not an empty section
 * of a busy page. Each with the entry (tap label) and screen that led there. Pure.
 */
export interface DeadEnd {
  screen: ObservedScreen;
  kind: DeadEndKind;
  text: string;
  /** The tap that first led here, and the screen it was on. */
  entry?: ObservedAction;
}

const EMPTY_RE = /暂无(数据|内容|记录|信息|消息|相关|结果|通知|公告)?|敬请期待|正在建设|建设中|即将上线|即将开放|开发中|尚未开通|暂未开放|暂未开通|coming soon/i;
const ERROR_RE =
  /页面不存在|页面找不到|找不到页面|页面走丢|网络异常|网络错误|网络连接失败|网络不给力|加载失败|服务器(错误|异常|开小差)|服务异常|系统(错误|异常|繁忙)|出错了|请求失败|无法访问|(?<!\d)(404|500|502|503)(?!\d)|not found|internal server error/i;
/** Navigation a blank page still has: back, close, home. */
const NAV_RE = /^(返回|关闭|后退|首页|back|close)$/i;
/** Longest marker text: longer texts are content that merely mentions the words. */
const MAX_MARKER = 20;
/** Other non-clickable labels a dead end may show beside its marker (a title, a hint such as 请稍后再试). */
const MAX_OTHER_LABELS = 2;

function kindOf(text: string): DeadEndKind | undefined {
  const s = squash(text);
  if (ERROR_RE.test(s)) return 'error';
  if (EMPTY_RE.test(s)) return 'empty';
  return undefined;
}

const isToast = (screen: ObservedScreen, t: ScreenText) => /Toast/.test(elementOf(screen, t)?.className ?? '');

/** The tap that first led to `screen` from another app screen (the last action of its launch path). */
function entryOf(obs: CrawlObservation, screen: ObservedScreen): ObservedAction | undefined {
  const last = screen.path.at(-1);
  const a = last === undefined ? undefined : obs.actions.find((x) => x.seq === last);
  if (!a || a.kind !== 'tap' || a.from === screen.state) return undefined;
  return obs.screens.find((s) => s.state === a.from)?.inApp ? a : undefined;
}

export function deadEndOf(obs: CrawlObservation, screen: ObservedScreen): DeadEnd | undefined {
  const texts = contentTexts(screen);
  const title = screenTitle(screen);
  const entry = entryOf(obs, screen);
  for (const t of texts) {
    const kind = charLength(t.text) <= MAX_MARKER ? kindOf(t.text) : undefined;
    if (!kind) continue;
    const others = texts.filter((o) => o !== t && o !== title && !o.clickable);
    if (isToast(screen, t) || others.length <= MAX_OTHER_LABELS) return { screen, kind, text: display(t.text), ...(entry ? { entry } : {}) };
  }
  // A blank page: only reached through an entry, showing nothing but its title and navigation.
  if (!entry || textInputs(screen).length) return undefined;
  const content = texts.filter((t) => t !== title && !(t.clickable && NAV_RE.test(squash(t.text))));
  if (content.length === 0) return { screen, kind: 'stub', text: display(title?.text ?? ''), entry };
  return undefined;
}

/** Every dead end among the app's screens, in the order first seen. */
export function deadEnds(obs: CrawlObservation): DeadEnd[] {
  return appScreens(obs)
    .map((s) => deadEndOf(obs, s))
    .filter((d): d is DeadEnd => !!d);
}
