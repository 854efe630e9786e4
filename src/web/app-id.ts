/**
 * How an H5 target maps onto the app model of Android: the app's "package" is the start URL's
 * origin (same-origin scoping), its "activity" the path and hash of the page. Pure.
 *
 * file: URLs have no origin (the browser says `null`), so their scope is the start page's
 * directory: `file:///srv/app/index.html` → `file:///srv/app`; pages in or below it belong to
 * the app. Other schemes (about:, data:, chrome-error:) are never the app: their id is the scheme.
 */
export function appIdOf(url: string, startUrl: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  if (u.protocol === 'http:' || u.protocol === 'https:') return u.origin;
  if (u.protocol === 'file:') {
    const scope = fileScope(startUrl);
    const dir = `file://${u.host}${u.pathname.slice(0, u.pathname.lastIndexOf('/'))}`;
    return scope && (dir === scope || dir.startsWith(scope + '/')) ? scope : dir;
  }
  return u.protocol;
}

function fileScope(startUrl: string): string | undefined {
  try {
    const s = new URL(startUrl);
    if (s.protocol !== 'file:') return undefined;
    return `file://${s.host}${s.pathname.slice(0, s.pathname.lastIndexOf('/'))}`;
  } catch {
    return undefined;
  }
}

/** The page within the app: path plus hash (the route of a hash-routed single-page app); no query. */
export function activityOf(url: string): string {
  try {
    const u = new URL(url);
    if (u.protocol === 'about:' || u.protocol === 'data:') return '';
    return `${u.pathname}${u.hash}`;
  } catch {
    return '';
  }
}

/** True when `url` belongs to the app started at `startUrl`. */
export function inApp(url: string, startUrl: string): boolean {
  return appIdOf(url, startUrl) === appIdOf(startUrl, startUrl);
}
