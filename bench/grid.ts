// Grid benchmark: the same N app crawls on the same 4 simulated (replay) devices — two Appium
// servers with two devices each — once through the local pool, once through a Selenium Grid 4 hub
// with one relay node per Appium server (the loopback rig of test/grid/rig.ts).
//
//   npm run bench:grid -- [--apps 40] [--ocr off] [--max-minutes 2] [--commands 200] [--out DIR] [--keep]
//
// Reports per path: wall time of the batch, apps/hour, ok/error, peak memory (RSS of this process
// and its children: the Appium servers, and for the Grid run the hub's and nodes' JVMs), then the
// hub's overhead per WebDriver command (the same page-source and window-rect commands on one
// session through the hub and straight to its Appium server), and the Grid/local ratios.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { executeBatch } from '../batch/batch.ts';
import { assignPorts } from '../batch/devices-file.ts';
import { formatMs } from '../batch/duration.ts';
import type { DeviceSlot } from '../batch/pool.ts';
import { crawlRunOne } from '../cli/commands/batch.ts';
import { startAppium, type AppiumServer } from '../src/appium/server.ts';
import { GridRig } from '../test/grid/rig.ts';
import { benchApps, SAMPLES } from './lib/sample-batch.ts';
import { treeRss } from './lib/tree-rss.ts';

const { values } = parseArgs({
  options: {
    apps: { type: 'string', default: '40' },
    ocr: { type: 'string', default: 'off' },
    'max-minutes': { type: 'string', default: '2' },
    commands: { type: 'string', default: '200' },
    out: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const N = Number(values.apps);
const apps = () => benchApps(N, { ocr: values.ocr!, maxMinutes: Number(values['max-minutes']) });
const root = values.out ? path.resolve(values.out) : mkdtempSync(path.join(os.tmpdir(), 'govapp-bench-grid-'));
const UDIDS = [['replay-1', 'replay-2'], ['replay-3', 'replay-4']];

interface Row {
  path: string;
  wallMs: number;
  ok: number;
  error: number;
  appsPerHour: number;
  peakRssMiB: number;
}

async function measure(name: string, run: (outDir: string) => ReturnType<typeof executeBatch>): Promise<Row> {
  const outDir = path.join(root, name);
  rmSync(outDir, { recursive: true, force: true });
  let peak = treeRss();
  const sampler = setInterval(() => (peak = Math.max(peak, treeRss())), 250);
  const t0 = performance.now();
  const r = await run(outDir).finally(() => clearInterval(sampler));
  const wallMs = performance.now() - t0;
  peak = Math.max(peak, treeRss());
  if (!values.keep) rmSync(outDir, { recursive: true, force: true });
  console.log(`  ${name}: ${formatMs(Math.round(wallMs))} (${r.ok} ok, ${r.error} error)`);
  return { path: name, wallMs, ok: r.ok, error: r.error, appsPerHour: (r.ok * 3_600_000) / wallMs, peakRssMiB: peak / 2 ** 20 };
}

const JSON_UTF8 = { 'content-type': 'application/json; charset=utf-8' };

/** Median ms of `n` page-source and window-rect commands on one replay session at `url`. */
async function commandMs(url: string, sessionServer: string, n: number): Promise<number> {
  const caps = { platformName: 'Android', 'appium:automationName': 'Replay', 'appium:app': benchApps(1, { ocr: 'off', maxMinutes: 1 })[0].target.kind === 'app-graph' ? (benchApps(1, { ocr: 'off', maxMinutes: 1 })[0].target as { dir: string }).dir : '' };
  const res = await fetch(new URL('/session', sessionServer), { method: 'POST', headers: JSON_UTF8, body: JSON.stringify({ capabilities: { alwaysMatch: caps } }) });
  const body = (await res.json()) as { value: { sessionId?: string; message?: string } };
  const id = body.value.sessionId;
  if (!id) throw new Error(`bench:grid: no session on ${sessionServer}: ${body.value.message}`);
  const times: number[] = [];
  try {
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      await (await fetch(new URL(`/session/${id}/${i % 2 ? 'window/rect' : 'source'}`, url))).text();
      times.push(performance.now() - t0);
    }
  } finally {
    await fetch(new URL(`/session/${id}`, sessionServer), { method: 'DELETE' });
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

console.log(`bench:grid: ${N} app crawls (${SAMPLES.join(', ')} repeated), ocr=${values.ocr}, 2 Appium servers × 2 replay devices, on ${os.cpus().length} CPUs`);
let servers: AppiumServer[] = [];
let rig: GridRig | undefined;
try {
  servers = await Promise.all([0, 1].map((i) => startAppium({ logFile: path.join(root, `appium-${i + 1}.log`) })));
  const slots: DeviceSlot[] = UDIDS.flatMap((udids, i) => udids.map((udid) => ({ id: udid, appiumUrl: servers[i].url, device: { udid } })));
  assignPorts(slots, 'bench');
  const local = await measure('local pool', (outDir) => executeBatch({ apps: apps(), outDir, slots, concurrency: 4, runOne: crawlRunOne, progress: false }));

  const t0 = performance.now();
  rig = await GridRig.start({
    logDir: root,
    nodes: servers.map((s, i) => ({ name: `n${i + 1}`, appiumUrl: s.url, automationName: 'Replay' as const, udids: UDIDS[i] })),
  });
  console.log(`  Grid hub + 2 relay nodes up in ${formatMs(Math.round(performance.now() - t0))}`);
  const hub = rig.hubUrl;
  const grid = await measure('Grid hub', (outDir) => executeBatch({ apps: apps(), outDir, appiumUrl: hub, concurrency: 4, runOne: crawlRunOne, progress: false }));

  const n = Number(values.commands);
  // Warm both paths first (JIT in the hub and nodes), then measure.
  await commandMs(hub, hub, 20);
  await commandMs(servers[0].url, servers[0].url, 20);
  const viaHub = await commandMs(hub, hub, n);
  const direct = await commandMs(servers[0].url, servers[0].url, n);

  const rows = [local, grid];
  console.log('\npath         wall       apps/hour  ok/error  peak RSS');
  for (const r of rows) {
    console.log(`${r.path.padEnd(11)}  ${formatMs(Math.round(r.wallMs)).padEnd(9)}  ${r.appsPerHour.toFixed(0).padStart(9)}  ${`${r.ok}/${r.error}`.padStart(8)}  ${r.peakRssMiB.toFixed(0).padStart(5)} MiB`);
  }
  console.log(`ratio Grid/local: wall ${(grid.wallMs / local.wallMs).toFixed(2)}×, apps/hour ${(grid.appsPerHour / local.appsPerHour).toFixed(2)}×, peak RSS ${(grid.peakRssMiB / local.peakRssMiB).toFixed(2)}×`);
  console.log(`per command (median of ${n}, page source / window rect): direct ${direct.toFixed(1)} ms, through the hub ${viaHub.toFixed(1)} ms, hub overhead ${(viaHub - direct).toFixed(1)} ms (${(viaHub / direct).toFixed(2)}×)`);
  writeFileSync(path.join(root, 'bench-grid.json'), JSON.stringify({ apps: N, ocr: values.ocr, cpus: os.cpus().length, rows, command: { n, directMs: direct, hubMs: viaHub } }, null, 2));
  console.log(`results: ${path.join(root, 'bench-grid.json')}`);
} finally {
  await rig?.stop();
  await Promise.all(servers.map((s) => s.stop()));
}
