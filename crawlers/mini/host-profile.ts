/**
 * What the crawler must know about a host that runs mini-programs (WeChat, Alipay) or quick apps
 * (a quick-app engine) to crawl one of them as an app of its own: which package and activities
 * are the container, which controls belong to the host (the capsule and its menu), and how a
 * person opens the mini-program inside the host. One profile per host, in this folder; pure data.
 */
export type HostId = 'wechat' | 'alipay' | 'quickapp';

export const HOST_IDS: readonly HostId[] = ['wechat', 'alipay', 'quickapp'];

export interface HostProfile {
  id: HostId;
  /** Chinese name of the host, for summaries and errors (微信, 支付宝, 快应用). */
  label: string;
  /** The host's package; for a quick-app engine the default engine (a lab may name another). */
  package: string;
  /**
   * Activities that show a mini-program's pages (full class name or the `.`-relative form the
   * driver reports). WeChat runs each mini-program in a task of its own, `AppBrandUI`,
   * `AppBrandUI1`…: the one the mini-program opened in is its boundary (see MiniScope).
   */
  container: RegExp;
  /** Host activities that show the mini-program's own about page (in scope when reached). */
  about?: RegExp;
  /**
   * The capsule (胶囊按钮) in the top-right corner: its "more" button (···) and its close button,
   * recognised by content-desc/text words. Close is never tapped; more only opens the menu.
   */
  capsule: { more: readonly string[]; close: readonly string[] };
  /**
   * The capsule menu: a host panel over the mini-program (recorded as an overlay, never as the
   * app's own screen). It is recognised by `menuWords` (at least two on screen); of its entries
   * only `aboutEntry` (the mini-program's own about page, 更多资料/关于) may be tapped.
   */
  menuWords: readonly string[];
  aboutEntry: readonly string[];
  /** The host's search: its entry on the home screen, and the button that runs a typed query. */
  search?: { entry: readonly string[]; submit: readonly string[] };
  /** How a lab's scheme link reaches the mini-program (`{appid}`/`{name}` are filled in). */
  link?: string;
}

/** Fraction of the screen, from the top and from the right, where a capsule sits. */
export const CAPSULE_ZONE = { top: 0.12, right: 0.4 } as const;

/** The activity without its package prefix: `com.tencent.mm.ui.LauncherUI` → `.ui.LauncherUI`. */
export function shortActivity(pkg: string, activity: string): string {
  return activity.startsWith(`${pkg}.`) ? activity.slice(pkg.length) : activity;
}

/** Whether an activity (full or `.`-relative to the host package) matches a profile pattern. */
export function activityMatches(re: RegExp | undefined, pkg: string, activity: string): boolean {
  if (!re || !activity) return false;
  return re.test(activity) || re.test(`${pkg}${activity.startsWith('.') ? activity : `.${activity}`}`) || re.test(shortActivity(pkg, activity));
}
