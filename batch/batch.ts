import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { BadInputError } from '../src/errors.ts';
import { createLogger } from '../src/log.ts';
import { loadAppsFile, type BatchApp } from './apps-file.ts';
import type { RunOne } from './attempt.ts';
import { hubSlots, loadDevicesFile } from './devices-file.ts';
import { Journal } from './journal.ts';
import { LocalServers } from './local-servers.ts';
import { DevicePool, type DeviceSlot } from './pool.ts';
import { BatchProgress, type ProgressStream } from './progress.ts';
import { runReset } from './reset-hook.ts';
import { runBatch, type BatchEvent, type BatchOutcome } from './runner.ts';
import { buildSummary, writeSummary } from './summary.ts';

/** Everything `govapp batch` does, minus argument parsing and the crawl itself (`runOne`). */
export interface ExecuteBatchOptions {
  /** apps.yaml, or the apps already resolved. */
  appsFile?: string;
  apps?: BatchApp[];
  outDir: string;
  devicesFile?: string;
  /** Default Appium server for devices that name none; without devices.yaml, a hub with `concurrency` slots. */
  appiumUrl?: string;
  /** The devices, already resolved (instead of devicesFile / appiumUrl / local servers). */
  slots?: DeviceSlot[];
  concurrency?: number;
  /** Local Appium servers for replay slots (default: one per CPU, slots share them beyond that). */
  localServers?: number;
  retries?: number;
  timeoutMs?: number;
  quarantineAfter?: number;
  abortGraceMs?: number;
  redoErrors?: boolean;
  runOne: RunOne;
  signal?: AbortSignal;
  /** Default: JSON lines into `<out>/batch.log`, nothing on the console (the progress line is there). */
  logger?: Logger;
  /** Where progress goes (default stderr); false for none. */
  progress?: ProgressStream | false;
  progressIntervalMs?: number;
  onEvent?: (e: BatchEvent) => void;
}

export interface ExecuteBatchResult extends BatchOutcome {
  outDir: string;
  summary: string;
  /** Bytes of a torn journal line cut off at start (the previous run died mid-write). */
  journalRepairedBytes: number;
  resumed: boolean;
}

export const JOURNAL_FILE = 'journal.jsonl';

/** Where the crawls run: devices.yaml, else a hub URL, else one local Appium server per replay slot. */
export function resolveSlots(o: Pick<ExecuteBatchOptions, 'devicesFile' | 'appiumUrl' | 'concurrency'>, apps: BatchApp[]): { slots: DeviceSlot[]; local: boolean } {
  if (o.devicesFile) return { slots: loadDevicesFile(o.devicesFile, { concurrency: o.concurrency, appiumUrl: o.appiumUrl }).slots, local: false };
  if (o.appiumUrl) return { slots: hubSlots(o.appiumUrl, o.concurrency ?? 1), local: false };
  const needsDevice = apps.filter((a) => a.target.kind !== 'app-graph');
  if (needsDevice.length)
    throw new BadInputError('BAD_ARGUMENT', `${needsDevice.map((a) => a.id).slice(0, 3).join(', ')}${needsDevice.length > 3 ? ', …' : ''}: an APK or package needs a device; give --devices devices.yaml or --appium-url`);
  const n = o.concurrency ?? 1;
  return { slots: Array.from({ length: n }, (_, i) => ({ id: `replay-${i + 1}`, device: { udid: `replay-${i + 1}` } })), local: true };
}

/** APKs and packages run on a named device: every slot must carry a udid or an avd for them. */
export function checkDevicesFitApps(slots: DeviceSlot[], apps: BatchApp[]): void {
  const needDevice = apps.filter((a) => a.target.kind === 'apk' || a.target.kind === 'package');
  const unnamed = slots.filter((s) => !s.device.udid && !s.device.avd);
  if (needDevice.length && unnamed.length)
    throw new BadInputError(
      'BAD_ARGUMENT',
      `${needDevice[0].id}${needDevice.length > 1 ? ` and ${needDevice.length - 1} more` : ''}: an APK or package needs a named device, but ${unnamed.map((s) => s.id).slice(0, 3).join(', ')} has no udid or avd; list the devices in devices.yaml (a hub's URL as their appiumUrl), see docs/lab.md`,
    );
}

export async function executeBatch(o: ExecuteBatchOptions): Promise<ExecuteBatchResult> {
  const apps = o.apps ?? loadAppsFile(o.appsFile ?? '');
  const outDir = path.resolve(o.outDir);
  const slots = o.slots ?? resolveSlots(o, apps).slots;
  checkDevicesFitApps(slots, apps);
  mkdirSync(outDir, { recursive: true });
  const log = o.logger ?? createLogger({ quiet: true, file: path.join(outDir, 'batch.log') });
  const { journal, state, repairedBytes } = Journal.open(path.join(outDir, JOURNAL_FILE));
  const resumed = state.records > 0;
  if (repairedBytes) log.warn({ bytes: repairedBytes }, 'cut off a torn last journal line (the previous run died mid-write)');
  if (state.duplicateDone) log.warn({ count: state.duplicateDone }, 'journal records an app as done twice; the first record counts');
  journal.append({ type: 'batch', pid: process.pid, apps: apps.length, resumed });

  let servers: LocalServers | undefined;
  const progress = o.progress === false ? undefined : new BatchProgress({ stream: o.progress ?? process.stderr, intervalMs: o.progressIntervalMs });
  try {
    servers = await LocalServers.startFor(slots, { logDir: path.join(outDir, 'logs'), log, maxServers: o.localServers });
    const pool = new DevicePool(slots, { quarantineAfter: o.quarantineAfter });
    const summarize = () => writeSummary(outDir, buildSummary(outDir, apps, state.done, pool.status()));
    summarize();
    const outcome = await runBatch({
      apps,
      outDir,
      pool,
      journal,
      state,
      runOne: o.runOne,
      concurrency: o.concurrency ?? slots.length,
      retries: o.retries,
      timeoutMs: o.timeoutMs,
      abortGraceMs: o.abortGraceMs,
      signal: o.signal,
      preflight: async (lease) => (await servers!.preflight(lease)) && (await runReset(lease.slot, { cwd: process.cwd(), log })),
      redoErrors: o.redoErrors,
      logger: log,
      onEvent: (e) => {
        progress?.handle(e);
        if (e.type === 'app-done') summarize();
        o.onEvent?.(e);
      },
    });
    pool.close();
    summarize();
    const summary = path.join(outDir, 'batch.html');
    const tail = outcome.interrupted
      ? `interrupted; run the same command again to resume`
      : outcome.noDevices
        ? `no usable device left (all quarantined; if they all failed the same way, suspect the crawl or the apps, not the devices); fix and run again to resume`
        : `summary: ${summary}`;
    progress?.stop(tail);
    log.info({ ...outcome }, 'batch ended');
    return { ...outcome, outDir, summary, journalRepairedBytes: repairedBytes, resumed };
  } finally {
    await servers?.stopAll();
    journal.close();
    log.flush?.();
  }
}
