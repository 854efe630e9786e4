/**
 * A simulated lab for one test file: the android-sim devices, and an Appium server of our own
 * whose UiAutomator2 driver sees them (ANDROID_HOME = the simulator's fake SDK). `stop()` ends
 * both; call it from afterAll so nothing outlives a failing test.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Simulator } from '../../drivers/android-sim/lib/simulator.ts';
import type { SimDeviceOptions } from '../../drivers/android-sim/lib/sim-device.ts';
import { startAppium, type AppiumServer } from '../../src/appium/server.ts';
import { freePort } from '../../src/appium/ports.ts';
import { sampleApp } from '../helpers/paths.ts';

export interface SimLab {
  sim: Simulator;
  appium: AppiumServer;
  /** A fresh temp directory under the lab's own. */
  tmp(prefix: string): string;
  stop(): Promise<void>;
}

export async function startSimLab(devices: SimDeviceOptions[]): Promise<SimLab> {
  const root = mkdtempSync(path.join(tmpdir(), 'govapp-sim-'));
  const log: string[] = [];
  const sim = await Simulator.start({ home: path.join(root, 'sdk'), devices, log: (l) => log.push(l) });
  let appium: AppiumServer;
  try {
    appium = await startAppium({ env: sim.env, logFile: path.join('test-artifacts', `appium-sim-${path.basename(root)}.log`), logLevel: 'debug' });
  } catch (e) {
    await sim.stop();
    throw e;
  }
  let n = 0;
  return {
    sim,
    appium,
    tmp: (prefix) => path.join(root, `${prefix}${++n}`),
    async stop() {
      await appium.stop().catch(() => undefined);
      await sim.stop();
      writeFileSync(path.join('test-artifacts', `sim-${path.basename(root)}.log`), log.join('\n') + '\n');
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export const OFFICE_CONFIG = 'apps:\n  cn.gov.example.office:\n    credentials: { username: demo, password: Demo@2026 }\n';

export function writeConfig(dir: string, text = OFFICE_CONFIG): string {
  const f = path.join(dir, 'govapp.yaml');
  writeFileSync(f, text);
  return f;
}

export function packageOf(app: string): string {
  return JSON.parse(readFileSync(path.join(sampleApp(app), 'app.json'), 'utf8')).app.package;
}

export function expectedVerdicts(app: string): Record<string, string> {
  return JSON.parse(readFileSync(path.join(sampleApp(app), 'expected.json'), 'utf8')).clauses;
}

/** `--udid <serial> --system-port <free>` for one crawl through the lab's Appium. */
export async function deviceArgs(lab: SimLab, serial: string): Promise<string[]> {
  return ['--udid', serial, '--appium-url', lab.appium.url, '--system-port', String(await freePort())];
}

export interface Derivation {
  /** Changes to app.json. */
  graph?: (g: Record<string, any>) => void;
  /** state source file (e.g. `states/feedback.xml`) → rewrite of its text. */
  sources?: Record<string, (xml: string) => string>;
}

/** A copy of a sample app with a fault built in (a quicker splash, a length-limited field …). */
export function deriveApp(dir: string, app: string, d: Derivation): string {
  cpSync(sampleApp(app), dir, { recursive: true });
  const appJson = path.join(dir, 'app.json');
  const g = JSON.parse(readFileSync(appJson, 'utf8'));
  d.graph?.(g);
  writeFileSync(appJson, JSON.stringify(g, null, 2));
  for (const [file, rewrite] of Object.entries(d.sources ?? {})) {
    const f = path.join(dir, file);
    const before = readFileSync(f, 'utf8');
    const after = rewrite(before);
    if (after === before) throw new Error(`deriveApp: ${file}: the rewrite changed nothing`);
    writeFileSync(f, after);
  }
  return dir;
}

export function readJson(file: string): any {
  return JSON.parse(readFileSync(file, 'utf8'));
}
