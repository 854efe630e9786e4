import type { CurrentApp } from '../../src/device/device.ts';
import { labelOf, type Snapshot, type UiElement } from '../../src/snapshot/model.ts';
import { compactLabel } from '../safety/normalize.ts';
import { skippedEntry, type CandidateAction, type SkippedAction } from '../actions.ts';
import { activityMatches, CAPSULE_ZONE, shortActivity, type HostProfile } from './host-profile.ts';

/** Where a screen stands for the crawl: the app's own screen, a host overlay in its flow (recorded, not the app's), or outside. */
export type Placement = 'app' | 'overlay' | 'out';

/** Packages that show dialogs over any app (permissions, installers): part of the flow, as for APKs. */
const SYSTEM_OVERLAYS = new Set(['com.android.permissioncontroller', 'com.google.android.permissioncontroller', 'com.android.packageinstaller', 'com.google.android.packageinstaller', 'android']);

const has = (words: readonly string[], label: string) => {
  const c = compactLabel(label);
  return c !== '' && words.some((w) => c === compactLabel(w));
};

/**
 * The boundary of a mini-program inside its host. In scope: the container activity the
 * mini-program opened in (its task: another AppBrandUI slot is another mini-program), and the
 * host's about page for it. The capsule menu is a host overlay; the host's chat list, search,
 * contact pickers, share sheets and other mini-programs are outside: reaching them is leaving
 * the app (recorded as `left-app`, undone, never explored).
 */
export class MiniScope {
  /** The container activity the mini-program opened in; set by the opener. */
  private slot: string | undefined;
  private readonly menus = new Set<string>();
  /** The mini-program's name once known (the capsule menu's header shows it and opens the about page). */
  name?: string;

  constructor(
    readonly profile: HostProfile,
    readonly hostPackage: string,
    private readonly container: RegExp = profile.container,
  ) {}

  /** Whether an activity is one of the host's mini-program containers (any slot). */
  isContainer(current: CurrentApp): boolean {
    return current.package === this.hostPackage && activityMatches(this.container, this.hostPackage, current.activity);
  }

  /** Fixes the boundary to the slot the mini-program opened in. */
  openedIn(current: CurrentApp): void {
    this.slot = current.activity;
  }

  get openedActivity(): string | undefined {
    return this.slot;
  }

  place(current: CurrentApp, snapshot: Snapshot): Placement {
    if (SYSTEM_OVERLAYS.has(current.package)) return 'overlay';
    if (current.package !== this.hostPackage) return 'out';
    if (activityMatches(this.profile.about, this.hostPackage, current.activity)) return 'app';
    if (!this.isContainer(current)) return 'out';
    if (this.slot && shortActivity(this.hostPackage, current.activity) !== shortActivity(this.hostPackage, this.slot)) return 'out';
    return this.isCapsuleMenu(snapshot) ? 'overlay' : 'app';
  }

  /** The capsule menu: at least two of the host's menu words on screen. */
  isCapsuleMenu(snapshot: Snapshot): boolean {
    const seen = new Set<string>();
    for (const e of snapshot.elements) {
      const label = e.text || e.contentDesc;
      if (!e.displayed || !label) continue;
      for (const w of this.profile.menuWords) if (compactLabel(label) === compactLabel(w)) seen.add(w);
    }
    return seen.size >= 2;
  }

  /** Remembers which recorded states are capsule menus (their entries other than 关于 are refused). */
  noteScreen(state: string, snapshot: Snapshot, current: CurrentApp): void {
    if (this.isContainer(current) && this.isCapsuleMenu(snapshot)) this.menus.add(state);
  }

  /** Whether an element is one of the capsule's buttons (by its words and its place in the top-right corner). */
  capsuleButton(snapshot: Snapshot, e: UiElement): 'more' | 'close' | undefined {
    return this.capsuleAt(labelOf(snapshot, e), e.bounds, snapshot);
  }

  private capsuleAt(label: string, b: { x1: number; y1: number }, { width, height }: { width: number; height: number }): 'more' | 'close' | undefined {
    const inZone = b.y1 < height * CAPSULE_ZONE.top && b.x1 > width * (1 - CAPSULE_ZONE.right);
    if (!inZone) return undefined;
    if (has(this.profile.capsule.close, label)) return 'close';
    if (has(this.profile.capsule.more, label)) return 'more';
    return undefined;
  }

  /**
   * The host controls a crawl may not use (checked before every tap): the capsule's close
   * button anywhere, and every entry of the capsule menu except the about page.
   */
  vet(state: string, a: CandidateAction, screen: { width: number; height: number }): SkippedAction | undefined {
    const capsule = this.capsuleAt(a.label, a.bounds, screen);
    if (capsule === 'close') return skippedEntry(a.label, a.selector, { intent: 'host-control', reason: `closes the ${this.profile.label} mini-program (capsule)`, source: 'text' });
    if (capsule === 'more' || !this.menus.has(state)) return undefined;
    if (this.isAboutEntry(a.label)) return undefined;
    return skippedEntry(a.label, a.selector, { intent: 'host-control', reason: `a ${this.profile.label} menu entry other than the about page`, source: 'text' });
  }

  /** 更多资料 / 关于 — or the menu's header naming the mini-program, which opens the same page. */
  isAboutEntry(label: string): boolean {
    const c = compactLabel(label);
    return this.profile.aboutEntry.some((w) => c.includes(compactLabel(w))) || (!!this.name && c.startsWith(compactLabel(this.name)));
  }
}
