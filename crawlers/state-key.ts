import { createHash } from 'node:crypto';
import { TITLE_ID } from '../src/snapshot/title.ts';
import type { Snapshot, UiElement } from '../src/snapshot/model.ts';

/**
 * State abstraction: two page sources are the same screen when their structure (class and
 * resource-id skeleton, activity) and salient texts (titles, selected tabs) agree.
 *
 * - List contents never make new states: children of list-like containers are collapsed to the
 *   set of their distinct row skeletons, and texts inside them are ignored.
 * - Texts that change by themselves (timers, clocks, counters) or by input (EditText) are ignored;
 *   only titles and selected tabs, which name the screen, are kept.
 */

const LIST_CLASS = /(RecyclerView|ListView|GridView|ScrollView|ViewPager|NestedScrollView|AbsListView|WebView)$/;

export interface StateSignature {
  activity: string;
  package: string;
  skeleton: string;
  salient: string[];
}

function isList(e: UiElement): boolean {
  return e.scrollable || LIST_CLASS.test(e.className);
}

/** Resource ids without the package prefix are the stable part across builds. */
function shortId(id: string): string {
  const i = id.indexOf(':id/');
  return i >= 0 ? id.slice(i + 4) : id;
}

function nodeSig(e: UiElement): string {
  const cls = e.className.split('.').pop() ?? e.className;
  const flags = (e.clickable ? 'c' : '') + (e.scrollable ? 's' : '') + (e.checkable ? 'k' : '') + (e.password ? 'p' : '');
  return `${cls}${e.resourceId ? '#' + shortId(e.resourceId) : ''}${flags ? ':' + flags : ''}`;
}

function skeletonOf(s: Snapshot, e: UiElement, inList: boolean): string {
  if (!e.displayed && !e.children.length) return '';
  const kids = e.children.map((i) => skeletonOf(s, s.elements[i], inList || isList(e))).filter(Boolean);
  // Collapse list rows: a list of 3 rows and one of 30 rows of the same kinds are the same screen.
  const children = isList(e) ? [...new Set(kids)].sort() : kids;
  return children.length ? `${nodeSig(e)}(${children.join(',')})` : nodeSig(e);
}

/** Texts that name a screen: title bars and selected tabs, never list rows. */
export function salientTexts(s: Snapshot): string[] {
  const out: string[] = [];
  const listDepth = new Set<number>();
  for (const e of s.elements) {
    const parentInList = e.parent !== undefined && listDepth.has(e.parent);
    if (parentInList || isList(e)) listDepth.add(e.id);
    if (parentInList || !e.displayed) continue;
    // A hybrid app may host all its pages in one WebView: the page it shows names the screen.
    if (/WebView$/.test(e.className) && e.attrs.href) {
      out.push(`page:${e.attrs.href.replace(/[?#].*$/, '')}`);
      continue;
    }
    const label = e.text || e.contentDesc;
    if (!label || label.length > 24 || /EditText$/.test(e.className)) continue;
    if (TITLE_ID.test(e.resourceId)) out.push(`title:${label}`);
    else if (e.selected) out.push(`selected:${label}`);
  }
  return out;
}

export function signatureOf(s: Snapshot, current: { package: string; activity: string }): StateSignature {
  return {
    activity: current.activity,
    package: current.package,
    skeleton: s.roots.map((r) => skeletonOf(s, s.elements[r], false)).join('|'),
    salient: salientTexts(s),
  };
}

/** A short, stable hash of the signature: equal for the same screen, different for different screens. */
export function stateHash(sig: StateSignature): string {
  return createHash('sha256')
    .update(JSON.stringify([sig.package, sig.activity, sig.skeleton, sig.salient]))
    .digest('hex')
    .slice(0, 16);
}
