/**
 * The real appium-uiautomator2-driver, end to end: `govapp crawl --udid` against simulated
 * devices on which the public samples are installed gives each sample's expected.json verdicts,
 * as the replay path does. study-portal starts on a splash, river-patrol on a permission dialog,
 * office-compliant behind a login.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findingsSchema } from '../../src/findings/schema.ts';
import { runMain } from '../helpers/cli.ts';
import { SAMPLE_APPS, sampleApp } from '../helpers/paths.ts';
import { deviceArgs, expectedVerdicts, packageOf, startSimLab, writeConfig, type SimLab } from './lab.ts';

let lab: SimLab;
beforeAll(async () => {
  lab = await startSimLab(SAMPLE_APPS.map((app, i) => ({ serial: `emulator-${5554 + 2 * i}`, apps: [sampleApp(app)] })));
});
afterAll(async () => {
  await lab?.stop();
});

describe('the samples through UiAutomator2 on simulated emulators', () => {
  it.each(SAMPLE_APPS.map((app, i) => [app, `emulator-${5554 + 2 * i}`]))('%s on %s: the verdicts of expected.json', async (app, serial) => {
    const out = lab.tmp(`${app}-`);
    const cfgDir = lab.tmp('cfg-');
    mkdirSync(cfgDir, { recursive: true });
    const res = await runMain('crawl', '--app', packageOf(app), '--out', out, '--ocr', 'off', '--quiet', '--config', writeConfig(cfgDir), ...(await deviceArgs(lab, serial)));
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const findings = JSON.parse(readFileSync(path.join(out, 'findings.json'), 'utf8'));
    expect(findingsSchema.safeParse(findings).error).toBeUndefined();
    const expected = expectedVerdicts(app);
    const got = Object.fromEntries(findings.clauses.filter((c: { clause: string }) => c.clause in expected).map((c: { clause: string; verdict: string }) => [c.clause, c.verdict]));
    expect(got).toEqual(expected);
    const run = JSON.parse(readFileSync(path.join(out, 'run.json'), 'utf8'));
    expect(run.device).toMatchObject({ automationName: 'UiAutomator2', udid: serial, height: 2340 - 132 });
    // The driver, not a stub, talked to the device: it installed its server and ran it.
    const history = lab.sim.history(serial);
    expect(history.some((l) => l.startsWith('install') && l.includes('appium-uiautomator2-server'))).toBe(true);
    expect(history.some((l) => l.includes('am instrument -w'))).toBe(true);
    // One `dumpsys window` per step, not two (package from the page source, activity from adb).
    const steps = findings.run.actions as number;
    const dumps = history.filter((l) => l.includes('dumpsys window')).length;
    expect(steps).toBeGreaterThan(20);
    expect(dumps).toBeLessThan(steps * 1.25 + 10);
  });
});
