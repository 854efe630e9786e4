/**
 * `govapp batch` and `govapp crawl` through a real Selenium Grid 4 hub (the jar from npm, Java 17)
 * with relay nodes in front of Appium servers: two nodes relaying to replay-driver servers (one
 * slot each), one relaying to the real UiAutomator2 driver over simulated devices. The same
 * guarantees as the local pool: same verdicts, queueing waited for, a node killed mid-crawl, a
 * hub restarted between apps, a device that vanishes — no finished result lost, the app retried,
 * every bundle verifying or marked partial.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeBatch } from '../../batch/batch.ts';
import { crawlRunOne } from '../../cli/commands/batch.ts';
import { freePort } from '../../src/appium/ports.ts';
import { startAppium, type AppiumServer } from '../../src/appium/server.ts';
import { verifyBundle } from '../../src/bundle/manifest-verify.ts';
import { expectBatchIntact, readJournal, type DoneRecord } from '../batch/batch-check.ts';
import { sampleApps } from '../batch/sample-apps.ts';
import { runMain } from '../helpers/cli.ts';
import { sampleApp } from '../helpers/paths.ts';
import { readJson, startSimLab, writeConfig, type SimLab } from '../sim/lab.ts';
import { GridRig } from './rig.ts';

const tmp = (tag: string) => mkdtempSync(path.join(os.tmpdir(), `govapp-grid-${tag}-`));
const fast = (apps: ReturnType<typeof sampleApps>) => apps.map((a) => ({ ...a, options: { maxMinutes: 2, maxActions: 25, ocr: 'off' as const, timeoutMs: 240_000 } }));
const verdictsOf = (done: DoneRecord[]) => Object.fromEntries(done.map((d) => [d.app, d.result.verdicts]));
const OFFICE = 'cn.gov.example.office';

let a: AppiumServer;
let b: AppiumServer;
let lab: SimLab;
let rig: GridRig;

beforeAll(async () => {
  [a, b, lab] = await Promise.all([
    startAppium({ logFile: 'test-artifacts/grid-appium-a.log' }),
    startAppium({ logFile: 'test-artifacts/grid-appium-b.log' }),
    startSimLab([
      { serial: 'emulator-5554', apps: [sampleApp('office-compliant')], profile: { faults: { vanishAfterRequests: 40 } } },
      { serial: 'emulator-5556', apps: [sampleApp('office-compliant')] },
    ]),
  ]);
  rig = await GridRig.start({
    // Grid counts a session's creation against this too: a UiAutomator2 session start on a
    // loaded host takes tens of seconds.
    sessionRequestTimeoutSeconds: 90,
    nodes: [
      { name: 'n1', appiumUrl: a.url, automationName: 'Replay', udids: ['replay-1'] },
      { name: 'n2', appiumUrl: b.url, automationName: 'Replay', udids: ['replay-2'] },
      { name: 'sim', appiumUrl: lab.appium.url, automationName: 'UiAutomator2', udids: ['emulator-5554', 'emulator-5556'] },
    ],
  });
}, 240_000);

afterAll(async () => {
  await rig?.stop();
  // No JVM of ours outlives the file.
  expect(rig?.liveJava() ?? []).toEqual([]);
  await Promise.all([a?.stop(), b?.stop(), lab?.stop()]);
});

describe('batch through the hub', () => {
  it('more crawls than slots: the queue is waited for, and the verdicts equal a local batch', async () => {
    const apps = fast(sampleApps(3));
    const local = tmp('local');
    expect(await executeBatch({ apps: apps.slice(0, 3), outDir: local, concurrency: 2, runOne: crawlRunOne, progress: false })).toMatchObject({ ok: 3 });
    const out = tmp('hub');
    // 3 at once on 2 replay slots: one request waits in Grid's queue (grid-queue.test.ts covers
    // the queue timing out).
    let queued = 0;
    const watch = setInterval(() => void rig.queueSize().then((n) => (queued = Math.max(queued, n)), () => undefined), 250);
    const r = await executeBatch({ apps, outDir: out, appiumUrl: rig.hubUrl, concurrency: 3, runOne: crawlRunOne, progress: false }).finally(() => clearInterval(watch));
    expect(queued).toBeGreaterThan(0);
    expect(r).toMatchObject({ total: 3, ok: 3, error: 0, pending: 0 });
    expect(readJournal(out).filter((x) => x.type === 'fail')).toEqual([]);
    const hub = verdictsOf(await expectBatchIntact(out, apps.map((x) => x.id)));
    const mine = verdictsOf(await expectBatchIntact(local, apps.map((x) => x.id)));
    expect(hub).toEqual(mine);
  });

  it('a node killed mid-crawl: its crawls are retried on the other node, nothing is lost', async () => {
    const out = tmp('kill-node');
    const apps = fast(sampleApps(3));
    let killed: Promise<void> | undefined;
    const watch = setInterval(() => {
      if (killed) return;
      void rig.sessionsPerNode().then((m) => {
        if (!killed && (m.get('n1') ?? 0) > 0) killed = new Promise((r) => setTimeout(r, 1000)).then(() => rig.killNode('n1'));
      }, () => undefined);
    }, 200);
    try {
      const r = await executeBatch({ apps, outDir: out, appiumUrl: rig.hubUrl, concurrency: 2, runOne: crawlRunOne, progress: false });
      expect(killed).toBeDefined();
      expect(r).toMatchObject({ ok: 3, pending: 0 });
      const journal = readJournal(out);
      const fails = journal.filter((x) => x.type === 'fail');
      expect(fails.length).toBeGreaterThan(0);
      for (const f of fails) expect(f).toMatchObject({ retry: true, error: { code: 'DEVICE_OFFLINE' } });
      const done = await expectBatchIntact(out, apps.map((x) => x.id));
      for (const f of fails) expect(done.find((d) => d.app === (f as { app: string }).app)!.result.attempts).toBeGreaterThan(1);
    } finally {
      clearInterval(watch);
      await killed;
      await rig.restartNode('n1');
    }
  });

  it('the hub restarted between apps: the next lease waits for it, finished results stay', async () => {
    const out = tmp('hub-restart');
    const apps = fast(sampleApps(2));
    let restarted: Promise<void> | undefined;
    let doneBefore: DoneRecord[] = [];
    const r = await executeBatch({
      apps,
      outDir: out,
      appiumUrl: rig.hubUrl,
      concurrency: 1,
      runOne: crawlRunOne,
      progress: false,
      onEvent: (e) => {
        if (e.type === 'app-done' && !restarted) {
          doneBefore = readJournal(out).filter((x): x is DoneRecord => x.type === 'done');
          restarted = rig.restartHub();
        }
      },
    });
    await restarted;
    expect(r).toMatchObject({ ok: 2, pending: 0 });
    // A session start racing the kill may fail; it is retried, never the end of the app.
    for (const f of readJournal(out).filter((x) => x.type === 'fail')) expect(f).toMatchObject({ retry: true });
    const done = await expectBatchIntact(out, apps.map((x) => x.id));
    expect(doneBefore).toHaveLength(1);
    expect(done.find((d) => d.app === doneBefore[0].app)).toEqual(doneBefore[0]);
  });
});

describe('the real UiAutomator2 driver behind the hub', () => {
  it('`govapp crawl --appium-url <hub> --udid`: the session lands on that device; the bundle verifies', async () => {
    const out = lab.tmp('crawl-');
    const cfg = lab.tmp('cfg-');
    mkdirSync(cfg, { recursive: true });
    // Its own systemPort: a pinned batch on the same node uses 8200 upwards.
    const port = String(await freePort());
    const res = await runMain('crawl', '--app', OFFICE, '--out', out, '--ocr', 'off', '--quiet', '--max-actions', '6', '--config', writeConfig(cfg), '--udid', 'emulator-5556', '--system-port', port, '--appium-url', rig.hubUrl);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const run = readJson(path.join(out, 'run.json'));
    expect(run.capabilities['appium:udid']).toBe('emulator-5556');
    expect((await verifyBundle(out)).ok).toBe(true);
  }, 240_000);

  it('a device that vanishes mid-crawl: the app is redone on the other device of the node', async () => {
    const dir = tmp('vanish');
    const cfg = writeConfig(dir);
    writeFileSync(path.join(dir, 'apps.yaml'), `defaults: { ocr: 'off', retries: 1, maxActions: 30 }\napps:\n  - id: office\n    package: ${OFFICE}\n    config: ${cfg}\n`);
    // Pinned devices on the hub (docs/lab.md, way b): the vanishing one first.
    // Free systemPorts: the default 8200 upwards may be taken by other sessions on this host.
    const [p1, p2] = [await freePort(), await freePort()];
    writeFileSync(path.join(dir, 'devices.yaml'), `appiumUrl: ${rig.hubUrl}\ndevices:\n  - udid: emulator-5554\n    systemPort: ${p1}\n  - udid: emulator-5556\n    systemPort: ${p2}\n`);
    const out = path.join(dir, 'out');
    const res = await runMain('batch', path.join(dir, 'apps.yaml'), '--out', out, '--devices', path.join(dir, 'devices.yaml'), '--concurrency', '1');
    expect(res.code).toBe(0);
    const journal = readJournal(out);
    expect(journal.find((r) => r.type === 'fail')).toMatchObject({ app: 'office', device: 'emulator-5554', retry: true, error: { code: 'DEVICE_OFFLINE' } });
    expect(journal.find((r) => r.type === 'done')).toMatchObject({ app: 'office', result: { status: 'ok', attempts: 2, device: 'emulator-5556' } });
    await expectBatchIntact(out, ['office']);
  }, 240_000);
});
