/**
 * Which hosts an H5 app's page may load from: the start page's host and its site (the host
 * without its first label, `*.example.gov.cn` for `www.example.gov.cn`). Everything else —
 * analytics, share widgets, CDNs on other sites — is blocked in the browser (Chromium's host
 * resolver answers NOTFOUND at once), so a third-party host that never answers cannot hold a
 * page; the DOM walk lists what was blocked. A file: app loads nothing from the network.
 */
export function appHostPatterns(startUrl: string): string[] {
  let host = '';
  try {
    host = new URL(startUrl).hostname;
  } catch {
    return [];
  }
  if (!host) return [];
  const ip = /^[\d.]+$/.test(host) || host.includes(':') || host.startsWith('[');
  const labels = host.split('.');
  return !ip && labels.length >= 3 ? [host, `*.${labels.slice(1).join('.')}`] : [host];
}

/** The Chromium switch that blocks every host outside `appHostPatterns`. */
export function hostBlockingArg(startUrl: string): string {
  const allow = appHostPatterns(startUrl);
  return `--host-resolver-rules=MAP * ~NOTFOUND${allow.map((h) => `, EXCLUDE ${h}`).join('')}`;
}
