/**
 * `adb shell …` on a simulated device: the commands appium-adb and the UiAutomator2 driver send
 * during session start and a crawl, answered in the formats they parse. An unknown command
 * answers as a device's `sh` does (`…: not found`, exit 127) and is logged, so a driver upgrade
 * that sends something new shows up in the simulator log rather than as a silent success.
 */
import type { Channel } from './channel.ts';
import { shorten } from './installed-app.ts';
import { SERVER_PACKAGE, SERVER_TEST_PACKAGE, type SimDevice } from './sim-device.ts';

/** Splits a shell command line as `sh` would for the simple quoting adb clients use. */
export function tokenize(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | undefined;
  let has = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < line.length) cur += line[++i];
      else cur += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      has = true;
    } else if (c === '\\' && i + 1 < line.length) {
      cur += line[++i];
      has = true;
    } else if (/\s/.test(c)) {
      if (has || cur) out.push(cur);
      cur = '';
      has = false;
    } else cur += c;
  }
  if (has || cur) out.push(cur);
  return out;
}

export interface ShellResult {
  out?: string;
  err?: string;
  code?: number;
}

export interface ShellContext {
  device: SimDevice;
  channel: Channel;
  /** Runs the UiAutomator2 server stand-in; resolves with the instrumentation's output when it ends. */
  instrument(): Promise<string>;
}

/** Runs one shell command line (`;`/`&&` chains run in turn, as `sh -c` would). */
export async function runShell(line: string, ctx: ShellContext): Promise<ShellResult> {
  const parts = line.split(/\s*(?:;|&&)\s*/).filter(Boolean);
  let out = '';
  let err = '';
  let code = 0;
  for (const p of parts) {
    const r = await runOne(tokenize(p), ctx);
    out += r.out ?? '';
    err += r.err ?? '';
    code = r.code ?? 0;
  }
  return { out, err, code };
}

async function runOne(argv: string[], ctx: ShellContext): Promise<ShellResult> {
  const d = ctx.device;
  const [cmd, ...args] = argv;
  switch (cmd) {
    case undefined:
    case 'true':
    case 'echo':
      return { out: cmd === 'echo' ? args.join(' ') + '\n' : '' };
    case 'getprop':
      if (!args[0]) return { out: Object.entries(d.props).map(([k, v]) => `[${k}]: [${v}]\n`).join('') };
      return { out: (d.props[args[0]] ?? '') + '\n' };
    case 'setprop':
      d.props[args[0]] = args[1] ?? '';
      return {};
    case 'settings':
      return settings(d, args);
    case 'cmd':
      return cmdService(d, args);
    case 'pm':
      return pm(d, args);
    case 'am':
      return am(args, ctx);
    case 'monkey': {
      const pkg = args[args.indexOf('-p') + 1];
      if (!d.launch(pkg)) return { out: '** No activities found to run, monkey aborted.\n', code: 252 };
      return { out: `  bash arg: -p\n  bash arg: ${pkg}\nEvents injected: 1\n## Network stats: elapsed time=10ms\n` };
    }
    case 'dumpsys':
      return dumpsys(d, args);
    case 'pidof': {
      const pid = d.pidOf(args[args.length - 1]);
      return pid ? { out: `${pid}\n` } : { code: 1 };
    }
    case 'ps':
      return { out: ps(d, args) };
    case 'input':
      return input(d, args);
    case 'wm':
      if (args[0] === 'size') return { out: `Physical size: ${d.width}x${d.height}\n` };
      if (args[0] === 'density') return { out: `Physical density: ${d.density}\n` };
      return {};
    case 'ime':
      if (args[0] === 'list') return { out: 'com.android.inputmethod.latin/.LatinIME\n' };
      return { out: args[0] === 'set' ? `Input method ${args[1]} selected for user #0\n` : '' };
    case 'appops':
    case 'logcat':
    case 'svc':
    case 'rm':
    case 'mkdir':
    case 'chmod':
    case 'touch':
    case 'kill':
    case 'pkill':
    case 'killall':
    case 'am_stub':
      return {};
    case 'ls':
      return { out: '', code: args.some((a) => a.startsWith('/data/local/tmp')) ? 0 : 1 };
    case 'date':
      return { out: args.includes('+%Y-%m-%dT%T%z') ? isoWithOffset(new Date(d.now())) + '\n' : new Date(d.now()).toString() + '\n' };
    case 'stat':
    case 'cat':
      return { err: `${cmd}: ${args.at(-1)}: No such file or directory\n`, code: 1 };
    case 'uiautomator':
      return { out: 'UI hierchary dumped to: /sdcard/window_dump.xml\n' };
    default:
      d.log(`[${d.serial}] unknown shell command: ${argv.join(' ')}`);
      return { err: `/system/bin/sh: ${cmd}: not found\n`, code: 127 };
  }
}

function isoWithOffset(t: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}T${pad(t.getHours())}:${pad(t.getMinutes())}:${pad(t.getSeconds())}+0800`;
}

function settings(d: SimDevice, args: string[]): ShellResult {
  const [verb, ns, key, value] = args;
  const k = `${ns} ${key}`;
  if (verb === 'get') return { out: (d.settings.get(k) ?? 'null') + '\n' };
  if (verb === 'put') d.settings.set(k, value ?? '');
  if (verb === 'delete') d.settings.delete(k);
  return {};
}

function cmdService(d: SimDevice, args: string[]): ShellResult {
  const [service, verb, ...rest] = args;
  if (service === 'package' && verb === 'resolve-activity') {
    const pkg = rest.filter((a) => !a.startsWith('-')).at(-1) ?? '';
    const app = d.apps.get(pkg);
    if (!app) return { out: 'No activity found\n' };
    const cls = app.launchActivity;
    if (rest.includes('--brief')) return { out: `priority=0 preferredOrder=0 match=0x108000 specificIndex=-1 isDefault=true\n${pkg}/${shorten(pkg, cls)}\n` };
    return { out: `priority=0 preferredOrder=0 match=0x108000 specificIndex=-1 isDefault=true\nActivityInfo:\n  name=${cls}\n  packageName=${pkg}\n  enabled=true exported=true directBootAware=false\n` };
  }
  if (service === 'package' && verb === 'list') return pm(d, ['list', ...rest]);
  if (service === 'notification' || service === 'settings' || service === 'overlay' || service === 'appops' || service === 'device_config') return {};
  d.log(`[${d.serial}] unknown cmd service: ${args.join(' ')}`);
  return { err: `cmd: Can't find service: ${service}\n`, code: 20 };
}

function pm(d: SimDevice, args: string[]): ShellResult {
  const [verb, what, ...rest] = args;
  if (verb === 'list' && what === 'packages') {
    const filter = rest.find((a) => !a.startsWith('-'));
    const names = d.packages().filter((p) => !filter || p.includes(filter));
    return { out: names.map((p) => `package:${p}\n`).join('') };
  }
  if (verb === 'list' && what === 'instrumentation') {
    return { out: d.isInstalled(SERVER_TEST_PACKAGE) ? `instrumentation:${SERVER_TEST_PACKAGE}/androidx.test.runner.AndroidJUnitRunner (target=${SERVER_PACKAGE})\n` : '' };
  }
  if (verb === 'path') {
    const pkg = what;
    return d.isInstalled(pkg) ? { out: `package:/data/app/${pkg}-1/base.apk\n` } : { code: 1 };
  }
  if (verb === 'clear') return { out: 'Success\n' };
  if (verb === 'grant' || verb === 'revoke' || verb === 'disable-user' || verb === 'enable') return {};
  if (verb === 'uninstall') return { out: d.uninstall(what) ? 'Success\n' : 'Failure [DELETE_FAILED_INTERNAL_ERROR]\n' };
  if (verb === 'dump') return dumpsys(d, ['package', what]);
  d.log(`[${d.serial}] unknown pm command: ${args.join(' ')}`);
  return { err: `Unknown command: ${verb}\n`, code: 1 };
}

async function am(args: string[], ctx: ShellContext): Promise<ShellResult> {
  const d = ctx.device;
  const [verb, ...rest] = args;
  switch (verb) {
    case 'start':
    case 'start-activity': {
      const n = rest[rest.indexOf('-n') + 1];
      const component = rest.includes('-n') ? n : undefined;
      const pkg = component?.split('/')[0] ?? rest.filter((a) => !a.startsWith('-')).at(-1) ?? '';
      if (pkg === 'io.appium.settings' || d.opaque.has(pkg)) {
        const o = d.opaque.get(pkg);
        if (o) o.pid ??= d.pid();
        return { out: `Starting: Intent { cmp=${component ?? pkg} }\n` };
      }
      if (!d.launch(pkg)) {
        return { out: `Starting: Intent { cmp=${component} }\n`, err: `Error type 3\nError: Activity class {${component}} does not exist.\n`, code: 1 };
      }
      const f = d.focus();
      return { out: `Starting: Intent { act=android.intent.action.MAIN cat=[android.intent.category.LAUNCHER] cmp=${component} }\nStatus: ok\nLaunchState: COLD\nActivity: ${f.package}/${shorten(f.package, f.activity)}\nTotalTime: 412\nWaitTime: 415\nComplete\n` };
    }
    case 'force-stop':
    case 'kill':
      d.forceStop(rest.at(-1) ?? '');
      return {};
    case 'instrument':
      if (!rest.includes('-w') || !rest.some((a) => a.startsWith(SERVER_TEST_PACKAGE))) {
        d.log(`[${d.serial}] unsupported instrumentation: ${args.join(' ')}`);
        return { err: 'INSTRUMENTATION_FAILED\n', code: 1 };
      }
      // `-w` waits for the instrumentation to finish: this command lives as long as the server.
      return { out: await ctx.instrument() };
    case 'broadcast':
      return { out: 'Broadcasting: Intent { }\nBroadcast completed: result=-1, data="0"\n' };
    case 'startservice':
    case 'start-service':
    case 'start-foreground-service':
      return { out: 'Starting service: Intent { }\n' };
    case 'stack':
    case 'task':
      return { out: '' };
    default:
      d.log(`[${d.serial}] unknown am command: ${args.join(' ')}`);
      return { err: `Unknown command: ${verb}\n`, code: 1 };
  }
}

function dumpsys(d: SimDevice, args: string[]): ShellResult {
  const [service, ...rest] = args;
  switch (service) {
    case 'window': {
      const f = d.focus();
      const act = shorten(f.package, f.activity);
      const keyboard = d.keyboardShown ? '  mInputMethodWindow=Window{2e5 u0 InputMethod}\n' : '';
      return {
        out:
          `WINDOW MANAGER DISPLAY CONTENTS (dumpsys window displays)\n  Display: mDisplayId=0 rootTasks=3\n    init=${d.width}x${d.height} ${d.density}dpi\n` +
          `  mCurrentFocus=Window{3f1c2a u0 ${f.package}/${f.activity}}\n` +
          `  mFocusedApp=ActivityRecord{9d0e1b u0 ${f.package}/${act} t12}\n${keyboard}`,
      };
    }
    case 'activity': {
      if (rest[0] === 'services') {
        // The settings helper runs one foreground service; no screen recording ever runs.
        const pkg = rest[1] ?? '';
        return { out: !pkg.includes('/') && d.pidOf(pkg) ? `ACTIVITY MANAGER SERVICES (dumpsys activity services)\n  User 0 active services:\n  * ServiceRecord{5e1 u0 ${rest[1]}}\n    isForeground=true foregroundId=1 types=0x00000000\n` : '' };
      }
      const f = d.focus();
      return { out: `  mResumedActivity: ActivityRecord{9d0e1b u0 ${f.package}/${shorten(f.package, f.activity)} t12}\n  mFocusedApp=ActivityRecord{9d0e1b u0 ${f.package}/${shorten(f.package, f.activity)} t12}\n` };
    }
    case 'package': {
      const pkg = rest.find((a) => !a.startsWith('-'));
      if (!pkg || !d.isInstalled(pkg)) return { out: pkg ? `Unable to find package: ${pkg}\n` : '' };
      const app = d.apps.get(pkg);
      const o = d.opaque.get(pkg);
      const versionName = app?.versionName ?? o?.versionName ?? '1.0';
      const versionCode = app?.versionCode ?? o?.versionCode ?? 1;
      return {
        out:
          `Packages:\n  Package [${pkg}] (1a2b3c):\n    userId=10123\n    pkg=Package{1a2b3c ${pkg}}\n    versionCode=${versionCode} minSdk=21 targetSdk=34\n    versionName=${versionName}\n` +
          `    flags=[ HAS_CODE ALLOW_CLEAR_USER_DATA ]\n    timeStamp=2026-01-01 00:00:00\n    firstInstallTime=2026-01-01 00:00:00\n    install permissions:\n    runtime permissions:\n`,
      };
    }
    case 'input_method':
      return { out: `  mInputShown=${d.keyboardShown}\n  mIsInputViewShown=${d.keyboardShown}\n` };
    case 'power':
      return { out: '  mWakefulness=Awake\n  mHoldingDisplaySuspendBlocker=true\n  Display Power: state=ON\n' };
    case 'trust':
    case 'window_policy':
      return { out: '  isKeyguardShowing=false\n  mShowingLockscreen=false\n  mDreamingLockscreen=false\n' };
    case 'display':
      return { out: `  mBaseDisplayInfo=DisplayInfo{"Built-in Screen", displayId 0, real ${d.width} x ${d.height}, density ${d.density}}\n` };
    case 'battery':
      return { out: '  AC powered: true\n  level: 100\n  status: 2\n' };
    case 'SurfaceFlinger':
      return { out: `Display 4619827259835644672 (HWC display 0): port=0 pnpId=GGL displayName="EMU_display_0"\n` };
    default:
      return { out: '' };
  }
}

function ps(d: SimDevice, _args: string[]): string {
  const rows = ['USER           PID  PPID     VSZ    RSS WCHAN            ADDR S NAME'];
  for (const pkg of d.packages()) {
    const pid = d.pidOf(pkg);
    if (pid) rows.push(`u0_a123       ${pid}   345 14000000 100000 0                   0 S ${pkg}`);
  }
  return rows.join('\n') + '\n';
}

const KEYCODE_HOME = 3;
const KEYCODE_BACK = 4;
const KEYCODE_ESCAPE = 111;

function input(d: SimDevice, args: string[]): ShellResult {
  const [verb, ...rest] = args;
  if (verb === 'keyevent') {
    const code = Number(rest.filter((a) => !a.startsWith('-')).at(-1));
    if (code === KEYCODE_BACK) d.back();
    else if (code === KEYCODE_HOME) d.home();
    else if (code === KEYCODE_ESCAPE) d.keyboardShown = false;
    return {};
  }
  if (verb === 'tap') {
    const [x, y] = rest.map(Number);
    d.foreground()?.runtime.tap(x, y);
    return {};
  }
  return {};
}
