import { ancestorsOf, childrenOf, descendantsOf, resourceIdWords, type Snapshot, type UiElement } from '../../src/snapshot/model.ts';
import { normalizeLabel } from './normalize.ts';

/**
 * Navigation controls: what only moves between screens. `--safety strict` (observe-only) taps
 * nothing else; the default level uses it to tell a tab bar of RadioButtons (checkable, but
 * navigation) from a setting. Pure.
 */
export type NavigationKind = 'back' | 'tab' | 'list-row' | 'menu-item' | 'link';

const BACK_TEXT = /^(返回|后退|上一页|上一步|关闭|取消|back|navigate up|go back|close|cancel|转到上一层级|向上导航)$/;
const BACK_ID = /^(back|close|cancel|return|up|home as up)$/;
const TAB_CONTAINER = /(TabLayout|TabWidget|TabHost|BottomNavigationView|NavigationBarView|BottomNavigation|RadioGroup|NavigationRailView)$/;
const TAB_CLASS = /(TabView|TabItem|Tab|NavigationItemView|BottomNavigationItemView)$/;
const LIST = /(RecyclerView|ListView|GridView|ScrollView|ViewPager|NestedScrollView)$/;
/** Classes that are commands, not entries: a Button does something, a row or a link goes somewhere. */
const COMMAND_CLASS = /(Button|ImageView|ImageButton|CheckBox|Switch|ToggleButton|RadioButton|CheckedTextView|EditText|SeekBar|Spinner)$/;

export function isBackControl(label: string, resourceId: string): boolean {
  const n = normalizeLabel(label);
  if (n) return BACK_TEXT.test(n);
  const words = resourceIdWords(resourceId);
  return words.some((w) => BACK_ID.test(w)) || BACK_ID.test(words.slice(-3).join(' '));
}

/** A tab: inside a tab bar, a tab class, a `tab`/`nav` id, or one of a row of like entries in the bottom bar. */
export function isTab(s: Snapshot, e: UiElement): boolean {
  if (TAB_CLASS.test(e.className) || ancestorsOf(s, e).slice(0, 3).some((a) => TAB_CONTAINER.test(a.className))) return true;
  if (resourceIdWords(e.resourceId).some((w) => w === 'tab' || w === 'tabs' || w === 'nav' || w === 'navigation')) return true;
  if (e.bounds.y1 < s.height * 0.85 || e.parent === undefined) return false;
  const siblings = childrenOf(s, s.elements[e.parent]).filter((c) => c.clickable && c.className === e.className);
  return siblings.length >= 3 && siblings.every((c) => Math.abs(c.bounds.y1 - e.bounds.y1) < 8);
}

/** What kind of navigation `e` is, or undefined when it is a command (a button, a switch, a field). */
export function navigationKind(s: Snapshot, e: UiElement, label: string): NavigationKind | undefined {
  if (isBackControl(label, e.resourceId)) return 'back';
  if (isTab(s, e)) return 'tab';
  if (COMMAND_CLASS.test(e.className) || e.attrs['web-tag'] === 'button' || e.attrs['web-tag'] === 'input') return undefined;
  if (descendantsOf(s, e).some((d) => d.checkable || /EditText$/.test(d.className))) return undefined;
  if (!label.trim()) return undefined;
  if (ancestorsOf(s, e).some((a) => a.scrollable || LIST.test(a.className))) return 'list-row';
  if (e.attrs['web-tag'] === 'a' || /TextView$/.test(e.className)) return 'link';
  return 'menu-item';
}
