import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { CrawlResult } from '../../crawlers/types.ts';
import type { AttemptJob, RunOne } from '../../batch/attempt.ts';
import { readFindings } from '../../batch/bundle-dirs.ts';
import type { Lease } from '../../batch/pool.ts';
import { writeManifest } from '../../src/bundle/manifest.ts';
import { buildCapabilities } from '../../src/device/capabilities.ts';
import { openSession, type Browser } from '../../src/device/session.ts';
import { DeviceError } from '../../src/errors.ts';
import { buildFindings } from '../../src/findings/build.ts';
import { CLAUSES } from '../../src/findings/schema.ts';
import { writeJsonAtomic } from '../../src/fs/atomic.ts';
import { writeFakeBundle } from '../helpers/fake-bundle.ts';

export interface ScriptedCrawlOptions {
  /** Page-source reads on the replay device (default 4). */
  steps?: number;
  /** Pause after each step (default 100 ms). */
  stepMs?: number;
  /** Fault injection: called before each step. */
  onStep?: (job: AttemptJob, lease: Lease, step: number) => void | Promise<void>;
}

/**
 * A stand-in for `crawl()` that fails the way a crawl fails: it opens a real WebDriver session on
 * the leased replay device (capabilities from the lease, so a bad device or a dead Appium server
 * throws SESSION_FAILED / APPIUM_UNREACHABLE), reads the page source `steps` times (a server killed
 * meanwhile breaks the crawl off with DEVICE_OFFLINE and a partial bundle), then writes the sample
 * app's realistic bundle (test/helpers/fake-bundle.ts) with its manifest. Only the exploration is
 * scripted; the sessions and the failures are real.
 */
export function scriptedCrawl(o: ScriptedCrawlOptions = {}): RunOne {
  return async (job, lease, signal): Promise<CrawlResult> => {
    if (job.app.target.kind !== 'app-graph') throw new Error('scriptedCrawl replays app-graph apps only');
    const sample = path.basename(job.app.target.dir);
    const startedAt = new Date();
    mkdirSync(job.outDir, { recursive: true });
    const browser: Browser = await openSession({ appiumUrl: lease.appiumUrl, capabilities: buildCapabilities(job.app.target, lease.device) });
    try {
      const steps = o.steps ?? 4;
      for (let i = 0; i < steps; i++) {
        if (signal.aborted) return await partial(job, startedAt, i, 'ABORTED', String(signal.reason ?? 'aborted'));
        await o.onStep?.(job, lease, i);
        try {
          await browser.getPageSource();
        } catch (e) {
          return await partial(job, startedAt, i, 'DEVICE_OFFLINE', `lost the device: ${String((e as Error).message).split('\n')[0]}`);
        }
        await sleep(o.stepMs ?? 100, signal);
      }
      writeFakeBundle(sample, { dir: job.outDir });
      await writeManifest(job.outDir, { device: { udid: lease.device.udid } });
      const findings = readFindings(job.outDir)!;
      return { outDir: job.outDir, findings, stopReason: 'explored', states: findings.run.states, actions: findings.run.actions };
    } finally {
      await browser.deleteSession().catch(() => undefined);
    }
  };
}

/** What a crawl that broke off leaves: findings so far (stopReason error) and a manifest. */
async function partial(job: AttemptJob, startedAt: Date, states: number, code: 'DEVICE_OFFLINE' | 'ABORTED', message: string): Promise<CrawlResult> {
  const findings = buildFindings(
    { package: job.app.package ?? job.app.id },
    { startedAt, finishedAt: new Date(), states, actions: states, stopReason: 'error' },
    CLAUSES.map((clause) => ({ clause, verdict: 'unknown' as const, summary: '检测中断', evidence: [] })),
  );
  writeJsonAtomic(path.join(job.outDir, 'findings.json'), findings);
  await writeManifest(job.outDir);
  return { outDir: job.outDir, findings, stopReason: 'error', states, actions: states, error: new DeviceError(code, message) };
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });
