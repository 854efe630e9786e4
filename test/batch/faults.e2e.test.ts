import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startAppium, type AppiumServer } from '../../src/appium/server.ts';
import { executeBatch } from '../../batch/batch.ts';
import { assignPorts } from '../../batch/devices-file.ts';
import type { DeviceSlot } from '../../batch/pool.ts';
import { verifyBundle } from '../../src/bundle/manifest-verify.ts';
import { REPO } from '../helpers/paths.ts';
import { expectBatchIntact, readJournal, type DoneRecord } from './batch-check.ts';
import { appsYaml as appsYamlText, sampleApps } from './sample-apps.ts';
import { scriptedCrawl } from './scripted-crawl.ts';

/**
 * Fault injection through the replay path: real Appium servers and real replay sessions, a scripted
 * exploration (see scripted-crawl.ts). The same faults with the real crawl are in replay.test.ts.
 */
const tmp = (tag: string) => mkdtempSync(path.join(os.tmpdir(), `govapp-faults-${tag}-`));

const slot = (id: string, appiumUrl: string, extra?: Record<string, unknown>): DeviceSlot => ({ id, appiumUrl, device: { udid: id, ...(extra ? { extra } : {}) } });

describe('batch faults (replay devices, scripted crawl)', () => {
  let a: AppiumServer;
  let b: AppiumServer;
  beforeAll(async () => {
    const logs = tmp('appium');
    [a, b] = await Promise.all([startAppium({ logFile: path.join(logs, 'a.log') }), startAppium({ logFile: path.join(logs, 'b.log') })]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it('an Appium server killed mid-crawl: the crawl is redone on another device, the dead one quarantined', async () => {
    const out = tmp('kill-appium');
    const apps = sampleApps(6);
    const slots = [slot('dev-a', a.url), slot('dev-b', b.url)];
    assignPorts(slots, 'test');
    let killed = false;
    const runOne = scriptedCrawl({
      steps: 4,
      stepMs: 80,
      onStep: async (_job, lease, step) => {
        if (lease.slot.id === 'dev-a' && step === 2 && !killed) {
          killed = true;
          await a.stop();
        }
      },
    });
    const r = await executeBatch({ apps, outDir: out, slots, runOne, concurrency: 2, quarantineAfter: 2, progress: false });
    expect(killed).toBe(true);
    expect(r).toMatchObject({ total: 6, ok: 6, error: 0, pending: 0, noDevices: false });
    const j = readJournal(out);
    const fail = j.find((x) => x.type === 'fail') as Extract<(typeof j)[number], { type: 'fail' }>;
    expect(fail).toMatchObject({ device: 'dev-a', retry: true, error: { code: 'DEVICE_OFFLINE' } });
    expect(j.filter((x) => x.type === 'quarantine')).toEqual([expect.objectContaining({ device: 'dev-a' })]);
    const done = await expectBatchIntact(out, apps.map((x) => x.id));
    expect(done.find((d) => d.app === fail.app)!.result).toMatchObject({ status: 'ok', device: 'dev-b', attempts: 2 });
    // the broken-off attempt stays as evidence, and is itself a valid (partial) bundle
    expect((await verifyBundle(path.join(out, 'work', fail.app, 'attempt-1'))).ok).toBe(true);
  });

  it('a device whose every session fails is quarantined; its apps finish on the others', async () => {
    const out = tmp('sick-device');
    const url = inject('appiumUrl');
    const apps = sampleApps(6);
    const slots = [slot('sick', url, { 'appium:automationName': 'NoSuchDriver' }), slot('good-1', url), slot('good-2', url)];
    assignPorts(slots, 'test');
    const r = await executeBatch({ apps, outDir: out, slots, runOne: scriptedCrawl({ steps: 2, stepMs: 50 }), concurrency: 3, quarantineAfter: 2, progress: false });
    expect(r).toMatchObject({ ok: 6, error: 0, pending: 0 });
    const j = readJournal(out);
    const fails = j.filter((x) => x.type === 'fail');
    expect(fails.length).toBe(2);
    expect(fails.every((f) => f.type === 'fail' && f.device === 'sick' && f.error.code === 'SESSION_FAILED' && f.retry)).toBe(true);
    expect(j.filter((x) => x.type === 'quarantine')).toEqual([expect.objectContaining({ device: 'sick' })]);
    const done = await expectBatchIntact(out, apps.map((x) => x.id));
    expect(done.every((d) => d.result.device !== 'sick')).toBe(true);
  });
});

/** A real batch process (same CLI code as `govapp batch`, scripted crawl), for kill and resume. */
function batchProcess(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/batch/scripted-batch.ts', ...args], {
    cwd: REPO,
    env: { ...process.env, SCRIPTED_STEP_MS: '120', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, sig) => resolve(code ?? sig ?? -1)));
  return { child, exited, output: () => output };
}

async function until(pred: () => boolean, ms: number, what: string) {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function batchFiles(tag: string, n: number) {
  const dir = tmp(tag);
  const apps = sampleApps(n);
  const appsYaml = path.join(dir, 'apps.yaml');
  writeFileSync(appsYaml, appsYamlText(apps));
  const devicesYaml = path.join(dir, 'devices.yaml');
  const url = inject('appiumUrl');
  writeFileSync(devicesYaml, `appiumUrl: ${url}\ndevices:\n  - udid: replay-a\n  - udid: replay-b\n`);
  return { out: path.join(dir, 'out'), appsYaml, devicesYaml, ids: apps.map((x) => x.id) };
}

const journalIfAny = (out: string) => (existsSync(path.join(out, 'journal.jsonl')) ? readJournal(out) : []);
const doneIn = (out: string) => journalIfAny(out).filter((r): r is DoneRecord => r.type === 'done');

describe('batch process killed and resumed', () => {
  it('SIGKILL mid-batch, then the same command: finished apps are kept as they were, the rest are done once', async () => {
    const { out, appsYaml, devicesYaml, ids } = batchFiles('sigkill', 9);
    const first = batchProcess([appsYaml, '--out', out, '--devices', devicesYaml, '--progress-interval', '1']);
    await until(() => doneIn(out).length >= 3, 90_000, 'three apps done');
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    const before = doneIn(out);
    expect(before.length).toBeGreaterThanOrEqual(3);
    expect(before.length).toBeLessThan(ids.length);
    const recordsBefore = readJournal(out).length;

    const second = batchProcess([appsYaml, '--out', out, '--devices', devicesYaml, '--progress-interval', '1']);
    expect(await second.exited, second.output()).toBe(0);
    expect(second.output()).toMatch(/9 apps: 9 ok, 0 error, 0 unfinished \(\d+ from an earlier run\)/);
    const done = await expectBatchIntact(out, ids);
    const after = readJournal(out).slice(recordsBefore);
    expect(after[0]).toMatchObject({ type: 'batch', resumed: true });
    for (const b of before) {
      expect(done.find((d) => d.app === b.app)).toEqual(b);
      expect(after.some((r) => r.type === 'start' && r.app === b.app)).toBe(false);
    }
  });

  it('Ctrl-C (SIGINT): running crawls are aborted and recorded, exit 130; the rerun finishes', async () => {
    const { out, appsYaml, devicesYaml, ids } = batchFiles('sigint', 6);
    const first = batchProcess([appsYaml, '--out', out, '--devices', devicesYaml, '--progress-interval', '1'], { SCRIPTED_STEPS: '20' });
    await until(() => journalIfAny(out).filter((r) => r.type === 'start').length >= 2, 90_000, 'two crawls running');
    first.child.kill('SIGINT');
    expect(await first.exited, first.output()).toBe(130);
    const j = readJournal(out);
    expect(j.filter((r) => r.type === 'interrupted').length).toBeGreaterThanOrEqual(1);
    const summary = JSON.parse(readFileSync(path.join(out, 'batch.json'), 'utf8'));
    expect(summary.finished).toBe(false);

    const second = batchProcess([appsYaml, '--out', out, '--devices', devicesYaml]);
    expect(await second.exited, second.output()).toBe(0);
    await expectBatchIntact(out, ids);
  });
});
