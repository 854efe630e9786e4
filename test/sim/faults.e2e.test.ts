/**
 * Fault profiles of the simulated device under the real UiAutomator2 driver: a splash gone before
 * the driver looks, a permission dialog owning the first screen, the UiAutomator2 server
 * crashing mid-crawl, the device leaving `adb devices`, and a batch that moves a crashed crawl to
 * another device.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyBundle } from '../../src/bundle/manifest-verify.ts';
import { EXIT } from '../../src/exit-codes.ts';
import { runMain } from '../helpers/cli.ts';
import { sampleApp } from '../helpers/paths.ts';
import { deriveApp, deviceArgs, readJson, startSimLab, writeConfig, type SimLab } from './lab.ts';

let lab: SimLab;
let quickSplash: string;
const OFFICE = 'cn.gov.example.office';

beforeAll(async () => {
  const root = path.join(process.env.TMPDIR ?? '/tmp', `govapp-sim-apps-${process.pid}`);
  mkdirSync(root, { recursive: true });
  // study-portal whose splash is gone 50 ms after launch, before the driver's first focus check.
  quickSplash = deriveApp(path.join(root, 'quick-splash'), 'study-portal', {
    graph: (g) => {
      for (const t of g.transitions) if (t.from === 'splash' && t.after !== undefined) t.after = 0.05;
    },
  });
  lab = await startSimLab([
    { serial: 'emulator-5554', apps: [quickSplash] },
    { serial: 'emulator-5556', apps: [sampleApp('river-patrol')] },
    { serial: 'emulator-5558', apps: [sampleApp('office-compliant')], profile: { faults: { crashServerAfterRequests: 40 } } },
    { serial: 'emulator-5560', apps: [sampleApp('office-compliant')], profile: { faults: { vanishAfterRequests: 40 } } },
    // the batch pool: the first device's server crashes, the second is healthy
    { serial: 'emulator-5562', apps: [sampleApp('office-compliant')], profile: { faults: { crashServerAfterRequests: 30 } } },
    { serial: 'emulator-5564', apps: [sampleApp('office-compliant')] },
  ]);
});
afterAll(async () => {
  await lab?.stop();
});

async function crawl(serial: string, pkg: string, ...extra: string[]) {
  const out = lab.tmp('out-');
  const cfg = lab.tmp('cfg-');
  mkdirSync(cfg, { recursive: true });
  const res = await runMain('crawl', '--app', pkg, '--out', out, '--ocr', 'off', '--quiet', '--config', writeConfig(cfg), ...extra, ...(await deviceArgs(lab, serial)));
  return { out, res, run: readJson(path.join(out, 'run.json')) };
}

describe('session start', () => {
  it('a splash screen gone before the driver looks: the session starts and the crawl gets past it', async () => {
    const { res, run, out } = await crawl('emulator-5554', 'cn.gov.example.study', '--max-actions', '6');
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(run.capabilities['appium:appWaitActivity']).toBe('*');
    const findings = readJson(path.join(out, 'findings.json'));
    expect(findings.run.states).toBeGreaterThan(1);
  });

  it('a permission dialog at launch: the session starts on it, and it is recorded', async () => {
    const { res, run } = await crawl('emulator-5556', 'cn.gov.example.patrol', '--max-actions', '4');
    expect(res.code).toBe(0);
    expect(run.permissions.length).toBeGreaterThan(0);
  });
});

describe('losing the device mid-crawl', () => {
  it.each([
    ['the UiAutomator2 server crashes', 'emulator-5558'],
    ['the device leaves adb devices', 'emulator-5560'],
  ])('%s: the crawl ends "error" with DEVICE_OFFLINE and a valid partial bundle', async (_what, serial) => {
    const { res, run, out } = await crawl(serial, OFFICE);
    // A crawl that broke off says so in its exit status too.
    expect(res.code).toBe(EXIT.BROKE_OFF);
    expect(res.stdout).toMatch(/stop: error/);
    expect(run.stopReason).toBe('error');
    expect(run.error.code).toBe('DEVICE_OFFLINE');
    const findings = readJson(path.join(out, 'findings.json'));
    expect(findings.run.stopReason).toBe('error');
    // It broke off early: not a crawl that spent its budget on errors.
    expect(findings.run.actions).toBeLessThan(40);
    expect((await verifyBundle(out)).ok).toBe(true);
  });

  it('a batch: the crawl whose server crashed is redone on the other simulated device', async () => {
    const dir = lab.tmp('batch-');
    mkdirSync(dir, { recursive: true });
    const cfg = writeConfig(dir);
    writeFileSync(path.join(dir, 'apps.yaml'), `defaults: { ocr: 'off', retries: 1 }\napps:\n  - id: office\n    package: ${OFFICE}\n    config: ${cfg}\n`);
    writeFileSync(
      path.join(dir, 'devices.yaml'),
      `appiumUrl: ${lab.appium.url}\ndevices:\n  - udid: emulator-5562\n  - udid: emulator-5564\n`,
    );
    const out = path.join(dir, 'out');
    const res = await runMain('batch', path.join(dir, 'apps.yaml'), '--out', out, '--devices', path.join(dir, 'devices.yaml'), '--concurrency', '1');
    expect(res.code).toBe(0);
    const journal = readJsonl(path.join(out, 'journal.jsonl'));
    expect(journal.find((r) => r.type === 'fail')).toMatchObject({ app: 'office', retry: true, error: { code: 'DEVICE_OFFLINE' } });
    expect(journal.find((r) => r.type === 'done')).toMatchObject({ app: 'office', result: { status: 'ok', attempts: 2 } });
  });
});

function readJsonl(file: string): any[] {
  return readFileSync(file, 'utf8').trim().split('\n').map((l: string) => JSON.parse(l));
}
