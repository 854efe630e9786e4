/**
 * Typing on a simulated device under the real UiAutomator2 driver: the soft keyboard swallows the
 * first back, and a field's `max-text-length` cuts typed text in UTF-16 units. Neither may
 * corrupt the crawl: no wrong back edge, no false 4.4 failure.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCapabilities } from '../../src/device/capabilities.ts';
import { openSession } from '../../src/device/session.ts';
import { WdioDevice } from '../../src/device/wdio-device.ts';
import { freePort } from '../../src/appium/ports.ts';
import { PROBE_STRING } from '../../src/probes/gb18030.ts';
import { runMain } from '../helpers/cli.ts';
import { sampleApp } from '../helpers/paths.ts';
import { deriveApp, deviceArgs, readJson, startSimLab, writeConfig, type SimLab } from './lab.ts';

let lab: SimLab;
const OFFICE = 'cn.gov.example.office';
const limited = (xml: string) => xml.replace(/(resource-id="cn\.gov\.example\.office:id\/et_content")/, '$1 max-text-length="11"');

beforeAll(async () => {
  const root = path.join(process.env.TMPDIR ?? '/tmp', `govapp-sim-input-${process.pid}`);
  mkdirSync(root, { recursive: true });
  const officeLimited = deriveApp(path.join(root, 'office-limited'), 'office-compliant', { sources: { 'states/feedback.xml': limited } });
  lab = await startSimLab([
    { serial: 'emulator-5554', apps: [sampleApp('office-compliant')] },
    // the feedback field takes 11 UTF-16 units and says so in the page source …
    { serial: 'emulator-5556', apps: [officeLimited] },
    // … or cuts at 11 without saying so (an older server that omits max-text-length)
    { serial: 'emulator-5558', apps: [officeLimited], profile: { faults: { hideMaxTextLength: true } } },
  ]);
});
afterAll(async () => {
  await lab?.stop();
});

describe('the soft keyboard', () => {
  it('with the keyboard up a bare back only hides it; Device.back() leaves the screen', async () => {
    const caps = buildCapabilities({ kind: 'package', package: OFFICE }, { udid: 'emulator-5554', systemPort: await freePort() });
    const browser = await openSession({ appiumUrl: lab.appium.url, capabilities: caps });
    const device = await WdioDevice.create(browser);
    const sim = lab.sim.device('emulator-5554');
    try {
      expect((await device.currentApp()).activity).toBe('.LoginActivity');
      await device.type('id=cn.gov.example.office:id/et_user', 'demo');
      expect(sim.keyboardShown).toBe(true);
      await browser.back(); // what the crawler used to send
      expect(sim.keyboardShown).toBe(false);
      expect((await device.currentApp()).activity).toBe('.LoginActivity');

      await device.type('id=cn.gov.example.office:id/et_user', 'demo');
      expect(sim.keyboardShown).toBe(true);
      await device.back();
      expect(sim.keyboardShown).toBe(false);
      // the login screen was the last one: the app went to the background
      expect((await device.currentApp()).package).toBe('com.android.launcher3');
    } finally {
      await device.close();
    }
  });
});

describe('maxTextLength and the 4.4 probe', () => {
  it.each([
    ['shown in the page source', 'emulator-5556'],
    ['not shown (the cut is recognised from the read-back)', 'emulator-5558'],
  ])('a feedback field limited to 11 UTF-16 units, %s: 4.4 passes, every probe character typed and read back', async (_how, serial) => {
    const out = lab.tmp('out-');
    const cfg = lab.tmp('cfg-');
    mkdirSync(cfg, { recursive: true });
    const res = await runMain('crawl', '--app', OFFICE, '--out', out, '--ocr', 'off', '--quiet', '--config', writeConfig(cfg), ...(await deviceArgs(lab, serial)));
    expect(res.code).toBe(0);
    const findings = readJson(path.join(out, 'findings.json'));
    const c44 = findings.clauses.find((c: { clause: string }) => c.clause === '4.4');
    expect(c44.verdict).toBe('pass');
    expect(c44.summary).toContain('11个');
    // The whole probe string went in, in pieces the field could hold.
    const [probe] = readJson(path.join(out, 'probes.json'));
    expect(probe).toMatchObject({ typed: PROBE_STRING, readBack: PROBE_STRING });
    const pieces = readFileSync(path.join(out, 'crawl.jsonl'), 'utf8').split('\n').filter((l) => l.includes('"GB 18030 probe string"'));
    expect(pieces.length).toBeGreaterThan(1);
  });
});
