/**
 * A Grid server (hub or node) as a Java child process the tests own: its own process group, a
 * watchdog that kills Java when this process dies (the wrapper's stdin is a pipe from us; its
 * EOF is our death), a bounded wait for `/status`, and a kill that leaves nothing behind.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import { killOnExit } from '../../src/child-reaper.ts';

export interface JavaServer {
  readonly name: string;
  readonly url: string;
  /** The Java process's pid (not the wrapper's). */
  readonly javaPid: number;
  readonly exited: Promise<void>;
  isRunning(): boolean;
  /** SIGKILL to the whole process group; resolves once the wrapper has exited. */
  kill(): Promise<void>;
}

/** Small heaps and a quick JIT: three JVMs share two cores with everything else. */
const JVM_OPTS = ['-Xms32m', '-Xmx192m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-Xss512k'];

// java in the background, its pid on stdout; a watcher kills it when our pipe closes.
const WRAPPER = 'java "$@" </dev/null & j=$!; echo "pid $j"; ( read -r _; kill -KILL $j 2>/dev/null ) <&0 & wait $j';


export async function startJava(name: string, url: string, jar: string, args: string[], logFile: string): Promise<JavaServer> {
  mkdirSync(path.dirname(logFile), { recursive: true });
  const log = openSync(logFile, 'a');
  const child = spawn('bash', ['-c', WRAPPER, 'java', ...JVM_OPTS, '-jar', jar, ...args], { detached: true, stdio: ['pipe', 'pipe', log] });
  child.stdin!.on('error', () => undefined);
  killOnExit(child, { group: true });
  let running = true;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      running = false;
      resolve();
    }),
  );
  const javaPid = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (b) => {
      out += b;
      const m = /pid (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    exited.then(() => reject(new Error(`${name}: java did not start`)));
  });
  // Grid logs to stdout: after the pid line, into the log file.
  child.stdout!.removeAllListeners('data');
  child.stdout!.pipe(createWriteStream('', { fd: log, autoClose: false }));
  const kill = async () => {
    if (running && child.pid) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await exited;
    await waitGone(javaPid);
  };
  return { name, url, javaPid, exited, isRunning: () => running, kill };
}

/** True while a pid exists (signal 0 probes without sending). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitGone(pid: number, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (pidAlive(pid) && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
}

/** Polls `GET <url>/status` until `ready(body)` holds; throws naming what was last seen at the deadline. */
export async function waitStatus(server: JavaServer, ready: (body: any) => boolean, timeoutMs: number): Promise<any> {
  const end = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < end) {
    if (!server.isRunning()) throw new Error(`${server.name} exited while starting (see its log)`);
    try {
      const res = await fetch(new URL('/status', server.url), { signal: AbortSignal.timeout(2000) });
      const body = await res.json();
      if (ready(body)) return body;
      last = JSON.stringify(body).slice(0, 300);
    } catch (e) {
      last = String((e as Error).message);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${server.name} not ready at ${server.url} within ${timeoutMs} ms: ${last}`);
}
