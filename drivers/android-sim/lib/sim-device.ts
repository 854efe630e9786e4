/**
 * One simulated Android device: what `adb -s <serial>` talks to. Holds the installed packages
 * (app-graph apps and opaque ones such as the UiAutomator2 server APKs), port forwards, settings,
 * the soft keyboard, the instrumentation process and the fault/latency profile.
 */
import { LAUNCHER_ACTIVITY, LAUNCHER_PACKAGE, type ScreenView } from 'appium-replay-driver/runtime';
import type { Channel } from './channel.ts';
import { InstalledApp, qualify } from './installed-app.ts';
import { profileSchema, type Profile, type ProfileInput } from './profiles.ts';

export const SERVER_PACKAGE = 'io.appium.uiautomator2.server';
export const SERVER_TEST_PACKAGE = 'io.appium.uiautomator2.server.test';
/** Where the UiAutomator2 server listens on the device (`adb forward tcp:<systemPort> tcp:6790`). */
export const SERVER_DEVICE_PORT = 6790;

export interface SimDeviceOptions {
  serial: string;
  /** App-graph directories installed before the session (the device's "installed apps"). */
  apps?: string[];
  profile?: ProfileInput;
  width?: number;
  height?: number;
  density?: number;
  sdk?: number;
  release?: string;
  model?: string;
  /** Height of the navigation bar in px: the window size UiAutomator2 reports excludes it. */
  navBarHeight?: number;
  statusBarHeight?: number;
}

export interface OpaquePackage {
  versionName: string;
  versionCode: number;
  /** Set while the package's process runs (the settings helper, the server). */
  pid?: number;
}

/** Packages every image has. */
const SYSTEM_PACKAGES = ['android', 'com.android.settings', 'com.android.permissioncontroller', 'com.google.android.permissioncontroller', LAUNCHER_PACKAGE, 'com.android.systemui'];

export class SimDevice {
  readonly serial: string;
  readonly apps = new Map<string, InstalledApp>();
  readonly opaque = new Map<string, OpaquePackage>();
  readonly forwards = new Map<number, number>();
  readonly settings = new Map<string, string>();
  readonly props: Record<string, string>;
  readonly width: number;
  readonly height: number;
  readonly density: number;
  readonly navBarHeight: number;
  readonly statusBarHeight: number;
  profile: Profile;
  /** Whether the device is listed by `adb devices` and answers. */
  online = true;
  /** The soft keyboard: shown when an EditText takes the focus, hidden by the first back. */
  keyboardShown = false;
  /** The running `am instrument -w` of the UiAutomator2 server, if any. */
  instrumentation?: { channel: Channel; end: (crashed: boolean) => void };
  /** Every adb command this device answered, in order (`shell dumpsys window displays` …). */
  readonly history: string[] = [];
  /** UiAutomator2 HTTP requests served since the last `/session`. */
  serverRequests = 0;
  /** Modelled latency slept so far (ms): the device's own time in a benchmark. */
  sleptMs = 0;
  private nextPid = 4000;
  private lastLaunched?: InstalledApp;

  constructor(opts: SimDeviceOptions, readonly now: () => number = Date.now, readonly log: (m: string) => void = () => {}) {
    this.serial = opts.serial;
    this.profile = profileSchema.parse(opts.profile ?? {});
    for (const dir of opts.apps ?? []) this.installAppGraph(dir);
    const first = [...this.apps.values()][0]?.loaded.graph.device;
    this.width = opts.width ?? first?.width ?? 1080;
    this.height = opts.height ?? first?.height ?? 2340;
    this.density = opts.density ?? first?.density ?? 440;
    this.navBarHeight = opts.navBarHeight ?? Math.round((48 * this.density) / 160);
    this.statusBarHeight = opts.statusBarHeight ?? Math.round((24 * this.density) / 160);
    const sdk = opts.sdk ?? 34;
    this.props = {
      'ro.build.version.sdk': String(sdk),
      'ro.build.version.release': opts.release ?? first?.platformVersion ?? '14',
      'ro.product.model': opts.model ?? first?.model ?? 'sdk_gphone64_x86_64',
      'ro.product.manufacturer': 'Google',
      'ro.product.brand': 'google',
      'ro.product.name': 'sdk_gphone64_x86_64',
      'ro.kernel.qemu': '1',
      'ro.boot.qemu.avd_name': this.serial.replace(/\W/g, '_'),
      'ro.product.cpu.abi': 'x86_64',
      'ro.build.characteristics': 'emulator',
      'sys.boot_completed': '1',
      'init.svc.bootanim': 'stopped',
      'persist.sys.locale': 'zh-CN',
      'persist.sys.timezone': 'Asia/Shanghai',
      'ro.sf.lcd_density': String(this.density),
    };
  }

  installAppGraph(dir: string): InstalledApp {
    const app = new InstalledApp(dir, this.now, (m) => this.log(`[${this.serial}] ${m}`));
    this.apps.set(app.package, app);
    return app;
  }

  isInstalled(pkg: string): boolean {
    return this.apps.has(pkg) || this.opaque.has(pkg) || SYSTEM_PACKAGES.includes(pkg);
  }

  packages(): string[] {
    return [...SYSTEM_PACKAGES, ...this.opaque.keys(), ...this.apps.keys()];
  }

  uninstall(pkg: string): boolean {
    if (this.apps.get(pkg)?.runtime.appStatus === 'foreground') this.keyboardShown = false;
    return this.apps.delete(pkg) || this.opaque.delete(pkg);
  }

  /** The app in the foreground, if any (else the launcher is shown). */
  foreground(): InstalledApp | undefined {
    if (this.lastLaunched && this.apps.get(this.lastLaunched.package) === this.lastLaunched && this.lastLaunched.runtime.appStatus === 'foreground') return this.lastLaunched;
    return [...this.apps.values()].find((a) => a.runtime.appStatus === 'foreground');
  }

  /** What the screen shows now: the foreground app's screen, or the launcher. */
  view(): ScreenView {
    const app = this.foreground() ?? this.lastLaunched ?? [...this.apps.values()][0];
    if (!app) throw new Error(`device ${this.serial} has no app installed to show`);
    if (app.runtime.appStatus !== 'foreground') this.keyboardShown = false;
    return app.runtime.view();
  }

  /** Starts (or brings back) an app; `activity` is ignored beyond a check, as the graph knows its start. */
  launch(pkg: string): boolean {
    const app = this.apps.get(pkg);
    if (!app) return false;
    if (app.runtime.appStatus !== 'foreground') {
      for (const other of this.apps.values()) if (other !== app && other.runtime.appStatus === 'foreground') other.runtime.home();
      if (app.runtime.appStatus === 'stopped') app.pid = this.pid();
      app.runtime.launch();
      this.keyboardShown = false;
    }
    this.lastLaunched = app;
    return true;
  }

  forceStop(pkg: string): void {
    const app = this.apps.get(pkg);
    if (app) {
      if (app.runtime.terminate(pkg)) this.keyboardShown = false;
      app.pid = 0;
      return;
    }
    const o = this.opaque.get(pkg);
    if (o) o.pid = undefined;
    if (pkg === SERVER_PACKAGE || pkg === SERVER_TEST_PACKAGE) this.instrumentation?.end(false);
  }

  home(): void {
    this.foreground()?.runtime.home();
    this.keyboardShown = false;
  }

  /** Back as Android delivers it: with the keyboard up, the first back only hides the keyboard. */
  back(): void {
    if (this.keyboardShown) {
      this.keyboardShown = false;
      this.log(`[${this.serial}] back: keyboard hidden`);
      return;
    }
    this.foreground()?.runtime.back();
  }

  /** pid of a running package, for `pidof` / `ps`. */
  pidOf(pkg: string): number | undefined {
    const app = this.apps.get(pkg);
    if (app) return app.runtime.appStatus === 'stopped' ? undefined : app.pid || undefined;
    if ((pkg === SERVER_PACKAGE || pkg === SERVER_TEST_PACKAGE) && this.instrumentation) return 3999;
    return this.opaque.get(pkg)?.pid;
  }

  /** Waits `ms` of modelled device latency. */
  async delay(ms: number): Promise<void> {
    if (ms <= 0) return;
    this.sleptMs += ms;
    await new Promise((r) => setTimeout(r, ms));
  }

  pid(): number {
    return this.nextPid++;
  }

  /** Focused package/activity, as `dumpsys window` prints it (the launcher outside the app). */
  focus(): { package: string; activity: string } {
    const view = this.view();
    const pkg = view.package;
    return { package: pkg, activity: qualify(pkg, view.activity || (pkg === LAUNCHER_PACKAGE ? LAUNCHER_ACTIVITY : '.MainActivity')) };
  }
}
