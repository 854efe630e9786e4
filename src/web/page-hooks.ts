import { executeScript, initScript } from './browser-script.ts';

/**
 * Runs IN THE BROWSER, before the page's own scripts when installed as a CDP init script (and
 * again, idempotently, before every DOM walk, for pages loaded before it was installed):
 *
 * - `window.open(url)` navigates the same tab and returns `window`, and links or forms with
 *   `target=_blank` open in the same tab (the original target is kept in `data-govapp-target`):
 *   a crawl never loses its page to a new window.
 * - Elements that get a `click`/`tap` listener through `addEventListener` are remembered in
 *   `window.__govappClickTargets`, so the DOM walk can call them clickable (Vue and similar
 *   frameworks bind handlers this way, with no attribute to see).
 */
export function installPageHooks(): void {
  const W = window as unknown as Record<string, unknown>;
  if (W.__govappHooks) return;
  W.__govappHooks = true;
  const targets = new WeakSet<Element>();
  W.__govappClickTargets = targets;
  const add = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (this: EventTarget, type: string, ...rest: unknown[]) {
    if ((type === 'click' || type === 'tap') && this instanceof Element && this !== document.documentElement && this !== document.body) {
      targets.add(this);
    }
    return (add as (...a: unknown[]) => void).call(this, type, ...rest);
  } as typeof add;
  window.open = function (url?: string | URL) {
    if (url !== undefined && String(url) !== '' && String(url) !== 'about:blank') {
      location.assign(new URL(String(url), location.href).href);
    }
    return window;
  } as typeof window.open;
  const sameTab = (el: Element | null) => {
    if (!el) return;
    const t = el.getAttribute('target');
    if (t && !/^_(self|top|parent)$/i.test(t)) {
      el.setAttribute('data-govapp-target', t);
      el.setAttribute('target', '_self');
    }
  };
  document.addEventListener('click', (e) => sameTab((e.target as Element | null)?.closest?.('a[target],area[target]') ?? null), true);
  document.addEventListener('submit', (e) => sameTab(e.target as Element | null), true);
}

/** `browser.execute` script for `installPageHooks`. */
export const PAGE_HOOKS_SCRIPT = executeScript(installPageHooks);
/** `Page.addScriptToEvaluateOnNewDocument` source for `installPageHooks`. */
export const PAGE_HOOKS_INIT = initScript(installPageHooks);
