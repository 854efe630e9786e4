import type { Rect } from '../geometry.ts';

/**
 * The narrow boundary between the crawler and a device (STYLE.md §4). Implemented over a
 * WebdriverIO session; a replay app-graph and a real emulator differ only in capabilities.
 * Every call takes an optional AbortSignal so a crawl deadline reaches the wire.
 */
export interface CurrentApp {
  package: string;
  activity: string;
}

export type SwipeDirection = 'up' | 'down' | 'left' | 'right';

export interface DeviceInfo {
  platformName: string;
  platformVersion?: string;
  model?: string;
  udid?: string;
  width: number;
  height: number;
  density?: number;
  automationName: string;
}

export interface Device {
  readonly info: DeviceInfo;
  pageSource(signal?: AbortSignal): Promise<string>;
  /** PNG bytes of the current screen. */
  screenshot(signal?: AbortSignal): Promise<Buffer>;
  tap(x: number, y: number, signal?: AbortSignal): Promise<void>;
  /** A finger swipe from one point to another (a "scroll-down" moves the finger up). */
  swipe(from: { x: number; y: number }, to: { x: number; y: number }, durationMs?: number, signal?: AbortSignal): Promise<void>;
  back(signal?: AbortSignal): Promise<void>;
  /** Types into the element found by `locator` (an xpath, or `id=`/`~` for resource-id/accessibility id). */
  type(locator: string, text: string, signal?: AbortSignal): Promise<void>;
  clear(locator: string, signal?: AbortSignal): Promise<void>;
  currentApp(signal?: AbortSignal): Promise<CurrentApp>;
  activateApp(pkg: string, signal?: AbortSignal): Promise<void>;
  /**
   * Opens a deep link (`hap://app/<package>`, a host's mini-program scheme) in `pkg`, as
   * `adb shell am start -a android.intent.action.VIEW -d <url> <pkg>` does. Optional: devices
   * without intents (an H5 browser) do not have it.
   */
  openLink?(url: string, pkg: string, signal?: AbortSignal): Promise<void>;
  terminateApp(pkg: string, signal?: AbortSignal): Promise<void>;
  /** Appium queryAppState: 0 not installed, 1 not running, 3 background, 4 foreground. */
  appState(pkg: string, signal?: AbortSignal): Promise<number>;
  close(): Promise<void>;
  /**
   * Screenshots a long web document was read through with (H5), for the page source last read:
   * each step's PNG and where it sits in that screen's coordinates. Absent on native devices.
   */
  readSteps?(): ReadStep[];
}

/**
 * One step of reading a long document through: the screenshot of the viewport scrolled down,
 * `offset` screen px below the screen's own screenshot (bounds `[x, y]` of the screen's page
 * source are `[x, y - offset]` on it), `height` px tall.
 */
export interface ReadStep {
  offset: number;
  height: number;
  png: Buffer;
}

export function swipeVector(r: Rect, dir: SwipeDirection): { from: { x: number; y: number }; to: { x: number; y: number } } {
  const cx = Math.floor((r.x1 + r.x2) / 2);
  const cy = Math.floor((r.y1 + r.y2) / 2);
  const dy = Math.floor((r.y2 - r.y1) * 0.3);
  const dx = Math.floor((r.x2 - r.x1) * 0.3);
  switch (dir) {
    case 'up': // finger moves up: content below comes into view (scroll-down)
      return { from: { x: cx, y: cy + dy }, to: { x: cx, y: cy - dy } };
    case 'down':
      return { from: { x: cx, y: cy - dy }, to: { x: cx, y: cy + dy } };
    case 'left':
      return { from: { x: cx + dx, y: cy }, to: { x: cx - dx, y: cy } };
    case 'right':
      return { from: { x: cx - dx, y: cy }, to: { x: cx + dx, y: cy } };
  }
}
