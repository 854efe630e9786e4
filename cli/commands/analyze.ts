import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { evaluateGate, parseFailOn } from '../../reports/gate.ts';
import { reportGate, verdictRows } from '../summary.ts';
import { readFindings } from '../../reports/bundle-data.ts';
import { finalizeBundle } from '../../reports/finalize.ts';
import { readObservation } from '../../src/bundle/read.ts';
import { BadInputError, GovappError, describeError } from '../../src/errors.ts';
import { loadConfig } from '../../src/config/load.ts';
import { checkDetectorOptions, type DetectorOptionSchemas } from '../../src/config/detectors.ts';
import type { SignalOptions } from '../../detectors/run.ts';
import type { Signals } from '../../src/findings/schema.ts';
import { buildFindings } from '../../src/findings/build.ts';
import { incompleteNotice } from '../../src/findings/coverage.ts';
import { findingsSchema, type ClauseResult, type Findings } from '../../src/findings/schema.ts';
import { writeJsonAtomic } from '../../src/fs/atomic.ts';
import type { CrawlObservation } from '../../src/observation.ts';
import { firstIssue } from '../../src/zod-errors.ts';
import { loadPrivateKey } from '../../src/bundle/sign.ts';
import { parseCommandArgs, type Command } from '../command.ts';
import { REISSUE_OPTIONS, bundleDirArgument } from './report.ts';
import { checkBeforeReissue } from '../../src/bundle/reissue.ts';
import { stripBidi } from '../../src/escape.ts';

const USAGE = `usage: govapp analyze <bundle dir> [--config govapp.yaml] [--pdf] [--junit <file>] [--fail-on fail|review|incomplete] [--sign-key <key.pem>] [--zip <file>]

Re-runs the current detectors on a recorded bundle, without a device: rebuilds the crawl observation
from app.json, states/, screens.json, crawl.jsonl and probes.json, rewrites findings.json and the
report. The previous manifest moves to history/ and a new one is written.

  --config <file>      govapp.yaml whose \`detectors:\` options the detectors run with; without it,
                       the options the crawl recorded in run.json (none: every detector's defaults)
  --pdf                also print report.pdf with headless Chromium
  --junit <file>       write JUnit XML (one test case per clause)
  --fail-on <level>    exit 3 when a clause is fail (fail) or fail/review/unknown (review), or the
                       crawl was incomplete (incomplete); levels combine: fail,incomplete
  --sign-key <file>    sign the new manifest with this Ed25519 PEM private key (manifest.sig)
  --zip <file>         pack the finished bundle into one zip
  --force              re-analyse a bundle that does not verify against its manifest; the failed
                       verification is kept in history/ and the new manifest says so

The bundle is verified first: one that does not match its manifest (or has none) is refused with
exit status 5 unless --force. Symbolic links, FIFOs and devices in it are always refused.`;

const DETECTORS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../detectors/run.ts');

/** The detectors' public entry point (detectors/run.ts), loaded when `analyze` runs. */
interface DetectorsModule {
  runDetectors(obs: CrawlObservation, options?: Record<string, unknown>): ClauseResult[];
  detectorOptionSchemas(): DetectorOptionSchemas;
  computeSignals(obs: CrawlObservation, opts: SignalOptions): Signals;
}

async function loadDetectors(): Promise<DetectorsModule> {
  if (!existsSync(DETECTORS)) throw new GovappError('INTERNAL', `no detectors installed (${DETECTORS} is missing)`);
  const mod = (await import(pathToFileURL(DETECTORS).href)) as Partial<DetectorsModule>;
  for (const fn of ['runDetectors', 'detectorOptionSchemas', 'computeSignals'] as const)
    if (typeof mod[fn] !== 'function') throw new GovappError('INTERNAL', `${DETECTORS} does not export ${fn}()`);
  return mod as DetectorsModule;
}

/**
 * The detector options a re-analysis runs with: the config file's `detectors:` when one is given,
 * else those the crawl recorded (run.json `options.detectors`), checked the same way.
 */
async function detectorOptionsFor(dir: string, configFile: string | undefined, schemas: DetectorOptionSchemas): Promise<Record<string, unknown>> {
  if (configFile) return (await loadConfig(configFile, { detectors: schemas })).detectors;
  const runFile = path.join(dir, 'run.json');
  if (!existsSync(runFile)) return {};
  let recorded: unknown;
  try {
    recorded = (JSON.parse(readFileSync(runFile, 'utf8')) as { options?: { detectors?: unknown } }).options?.detectors;
  } catch {
    return {};
  }
  if (recorded === undefined) return {};
  if (typeof recorded !== 'object' || recorded === null || Array.isArray(recorded)) throw new BadInputError('BAD_BUNDLE', `${runFile}: options.detectors: expected an object`);
  checkDetectorOptions(`${runFile} (options)`, recorded as Record<string, unknown>, schemas);
  return recorded as Record<string, unknown>;
}

/** New findings for a bundle: the old run facts (times, stop reason), today's verdicts. */
export async function reanalyze(dir: string, opts: { configFile?: string } = {}): Promise<Findings> {
  const { runDetectors, detectorOptionSchemas, computeSignals } = await loadDetectors();
  const options = await detectorOptionsFor(dir, opts.configFile, detectorOptionSchemas());
  const obs = readObservation(dir);
  const old = existsSync(path.join(dir, 'findings.json')) ? readFindings(dir) : undefined;
  const startedAt = new Date(old?.run.startedAt ?? Date.now());
  const finishedAt = new Date(old?.run.finishedAt ?? Date.now());
  const { format: _f, app: _a, run: _r, clauses: _c, ...extra } = old ?? ({} as Partial<Findings>);
  const findings = {
    ...extra,
    ...buildFindings(
      { ...(old?.app ?? {}), ...obs.app },
      { startedAt, finishedAt, states: obs.screens.length, actions: obs.actions.length, stopReason: obs.stopReason, coverage: obs.coverage },
      runDetectors(obs, options),
    ),
    signals: computeSignals(obs, { crawlDate: startedAt }),
    analyzedAt: new Date().toISOString(),
  };
  const parsed = findingsSchema.safeParse(findings);
  if (!parsed.success) throw new GovappError('INTERNAL', `detectors produced invalid findings: ${firstIssue('findings.json', parsed.error)}`);
  return findings as Findings;
}

export const command: Command = {
  name: 'analyze',
  summary: 're-run the current detectors on a recorded bundle (no device) and rewrite its findings and report',
  usage: USAGE,
  async run(argv) {
    const { values, positionals } = parseCommandArgs('analyze', argv, { ...REISSUE_OPTIONS, config: { type: 'string' } }, true);
    const dir = bundleDirArgument('analyze', positionals);
    const failOn = parseFailOn(values['fail-on']);
    if (values['sign-key']) loadPrivateKey(values['sign-key']); // a bad key fails before the bundle is touched
    const reissued = await checkBeforeReissue(dir, 'analyze', Boolean(values.force));
    const findings = await reanalyze(dir, { configFile: values.config });
    writeJsonAtomic(path.join(dir, 'findings.json'), findings);
    const { failures } = await finalizeBundle(dir, findings, {
      reason: 'analyze',
      pdf: values.pdf,
      junit: values.junit,
      signKey: values['sign-key'],
      zip: values.zip,
      meta: reissued ? { reissued } : undefined,
    });
    for (const f of failures) process.stderr.write(`govapp: analyze: ${f.subscriber} failed: ${describeError(f.error)}\n`);
    const notice = incompleteNotice(findings.run);
    process.stdout.write(stripBidi([...(notice ? [`PARTIAL CRAWL — ${notice}`] : []), `${findings.app.label ?? findings.app.package}: re-analysed ${findings.run.states} screens, ${findings.run.actions} actions`, ...verdictRows(findings.clauses), `bundle: ${dir}`].join('\n')) + '\n');
    if (failures.length) return 1;
    const gate = evaluateGate(findings, failOn);
    reportGate(failOn, gate);
    return gate.exitCode;
  },
};
