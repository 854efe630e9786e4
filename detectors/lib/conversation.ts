import { containsPoint, center, height, type Rect } from '../../src/geometry.ts';
import type { ObservedScreen, ScreenText } from '../../src/observation.ts';
import type { UiElement } from '../../src/snapshot/model.ts';
import { contentTexts } from './content-texts.ts';
import { norm } from './text.ts';

/**
 * Chat screens (a conversation, a group chat, an AI dialogue): the messages on them are what
 * people (or a bot) wrote, not the app's functions. A complaint word in a message is not an entry
 * (4.3), goods with prices in a member's post are not the app's own offer (6.i: review).
 *
 * A conversation is a screen with a message composer at its bottom edge — a text field that is not
 * a search box, or a hold-to-talk / voice-input control — below a scrolling list (a form's last
 * field is not a composer); the messages are the texts of that list. A voice control alone is
 * enough: the messages are then the band between the title and the composer.
 */
const VOICE_RE = /按住\s*说话|切换到按住说话|语音输入|按住说话/;
const SEARCH_RE = /search|搜索|查询/i;

function composer(screen: ObservedScreen): UiElement | undefined {
  const h = screen.snapshot.height;
  return screen.snapshot.elements.find(
    (e) =>
      e.bounds.y1 >= 0.75 * h &&
      e.bounds.y2 >= 0.85 * h &&
      e.bounds.y2 > e.bounds.y1 &&
      ((/EditText/.test(e.className) && !e.password && !SEARCH_RE.test(`${e.hint} ${e.resourceId} ${e.contentDesc}`)) || VOICE_RE.test(norm(`${e.text} ${e.contentDesc}`))),
  );
}

/** The rectangle messages occupy, or undefined when the screen is not a conversation. */
export function messageArea(screen: ObservedScreen): Rect | undefined {
  const c = composer(screen);
  if (!c) return undefined;
  const top = c.bounds.y1;
  const list = screen.snapshot.elements
    .filter((e) => e.scrollable && e.bounds.y2 <= top + 1 && height(e.bounds) >= 0.3 * screen.snapshot.height)
    .sort((a, b) => height(b.bounds) - height(a.bounds))[0];
  if (list) return list.bounds;
  if (!VOICE_RE.test(norm(`${c.text} ${c.contentDesc}`))) return undefined;
  return { x1: 0, y1: Math.round(0.12 * screen.snapshot.height), x2: screen.snapshot.width, y2: top };
}

const cache = new WeakMap<ObservedScreen, Set<ScreenText>>();

/** Texts that are messages of a conversation (empty for other screens). */
export function messageTexts(screen: ObservedScreen): Set<ScreenText> {
  const hit = cache.get(screen);
  if (hit) return hit;
  const area = messageArea(screen);
  const out = new Set(
    !area ? [] :
    contentTexts(screen).filter((t) => {
      const p = center(t.bounds);
      return containsPoint(area, p.x, p.y);
    }),
  );
  cache.set(screen, out);
  return out;
}
