import path from 'node:path';
import { BadInputError } from '../errors.ts';
import { hostBlockingArg } from '../web/app-hosts.ts';

/** What the user asked to crawl, as resolved from `--app` / `--url`. */
export type AppTarget =
  | { kind: 'app-graph'; dir: string; package: string }
  | { kind: 'apk'; apk: string; package?: string; activity?: string }
  | { kind: 'package'; package: string; activity?: string }
  | { kind: 'url'; url: string };

export interface DeviceOptions {
  udid?: string;
  avd?: string;
  /** UiAutomator2 server port on the host; must differ between parallel sessions. */
  systemPort?: number;
  chromedriverPort?: number;
  mjpegServerPort?: number;
  /** Default 3 minutes: an emulator that stops answering this long is gone. */
  newCommandTimeoutSec?: number;
  /** For H5 targets: the chromium binary and its chromedriver. */
  chromeBinary?: string;
  chromedriverExecutable?: string;
  /**
   * For WebViews in native apps: a directory of chromedriver binaries (one per Chrome/WebView
   * major version, named as the driver expects). Absent: WebViews are not inspected; the crawl
   * reads them through the accessibility tree only (appium-chromedriver ships no binary and
   * auto-download stays off).
   */
  chromedriverDir?: string;
  /** `appium:app` for an APK target when the Appium server is on another host: the served APK's URL. */
  appUrl?: string;
  /** Upper bound for UiAutomator2's wait for an idle UI before each command (default 1500 ms). */
  waitForIdleTimeoutMs?: number;
  extra?: Record<string, unknown>;
}

/** Packages that may own the first screen of an app: its own, or a runtime-permission dialog. */
export const PERMISSION_CONTROLLERS = ['com.android.permissioncontroller', 'com.google.android.permissioncontroller'] as const;

/**
 * How the driver confirms that the app started. Its default waits for the launcher activity
 * itself to have the focus, which fails when a splash screen is gone before the first check or a
 * permission dialog owns the screen: any activity of the app or of a permission controller is a
 * start. For an APK whose package we do not know, the driver does not wait at all; the
 * explorer's first screen tells what came up.
 */
function launchWait(pkg: string | undefined): Capabilities {
  if (!pkg) return { 'appium:appWaitForLaunch': false };
  return { 'appium:appWaitActivity': '*', 'appium:appWaitPackage': [pkg, ...PERMISSION_CONTROLLERS].join(',') };
}

/** Headless AVD boot, with timeouts for a cold boot on a loaded lab host. */
function avdCapabilities(avd: string): Capabilities {
  return {
    'appium:avd': avd,
    'appium:avdArgs': ['-no-window', '-no-audio', '-no-boot-anim', '-no-snapshot-save', '-gpu', 'swiftshader_indirect'],
    'appium:avdLaunchTimeout': 180_000,
    'appium:avdReadyTimeout': 180_000,
  };
}

export type Capabilities = Record<string, unknown>;

/**
 * W3C capabilities for one crawl session. The replay and UiAutomator2 paths differ only here:
 * everything after session creation is the same code.
 */
export function buildCapabilities(target: AppTarget, dev: DeviceOptions = {}): Capabilities {
  const common = {
    'appium:newCommandTimeout': dev.newCommandTimeoutSec ?? 180,
    ...dev.extra,
  };
  switch (target.kind) {
    case 'app-graph':
      return {
        platformName: 'Android',
        'appium:automationName': 'Replay',
        'appium:app': path.resolve(target.dir),
        ...(dev.udid ? { 'appium:udid': dev.udid } : {}),
        ...common,
      };
    case 'apk':
    case 'package': {
      if (!dev.udid && !dev.avd) {
        throw new BadInputError('BAD_ARGUMENT', `--udid (or an avd) is required to crawl ${target.kind === 'apk' ? target.apk : target.package} on a real device or emulator`);
      }
      const caps: Capabilities = {
        platformName: 'Android',
        'appium:automationName': 'UiAutomator2',
        ...(dev.udid ? { 'appium:udid': dev.udid } : {}),
        ...(dev.avd ? avdCapabilities(dev.avd) : {}),
        // Permission dialogs stay on screen: they are evidence (which permission, when).
        'appium:autoGrantPermissions': false,
        ...launchWait(target.package),
        // Some vendor ROMs refuse `settings put global hidden_api_policy`; the crawl does not need it.
        'appium:ignoreHiddenApiPolicyError': true,
        'appium:noReset': target.kind === 'package',
        'appium:fullReset': false,
        'appium:disableWindowAnimation': true,
        'appium:skipDeviceInitialization': false,
        'appium:ensureWebviewsHavePages': true,
        'appium:nativeWebScreenshot': true,
        // Compressed layout hides "unimportant" views, and with them text in custom widgets.
        'appium:settings[ignoreUnimportantViews]': false,
        'appium:settings[allowInvisibleElements]': false,
        // The server waits for an idle UI before each command; this bounds that wait for apps
        // that never go idle (animations, tickers), and replaces a fixed settle sleep.
        'appium:settings[waitForIdleTimeout]': dev.waitForIdleTimeoutMs ?? 1500,
        ...(dev.chromedriverDir ? { 'appium:chromedriverExecutableDir': path.resolve(dev.chromedriverDir) } : {}),
        'appium:autodownloadEnabled': false,
        ...(dev.systemPort ? { 'appium:systemPort': dev.systemPort } : {}),
        ...(dev.chromedriverPort ? { 'appium:chromedriverPort': dev.chromedriverPort } : {}),
        ...(dev.mjpegServerPort ? { 'appium:mjpegServerPort': dev.mjpegServerPort } : {}),
        ...common,
      };
      if (target.kind === 'apk') {
        caps['appium:app'] = dev.appUrl ?? path.resolve(target.apk);
        if (target.package) caps['appium:appPackage'] = target.package;
        if (target.activity) caps['appium:appActivity'] = target.activity;
      } else {
        caps['appium:appPackage'] = target.package;
        if (target.activity) caps['appium:appActivity'] = target.activity;
        else caps['appium:intentCategory'] = 'android.intent.category.LAUNCHER';
      }
      return caps;
    }
    case 'url':
      return {
        browserName: 'chrome',
        platformName: process.platform === 'darwin' ? 'mac' : process.platform === 'win32' ? 'windows' : 'linux',
        'appium:automationName': 'Chromium',
        ...(dev.chromedriverExecutable ? { 'appium:executable': dev.chromedriverExecutable } : {}),
        // Every session needs its own port: the chromium driver kills any chromedriver on the port it
        // is given (default 9515), so two parallel sessions on the default would end each other.
        ...(dev.chromedriverPort ? { 'appium:chromedriverPort': dev.chromedriverPort } : {}),
        // No network in a lab is normal: never try to download a chromedriver.
        'appium:autodownloadEnabled': false,
        // Never wait for the load event: third-party scripts on hosts that never answer would hold
        // every navigation; WebDevice waits for the DOM itself, with deadlines of its own.
        pageLoadStrategy: 'none',
        'goog:chromeOptions': {
          ...(dev.chromeBinary ? { binary: dev.chromeBinary } : {}),
          mobileEmulation: { deviceMetrics: { width: 360, height: 780, pixelRatio: 3 }, userAgent: MOBILE_UA },
          args: [
            '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
            '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
            hostBlockingArg(target.url),
          ],
        },
        ...common,
      };
  }
}

export const MOBILE_UA =
  'Mozilla/5.0 (Linux; Android 14; sdk_gphone64_x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36';
