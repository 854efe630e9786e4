import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { EXIT } from '../../src/exit-codes.ts';
import { appiumProxy, type AppiumProxy } from '../helpers/appium-proxy.ts';
import { runCli } from '../helpers/cli.ts';
import { REPO, sampleApp } from '../helpers/paths.ts';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'govapp-faults-'));
const json = (f: string) => JSON.parse(readFileSync(f, 'utf8'));
let proxy: AppiumProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

/** After the n-th page-source request, the proxy turns to `mode`. */
function after(n: number, mode: 'freeze' | 'reset') {
  let sources = 0;
  return (method: string, url: string, p: AppiumProxy) => {
    if (method === 'GET' && /\/source$/.test(url) && ++sources > n) p.mode = mode;
  };
}

/** A partial bundle: findings, run facts and a manifest that verifies. */
async function expectPartialBundle(out: string, stopReason: string) {
  expect(json(path.join(out, 'findings.json')).run.stopReason).toBe(stopReason);
  expect(json(path.join(out, 'run.json')).stopReason).toBe(stopReason);
  expect((await runCli(['verify', out])).code).toBe(EXIT.OK);
  expect(readdirSync(out, { recursive: true }).filter((f) => String(f).endsWith('.tmp'))).toEqual([]);
}

describe('faults end loudly', () => {
  it('a frozen Appium server (accepts, never answers) ends the crawl with DEVICE_UNRESPONSIVE, exit 4, partial bundle written', async () => {
    proxy = await appiumProxy(inject('appiumUrl'), { onRequest: after(2, 'freeze') });
    const out = path.join(tmp(), 'out');
    // Without a deadline each request would wait the client's 240-s timeout; the CLI is killed at 120 s.
    const r = await runCli(['crawl', '--app', sampleApp('study-portal'), '--out', out, '--appium-url', proxy.url, '--max-minutes', '0.25', '--ocr', 'off', '--quiet'], { timeoutMs: 120_000 });
    expect(r.code, r.stdout + r.stderr).toBe(EXIT.BROKE_OFF);
    expect(r.stdout).toMatch(/stop: error/);
    expect(r.stdout).toMatch(/crawl broke off: DEVICE_UNRESPONSIVE: .*within the crawl's time budget/);
    expect(json(path.join(out, 'run.json')).error.code).toBe('DEVICE_UNRESPONSIVE');
    await expectPartialBundle(out, 'error');
  }, 180_000);

  it('Appium gone mid-crawl (connections reset): exit 4 with DEVICE_OFFLINE, not 0', async () => {
    proxy = await appiumProxy(inject('appiumUrl'), { onRequest: after(2, 'reset') });
    const out = path.join(tmp(), 'out');
    const r = await runCli(['crawl', '--app', sampleApp('study-portal'), '--out', out, '--appium-url', proxy.url, '--ocr', 'off', '--quiet'], { timeoutMs: 120_000 });
    expect(r.code, r.stdout + r.stderr).toBe(EXIT.BROKE_OFF);
    expect(r.stdout).toMatch(/crawl broke off: DEVICE_OFFLINE/);
    await expectPartialBundle(out, 'error');
  });

  it('SIGINT: stopReason interrupted (not budget), partial bundle written, exit 130', async () => {
    proxy = await appiumProxy(inject('appiumUrl'), { delayMs: 150 });
    const out = path.join(tmp(), 'out');
    const child = spawn(process.execPath, [path.join(REPO, 'bin/govapp.js'), 'crawl', '--app', sampleApp('study-portal'), '--out', out, '--appium-url', proxy.url, '--ocr', 'off', '--quiet'], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (b) => (output += b));
    child.stderr.on('data', (b) => (output += b));
    const exited = new Promise<number | null>((res) => child.once('exit', (c) => res(c)));
    while (!existsSync(path.join(out, 'findings.json')) && child.exitCode === null) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGINT');
    expect(await exited, output).toBe(EXIT.INTERRUPTED);
    expect(output).toMatch(/stop: interrupted/);
    await expectPartialBundle(out, 'interrupted');
  });

  it('SIGKILL of the crawl: its own Appium server dies with it', async () => {
    const out = path.join(tmp(), 'out');
    const child = spawn(process.execPath, [path.join(REPO, 'bin/govapp.js'), 'crawl', '--app', sampleApp('study-portal'), '--out', out, '--ocr', 'off', '--quiet'], { cwd: REPO, stdio: ['ignore', 'ignore', 'ignore'] });
    const children = () =>
      spawnSync('ps', ['-o', 'pid=,args=', '--ppid', String(child.pid)], { encoding: 'utf8' })
        .stdout.split('\n')
        .filter((l) => /appium.* server/.test(l))
        .map((l) => Number(l.trim().split(/\s+/)[0]));
    let appium: number[] = [];
    for (let i = 0; i < 600 && !appium.length; i++) {
      appium = children();
      if (!appium.length) await new Promise((r) => setTimeout(r, 50));
    }
    expect(appium).toHaveLength(1);
    // Let it come up (and start writing the bundle's Appium log) before the crawl is killed.
    while (!existsSync(path.join(out, 'logs/appium.log'))) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 1500));
    child.kill('SIGKILL');
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return !/^\s*Z/.test(spawnSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).stdout || 'Z');
      } catch {
        return false;
      }
    };
    let polls = 0;
    while (alive(appium[0]) && polls++ < 200) await new Promise((r) => setTimeout(r, 100));
    expect(alive(appium[0]), `Appium ${appium[0]} outlived the crawl`).toBe(false);
  });
});
