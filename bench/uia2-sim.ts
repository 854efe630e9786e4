// Host overhead of a real-driver crawl: the real appium-uiautomator2-driver against a simulated
// emulator with a latency profile modelled on x86_64 Android 14 emulators (page source 0.3–1 s,
// screenshot 0.2 s, tap 0.1 s, adb shell 40 ms), beside the replay driver on the same app.
//
//   npm run bench:uia2 -- [--app office-compliant] [--profile emulator|instant] [--ocr off] [--runs 1]
//
// Reports, per run: wall time of the crawl; "in device calls" = the union of the time spent inside
// Device calls (page source, screenshot, tap, back, currentApp … as WdioDevice traces them: the
// device's round trips, through Appium and the driver); host overhead = wall − in device calls,
// i.e. the time our own code adds (exploration, state keys, bundle writing, OCR when it does not
// overlap), and its ratio to the device time (goal ≤ 10 %). Also the latency the simulator itself
// slept (the modelled device time) and the replay driver's wall time for the same crawl.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { Simulator } from '../drivers/android-sim/lib/simulator.ts';
import { PROFILES } from '../drivers/android-sim/lib/profiles.ts';
import { crawlBundle as crawl } from '../cli/crawl-bundle.ts';
import type { OcrMode } from '../crawlers/types.ts';
import { startAppium } from '../src/appium/server.ts';
import { freePort } from '../src/appium/ports.ts';
import { PACKAGE_ROOT } from '../src/paths.ts';

const { values } = parseArgs({
  options: {
    app: { type: 'string', default: 'office-compliant' },
    profile: { type: 'string', default: 'emulator' },
    ocr: { type: 'string', default: 'off' },
    runs: { type: 'string', default: '1' },
  },
});
const appDir = path.resolve(PACKAGE_ROOT, '../shared/fixtures/apps', values.app!);
const pkg = JSON.parse(readFileSync(path.join(appDir, 'app.json'), 'utf8')).app.package as string;
const profile = PROFILES[values.profile as keyof typeof PROFILES];
if (!profile) throw new Error(`--profile: one of ${Object.keys(PROFILES).join(', ')}`);
const root = mkdtempSync(path.join(os.tmpdir(), 'govapp-bench-uia2-'));
const configFile = path.join(root, 'govapp.yaml');
(await import('node:fs')).writeFileSync(configFile, 'apps:\n  cn.gov.example.office:\n    credentials: { username: demo, password: Demo@2026 }\n');

/** A logger at trace whose WebDriver lines ({cmd, ms}) are kept as intervals [end − ms, end]. */
function tracingLogger() {
  const spans: [number, number][] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n')) {
        if (!line.includes('"msg":"webdriver"')) continue;
        const r = JSON.parse(line) as { time: number; ms: number };
        spans.push([r.time - r.ms, r.time]);
      }
      done();
    },
  });
  return { logger: pino({ level: 'trace' }, sink), spans };
}

function union(spans: [number, number][]): number {
  const s = [...spans].sort((a, b) => a[0] - b[0]);
  let total = 0;
  let cur: [number, number] | undefined;
  for (const [a, b] of s) {
    if (!cur || a > cur[1]) {
      if (cur) total += cur[1] - cur[0];
      cur = [a, b];
    } else cur[1] = Math.max(cur[1], b);
  }
  return total + (cur ? cur[1] - cur[0] : 0);
}

const sim = await Simulator.start({ home: path.join(root, 'sdk'), devices: [{ serial: 'emulator-5554', apps: [appDir], profile }] });
const appium = await startAppium({ env: sim.env, logFile: path.join(root, 'appium.log') });
const fmt = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
try {
  for (let run = 1; run <= Number(values.runs); run++) {
    const slept = sim.device('emulator-5554').sleptMs;
    const { logger, spans } = tracingLogger();
    const t0 = performance.now();
    const real = await crawl({
      target: { kind: 'package', package: pkg },
      outDir: path.join(root, `real-${run}`),
      appiumUrl: appium.url,
      device: { udid: 'emulator-5554', systemPort: await freePort() },
      ocr: values.ocr as OcrMode,
      configFile,
      logger,
    });
    const wall = performance.now() - t0;
    const inDevice = union(spans);
    const overhead = wall - inDevice;
    const modelled = sim.device('emulator-5554').sleptMs - slept;

    const t1 = performance.now();
    const replay = await crawl({ target: { kind: 'app-graph', dir: appDir, package: pkg }, outDir: path.join(root, `replay-${run}`), appiumUrl: appium.url, ocr: values.ocr as OcrMode, configFile });
    const replayWall = performance.now() - t1;

    console.log(`run ${run}: ${values.app}, profile ${values.profile}, OCR ${values.ocr}`);
    console.log(`  UiAutomator2 (simulated emulator): ${fmt(wall)} wall, ${real.actions} actions, ${real.states} screens, stop ${real.stopReason}`);
    console.log(`    in device calls ${fmt(inDevice)} (${spans.length} calls; the simulator slept ${fmt(modelled)} of modelled latency)`);
    console.log(`    host overhead ${fmt(overhead)} = ${((overhead / inDevice) * 100).toFixed(1)} % of device time (goal ≤ 10 %), ${(overhead / Math.max(1, real.actions)).toFixed(0)} ms per action`);
    console.log(`  replay driver, same app: ${fmt(replayWall)} wall, ${replay.actions} actions, ${replay.states} screens`);
  }
} finally {
  await appium.stop();
  await sim.stop();
  rmSync(root, { recursive: true, force: true });
}
