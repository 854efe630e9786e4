import type { Snapshot } from '../snapshot/model.ts';

/** Requests of one screen to hosts outside the app, which the browser blocked (screens.json `blocked`). */
export interface BlockedRequests {
  /** Distinct URLs blocked in all (`urls` lists at most 50 of them). */
  count: number;
  /** Their hosts (`host[:port]`), deduplicated, in the order first seen. */
  hosts: string[];
  urls: string[];
}

const words = (v: string | undefined) => (v ?? '').split(/\s+/).filter(Boolean);

/**
 * What a screen's page source says was blocked: the document element's `web-blocked`,
 * `web-blocked-hosts` and `web-blocked-count` (src/web/to-source.ts). Undefined for a screen
 * that is no web document or blocked nothing. Pure; a source written before hosts and counts
 * were recorded gives them from its URL list.
 */
export function blockedRequests(s: Snapshot): BlockedRequests | undefined {
  const doc = s.roots.map((r) => s.elements[r]).find((e) => e?.attrs['web-blocked'] !== undefined);
  if (!doc) return undefined;
  const urls = [...new Set(words(doc.attrs['web-blocked']))];
  if (!urls.length) return undefined;
  const hosts = words(doc.attrs['web-blocked-hosts']);
  if (!hosts.length) {
    for (const u of urls) {
      try {
        const h = new URL(u).host;
        if (!hosts.includes(h)) hosts.push(h);
      } catch { /* not a URL */ }
    }
  }
  const n = Number(doc.attrs['web-blocked-count']);
  return { count: Number.isInteger(n) && n >= urls.length ? n : urls.length, hosts, urls };
}
