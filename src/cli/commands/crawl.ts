import path from 'node:path';
import { crawl } from '../../../crawlers/crawl.ts';
import { parseAppArgument } from '../../../crawlers/target.ts';
import type { CrawlProgress, OcrMode, StrategyName } from '../../../crawlers/types.ts';
import { BadInputError } from '../../errors.ts';
import { createLogger } from '../../log.ts';
import { isAppiumUp } from '../../appium/server.ts';
import type { AppTarget } from '../../device/capabilities.ts';
import { parseCommandArgs, numberOption, type Command } from '../command.ts';
import { VERDICT_WORDS } from '../../../reports/clauses.ts';
import { incompleteNotice } from '../../findings/coverage.ts';
import { BUNDLE_OPTIONS } from './report.ts';
import { describeGate, evaluateGate, parseFailOn } from '../../../reports/gate.ts';
import { loadPrivateKey } from '../../bundle/sign.ts';

const USAGE = `usage: govapp crawl (--app <app-graph dir | app.apk | package[/activity]> | --url <URL>) --out <dir> [options]

  --app <x>            what to crawl: an app-graph/1 directory (replayed), an APK, or an installed package
  --url <URL>          crawl an H5 web app in Chromium (mobile emulation) instead
  --out <dir>          the evidence bundle directory (new or empty)
  --udid <id>          the emulator/device to use (adb serial, e.g. emulator-5554) for APKs and packages
  --avd <name>         or let Appium boot this AVD
  --appium-url <URL>   use this Appium server / Grid 4 router / device-farm hub instead of starting one
  --max-actions <n>    action budget (default 500)
  --max-minutes <n>    time budget (default 30)
  --strategy <s>       targeted | bfs | dfs | random (default targeted)
  --seed <n>           seed for --strategy random
  --ocr <engine>       paddle | tesseract | off (default paddle)
  --config <file>      govapp.yaml with credentials, safety allow-list, probes
  --system-port <n>    UiAutomator2 server port (parallel sessions need distinct ports)
  --quiet              no progress line, warnings only
  --pdf                also render report.pdf (headless Chromium)
  --junit <file>       write JUnit XML: one test case per clause, failures for "fail"
  --fail-on <level>    fail | review | incomplete (or a comma list): exit 3 when a clause has that
                       verdict, or the crawl did not see the whole app (CI gating)
  --sign-key <pem>     sign manifest.json with this Ed25519 private key (file or PEM text)
  --zip <file>         also pack the bundle into one .zip`;

const OCR_MODES = ['paddle', 'tesseract', 'off'] as const;
const STRATEGIES = ['targeted', 'bfs', 'dfs', 'random'] as const;

export const command: Command = {
  name: 'crawl',
  summary: 'crawl one app into an evidence bundle',
  usage: USAGE,
  async run(argv) {
    const { values } = parseCommandArgs('crawl', argv, {
      app: { type: 'string' },
      url: { type: 'string' },
      out: { type: 'string' },
      udid: { type: 'string' },
      avd: { type: 'string' },
      'appium-url': { type: 'string' },
      'max-actions': { type: 'string' },
      'max-minutes': { type: 'string' },
      strategy: { type: 'string' },
      seed: { type: 'string' },
      ocr: { type: 'string' },
      config: { type: 'string' },
      'system-port': { type: 'string' },
      quiet: { type: 'boolean' },
      ...BUNDLE_OPTIONS,
    });
    if (!values.app === !values.url) throw new BadInputError('BAD_ARGUMENT', 'crawl: give exactly one of --app or --url');
    if (!values.out) throw new BadInputError('BAD_ARGUMENT', 'crawl: --out <dir> is required');
    const ocr = oneOf('ocr', values.ocr, OCR_MODES);
    const strategy = oneOf('strategy', values.strategy, STRATEGIES);
    const maxActions = numberOption('max-actions', values['max-actions'], { min: 1, integer: true });
    const maxMinutes = numberOption('max-minutes', values['max-minutes'], { min: 0.01 });
    const seed = numberOption('seed', values.seed, { integer: true });
    const systemPort = numberOption('system-port', values['system-port'], { min: 1024, integer: true });
    const failOn = parseFailOn(values['fail-on']);
    if (values['sign-key']) loadPrivateKey(values['sign-key']); // a bad key fails before anything starts
    const target: AppTarget = values.url ? { kind: 'url', url: values.url } : parseAppArgument(values.app!);
    if (values['appium-url'] && !(await isAppiumUp(values['appium-url']))) {
      throw new BadInputError('APPIUM_UNREACHABLE', `--appium-url ${values['appium-url']}: no Appium server answers there (GET /status failed)`);
    }
    const outDir = path.resolve(values.out);
    const log = createLogger({ level: values.quiet ? 'warn' : 'info', file: path.join(outDir, 'logs/crawl.log'), pretty: process.stderr.isTTY && !values.quiet });
    const controller = new AbortController();
    const onSignal = () => {
      if (controller.signal.aborted) process.exit(130);
      process.stderr.write('\ngovapp: stopping (Ctrl-C again to quit at once)…\n');
      controller.abort();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    const progress = !values.quiet && process.stderr.isTTY ? progressLine() : undefined;
    try {
      const result = await crawl({
        target,
        outDir,
        appiumUrl: values['appium-url'],
        device: { udid: values.udid, avd: values.avd, systemPort },
        maxActions,
        maxMinutes,
        strategy,
        seed,
        ocr,
        configFile: values.config,
        signal: controller.signal,
        logger: log,
        onProgress: progress?.update,
        report: { pdf: values.pdf, junit: values.junit, signKey: values['sign-key'], zip: values.zip },
      });
      progress?.done();
      const rows = result.findings.clauses.map((c) => `  ${c.clause.padEnd(6)} ${VERDICT_WORDS[c.verdict].padEnd(6, '　')} ${c.summary}`);
      const notice = incompleteNotice(result.findings.run);
      process.stdout.write(
        [
          // A partial crawl leads with it: its absence-based verdicts were withheld.
          ...(notice ? [`PARTIAL CRAWL — ${notice}`] : []),
          `${result.findings.app.label ?? result.findings.app.package}: ${result.states} screens, ${result.actions} actions, stop: ${result.stopReason}`,
          ...rows,
          `bundle: ${result.outDir}`,
          ...(result.error ? [`crawl broke off: ${result.error.code}: ${result.error.message}`] : []),
        ].join('\n') + '\n',
      );
      if (controller.signal.aborted) return 130;
      if (failOn) {
        const gate = evaluateGate(result.findings, failOn);
        process.stdout.write(describeGate(failOn, gate) + '\n');
        return gate.exitCode;
      }
      return 0;
    } finally {
      progress?.done();
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  },
};

function oneOf<T extends string>(name: string, v: string | undefined, allowed: readonly T[]): T | undefined {
  if (v === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(v)) throw new BadInputError('BAD_ARGUMENT', `--${name}: expected one of ${allowed.join(', ')}, got "${v}"`);
  return v as T;
}

/** One line on the terminal, rewritten in place: states found, actions taken, time elapsed. */
function progressLine() {
  let last = 0;
  let shown = false;
  return {
    update(p: CrawlProgress) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      shown = true;
      const s = Math.round(p.elapsedMs / 1000);
      process.stderr.write(`\r\x1b[2K  ${p.states} screens · ${p.actions} actions · ${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}${p.current ? ' · ' + p.current : ''}`);
    },
    done() {
      if (shown) process.stderr.write('\r\x1b[2K');
      shown = false;
    },
  };
}
