import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import path from 'node:path';
import { GovappError } from '../errors.ts';
import { PACKAGE_ROOT } from '../paths.ts';
import { freePort } from './ports.ts';
import { appiumLogFilters } from '../secrets.ts';
import { killOnExit } from '../child-reaper.ts';

export interface AppiumServer {
  url: string;
  port: number;
  /** Stops the server (SIGTERM, then SIGKILL after a grace period). Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartAppiumOptions {
  port?: number;
  /** Appium's own log goes here (appended); otherwise it is discarded. */
  logFile?: string;
  logLevel?: 'error' | 'warn' | 'info' | 'debug';
  timeoutMs?: number;
  /** Extra `appium server` arguments, e.g. `--relaxed-security`. */
  args?: string[];
  /** Extra environment for the server, e.g. the `ANDROID_HOME` of a simulated device farm. */
  env?: Record<string, string>;
  /** Values Appium's log must never show (configured passwords); typed text is always redacted. */
  secrets?: string[];
}

/** Preloaded into the server: it exits when this process dies (see the file). */
const PARENT_WATCH = pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), 'parent-watch.mjs')).href;

/**
 * Appium's `--log-filters` file, written outside any bundle with mode 0600 and removed as soon as
 * the server has read it (it may name the secrets it hides).
 */
function writeLogFilters(secrets: string[] | undefined): { file: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'govapp-appium-'));
  const file = path.join(dir, 'log-filters.json');
  writeFileSync(file, JSON.stringify(appiumLogFilters(secrets)), { mode: 0o600 });
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}


/**
 * Starts the Appium 3 server that ships in this package's node_modules, with APPIUM_HOME set to the
 * package root so it finds the drivers declared as dependencies (uiautomator2, chromium, replay).
 */
export async function startAppium(opts: StartAppiumOptions = {}): Promise<AppiumServer> {
  const port = opts.port ?? (await freePort());
  const require = createRequire(import.meta.url);
  const appiumMain = path.join(path.dirname(require.resolve('appium/package.json')), 'index.js');
  const filters = writeLogFilters(opts.secrets);
  const args = [
    '--import', PARENT_WATCH,
    appiumMain,
    'server',
    '--address', '127.0.0.1',
    '--port', String(port),
    '--log-level', `${opts.logLevel ?? 'info'}:${opts.logLevel ?? 'info'}`,
    '--log-no-colors',
    '--log-timestamp',
    '--log-filters', filters.file,
    ...(opts.args ?? []),
  ];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...opts.env, APPIUM_HOME: PACKAGE_ROOT },
    // stdin is a pipe the server watches: its EOF (this process gone) stops the server.
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin!.on('error', () => undefined);
  killOnExit(child);
  let tail = '';
  const keepTail = (b: Buffer) => {
    tail = (tail + b.toString()).slice(-4000);
  };
  child.stdout!.on('data', keepTail);
  child.stderr!.on('data', keepTail);
  let logClosed: Promise<void> = Promise.resolve();
  if (opts.logFile) {
    mkdirSync(path.dirname(opts.logFile), { recursive: true });
    const out = createWriteStream(opts.logFile, { flags: 'a' });
    child.stdout!.pipe(out, { end: false });
    child.stderr!.pipe(out, { end: false });
    logClosed = new Promise((resolve) => {
      child.once('close', () => out.end(resolve));
    });
  }
  let exited = false;
  const exitPromise = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  try {
    while (true) {
      if (exited) throw new GovappError('APPIUM_START_FAILED', `Appium exited while starting: ${lastLine(tail)}`);
      if (await isAppiumUp(url)) break;
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new GovappError('APPIUM_START_FAILED', `Appium did not answer on ${url} within ${opts.timeoutMs ?? 60_000} ms: ${lastLine(tail)}`);
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  } finally {
    filters.remove(); // read at start-up; it must not outlive it
  }
  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exitPromise;
      clearTimeout(timer);
    }
    // The log file is complete once stop() returns (a bundle's manifest hashes it next).
    await logClosed;
  };
  return { url, port, stop };
}

function lastLine(s: string): string {
  const lines = s.trim().split('\n').filter(Boolean);
  return lines.at(-1) ?? '(no output)';
}

/** True when an Appium (or Grid) server answers `GET /status` with ready. */
export async function isAppiumUp(url: string, timeoutMs = 2000): Promise<boolean> {
  try {
    const res = await fetch(new URL('status', url.endsWith('/') ? url : url + '/'), { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) return false;
    const body = (await res.json()) as { value?: { ready?: boolean } };
    return body.value?.ready !== false;
  } catch {
    return false;
  }
}

/** Polls `GET /status` until the server is ready or `timeoutMs` has passed; true when it answered. */
export async function waitForAppium(url: string, timeoutMs: number, pollMs = 1000): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await isAppiumUp(url)) return true;
    if (Date.now() + pollMs > end) return false;
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
