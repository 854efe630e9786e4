import type { AttemptJob, RunOne } from '../../batch/attempt.ts';
import { executeBatch, type ExecuteBatchOptions } from '../../batch/batch.ts';
import type { Lease } from '../../batch/pool.ts';
import { BadInputError } from '../../src/errors.ts';
import { parseCommandArgs, numberOption, type Command } from '../command.ts';
import { EXIT } from '../../src/exit-codes.ts';

const USAGE = `usage: govapp batch <apps.yaml> --out <dir> [options]

Crawls every app of apps.yaml, one bundle each (<dir>/apps/<id>/), over a pool of devices, and
writes <dir>/batch.json, batch.csv and batch.html. Run the same command again to resume: apps
already finished are skipped, unfinished ones are redone.

  --out <dir>              the batch directory (journal, summary, bundles)
  --devices <file>         devices.yaml: a list of devices (udid/avd, ports, Appium URL) or one hub
  --appium-url <URL>       Appium server, Selenium Grid 4 router or device-farm hub; without --devices,
                           --concurrency sessions run on it at once
  --concurrency <n>        crawls at once (default: the number of devices; 1 without --devices)
  --local-servers <n>      without --devices/--appium-url: local Appium servers to start (default: one
                           per CPU; the replay slots share them)
  --retries <n>            attempts on another device after a crawl dies (default 2)
  --timeout <min>          wall-clock limit of one attempt (default 1.5 × the app's maxMinutes + 5, i.e.
                           50 for the default 30-minute budget; apps.yaml timeoutMinutes wins)
  --quarantine-after <k>   stop using a device after k failed crawls in a row (default 3)
  --retry-errors           also redo apps whose recorded result is an error
  --progress-interval <s>  seconds between progress lines when stderr is not a terminal (default 30)
  --quiet                  no progress output

Without --devices and --appium-url, one local Appium server is started per slot, for replayed
app-graph apps. See docs/lab.md for emulator fleets, Selenium Grid and appium-device-farm.`;

export type ParsedBatchArgs = Omit<ExecuteBatchOptions, 'runOne' | 'signal'> & { quiet: boolean };

export function parseBatchArgs(argv: string[]): ParsedBatchArgs {
  const { values, positionals } = parseCommandArgs(
    'batch',
    argv,
    {
      out: { type: 'string' },
      devices: { type: 'string' },
      'appium-url': { type: 'string' },
      concurrency: { type: 'string' },
      'local-servers': { type: 'string' },
      retries: { type: 'string' },
      timeout: { type: 'string' },
      'quarantine-after': { type: 'string' },
      'retry-errors': { type: 'boolean' },
      'progress-interval': { type: 'string' },
      quiet: { type: 'boolean' },
    },
    true,
  );
  if (positionals.length !== 1) throw new BadInputError('BAD_ARGUMENT', 'batch: give exactly one apps.yaml');
  if (!values.out) throw new BadInputError('BAD_ARGUMENT', 'batch: --out <dir> is required');
  const appiumUrl = values['appium-url'];
  if (appiumUrl !== undefined && !/^https?:\/\/[^/]/.test(appiumUrl)) throw new BadInputError('BAD_ARGUMENT', `--appium-url: expected an http(s) URL, got "${appiumUrl}"`);
  const timeoutMin = numberOption('timeout', values.timeout, { min: 0.01 });
  const intervalS = numberOption('progress-interval', values['progress-interval'], { min: 1 });
  return {
    appsFile: positionals[0],
    outDir: values.out,
    devicesFile: values.devices,
    appiumUrl,
    concurrency: numberOption('concurrency', values.concurrency, { min: 1, integer: true }),
    localServers: numberOption('local-servers', values['local-servers'], { min: 1, integer: true }),
    retries: numberOption('retries', values.retries, { min: 0, integer: true }),
    timeoutMs: timeoutMin === undefined ? undefined : Math.round(timeoutMin * 60_000),
    quarantineAfter: numberOption('quarantine-after', values['quarantine-after'], { min: 1, integer: true }),
    redoErrors: values['retry-errors'] ?? false,
    progressIntervalMs: intervalS === undefined ? undefined : intervalS * 1000,
    quiet: values.quiet ?? false,
  };
}

/** The real crawl of one attempt: `crawl()` on the lease's Appium server and device. */
export const crawlRunOne: RunOne = async (job: AttemptJob, lease: Lease, signal: AbortSignal) => {
  const { crawlBundle } = await import('../crawl-bundle.ts');
  const o = job.app.options;
  return crawlBundle({
    target: job.app.target,
    ...(job.app.mini ? { mini: job.app.mini } : {}),
    outDir: job.outDir,
    appiumUrl: lease.appiumUrl,
    device: lease.device,
    maxActions: o.maxActions,
    maxMinutes: o.maxMinutes,
    strategy: o.strategy,
    seed: o.seed,
    ocr: o.ocr,
    configFile: o.configFile,
    signal,
    logger: job.logger,
  });
};

/** Ctrl-C (or SIGTERM) once: stop leasing, abort running crawls, keep the journal consistent. Twice: quit. */
export function stopOnSignals(controller: AbortController): () => void {
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('\ngovapp: stopping the batch: running crawls are aborted and recorded (Ctrl-C again to quit at once)…\n');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

/** Runs a parsed batch with the given crawl; the exit code: 0 all ok, 1 errors or unfinished apps, 130 interrupted. */
export async function runBatchCommand(args: ParsedBatchArgs, runOne: RunOne): Promise<number> {
  const controller = new AbortController();
  const unhook = stopOnSignals(controller);
  try {
    const { quiet, ...opts } = args;
    const r = await executeBatch({ ...opts, runOne, signal: controller.signal, progress: quiet ? false : process.stderr });
    process.stdout.write(`${r.total} apps: ${r.ok} ok, ${r.error} error, ${r.pending} unfinished${r.skipped ? ` (${r.skipped} from an earlier run)` : ''}\nsummary: ${r.summary}\n`);
    if (r.interrupted) return EXIT.INTERRUPTED;
    return r.error || r.pending ? EXIT.RUNTIME : EXIT.OK;
  } finally {
    unhook();
  }
}

export const command: Command = {
  name: 'batch',
  summary: 'crawl many apps over a device pool, resumable, with a batch summary',
  usage: USAGE,
  run: (argv) => runBatchCommand(parseBatchArgs(argv), crawlRunOne),
};
