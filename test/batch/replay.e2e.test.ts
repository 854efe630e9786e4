import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startAppium, type AppiumServer } from '../../src/appium/server.ts';
import { executeBatch } from '../../batch/batch.ts';
import { assignPorts } from '../../batch/devices-file.ts';
import { crawlRunOne } from '../../cli/commands/batch.ts';
import { REPO } from '../helpers/paths.ts';
import { expectBatchIntact, readJournal, type DoneRecord } from './batch-check.ts';
import { appsYaml as appsYamlText, sampleApps } from './sample-apps.ts';

/**
 * The batch with the real crawl (`crawl()` through crawlRunOne, and `node bin/govapp.js batch`) on
 * replay devices serving the public sample apps, under the same faults as faults.test.ts.
 * Guarded until crawlers/crawl.ts exists and loads (it is being written alongside).
 */
const tmp = (tag: string) => mkdtempSync(path.join(os.tmpdir(), `govapp-replay-batch-${tag}-`));
const fast = (apps: ReturnType<typeof sampleApps>) => apps.map((a) => ({ ...a, options: { maxMinutes: 2, ocr: 'off' as const, timeoutMs: 240_000 } }));

describe('batch with the real crawl on replay devices', () => {
  let a: AppiumServer;
  let b: AppiumServer;
  beforeAll(async () => {
    const logs = tmp('appium');
    [a, b] = await Promise.all([startAppium({ logFile: path.join(logs, 'a.log') }), startAppium({ logFile: path.join(logs, 'b.log') })]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it('crawls the three samples on local replay servers; batch.json agrees with every bundle', async () => {
    const out = tmp('samples');
    const apps = fast(sampleApps(3));
    const r = await executeBatch({ apps, outDir: out, concurrency: 2, runOne: crawlRunOne, progress: false });
    expect(r).toMatchObject({ total: 3, ok: 3, error: 0, pending: 0 });
    const done = await expectBatchIntact(out, apps.map((x) => x.id));
    for (const d of done) {
      const findings = JSON.parse(readFileSync(path.join(out, d.result.bundle, 'findings.json'), 'utf8'));
      for (const c of findings.clauses) expect(d.result.verdicts[c.clause as keyof typeof d.result.verdicts]).toBe(c.verdict);
    }
  });

  it('an Appium server killed mid-crawl: every app still ends with one bundle', async () => {
    const out = tmp('kill-appium');
    const apps = fast(sampleApps(6));
    const slots = [
      { id: 'dev-a', appiumUrl: a.url, device: { udid: 'dev-a' } },
      { id: 'dev-b', appiumUrl: b.url, device: { udid: 'dev-b' } },
    ];
    assignPorts(slots, 'test');
    let armed = false;
    const r = await executeBatch({
      apps,
      outDir: out,
      slots,
      runOne: crawlRunOne,
      concurrency: 2,
      quarantineAfter: 2,
      progress: false,
      onEvent: (e) => {
        if (e.type === 'attempt-start' && e.device === 'dev-a' && !armed) {
          armed = true;
          setTimeout(() => void a.stop(), 1500);
        }
      },
    });
    expect(r.pending).toBe(0);
    await expectBatchIntact(out, apps.map((x) => x.id));
  });

  it('a device whose every session fails is quarantined; the real crawls finish elsewhere', async () => {
    const out = tmp('sick');
    const url = inject('appiumUrl');
    const apps = fast(sampleApps(4));
    const slots = [
      { id: 'sick', appiumUrl: url, device: { udid: 'sick', extra: { 'appium:automationName': 'NoSuchDriver' } } },
      { id: 'good', appiumUrl: url, device: { udid: 'good' } },
    ];
    assignPorts(slots, 'test');
    const r = await executeBatch({ apps, outDir: out, slots, runOne: crawlRunOne, concurrency: 2, quarantineAfter: 2, progress: false });
    expect(r).toMatchObject({ ok: 4, pending: 0 });
    expect(readJournal(out).filter((x) => x.type === 'quarantine')).toEqual([expect.objectContaining({ device: 'sick' })]);
    await expectBatchIntact(out, apps.map((x) => x.id));
  });

  it('`govapp batch` SIGKILLed mid-batch and run again: nothing lost, nothing done twice', async () => {
    const dir = tmp('sigkill');
    const apps = sampleApps(6);
    const appsYaml = path.join(dir, 'apps.yaml');
    writeFileSync(appsYaml, appsYamlText(apps, '{ maxMinutes: 2, ocr: off }'));
    const devicesYaml = path.join(dir, 'devices.yaml');
    writeFileSync(devicesYaml, `appiumUrl: ${inject('appiumUrl')}\ndevices:\n  - udid: replay-a\n  - udid: replay-b\n`);
    const out = path.join(dir, 'out');
    const cli = () => {
      const child = spawn(process.execPath, ['bin/govapp.js', 'batch', appsYaml, '--out', out, '--devices', devicesYaml, '--progress-interval', '2'], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      return { child, output: () => output, exited: new Promise<number | string>((res) => child.once('exit', (c, s) => res(c ?? s ?? -1))) };
    };
    const done = () => (existsSync(path.join(out, 'journal.jsonl')) ? readJournal(out).filter((r): r is DoneRecord => r.type === 'done') : []);
    const first = cli();
    const end = Date.now() + 110_000;
    while (done().length < 2 && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    first.child.kill('SIGKILL');
    await first.exited;
    const before = done();
    const second = cli();
    expect(await second.exited, second.output()).toBe(0);
    const final = await expectBatchIntact(out, apps.map((x) => x.id));
    for (const b of before) expect(final.find((d) => d.app === b.app)).toEqual(b);
  });
});
