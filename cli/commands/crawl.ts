import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { crawlBundle } from '../crawl-bundle.ts';
import { parseAppArgument } from '../../crawlers/target.ts';
import { parseMiniTarget } from '../../crawlers/mini/target.ts';
import { miniDeviceTarget } from '../../crawlers/mini/session.ts';
import type { CrawlProgress } from '../../crawlers/types.ts';
import { BadInputError, isInputErrorCode } from '../../src/errors.ts';
import { createLogger } from '../../src/log.ts';
import { LiveStatus } from '../live-status.ts';
import { isAppiumUp } from '../../src/appium/server.ts';
import { buildCapabilities, type AppTarget } from '../../src/device/capabilities.ts';
import { parseCommandArgs, numberOption, type Command } from '../command.ts';
import { reportGate, verdictRows } from '../summary.ts';
import { incompleteNotice } from '../../src/findings/coverage.ts';
import { BUNDLE_OPTIONS } from './report.ts';
import { evaluateGate, parseFailOn } from '../../reports/gate.ts';
import { loadPrivateKey } from '../../src/bundle/sign.ts';
import { assertFreshOutDir } from '../../src/bundle/out-dir.ts';
import { EXIT } from '../../src/exit-codes.ts';
import { stripBidi } from '../../src/escape.ts';

const USAGE = `usage: govapp crawl (--app <app-graph dir | app.apk | package[/activity]> | --url <URL>) --out <dir> [options]
       govapp crawl --mini-program <name|appid> --host wechat|alipay --udid <id> --out <dir> [options]
       govapp crawl --quick-app <package> [--engine <package>] --udid <id> --out <dir> [options]

  --app <x>            what to crawl: an app-graph/1 directory (replayed), an APK, or an installed package
  --url <URL>          crawl an H5 web app in Chromium (mobile emulation) instead
  --mini-program <x>   crawl a 小程序 inside its host (--host wechat|alipay), by name (searched in the
                       host, or its recent list) or appid (a scheme link from govapp.yaml miniPrograms:);
                       --app may name a replayed host (app-graph) instead of the device's installed host
  --host <h>           the mini-program's host: wechat | alipay
  --quick-app <pkg>    crawl a 快应用, opened as hap://app/<pkg> in a quick-app engine
  --engine <pkg>       the quick-app engine package (default org.hapjs.mockup; vendor engines: docs/lab.md)
  --out <dir>          the evidence bundle directory (new or empty)
  --udid <id>          the emulator/device to use (adb serial, e.g. emulator-5554) for APKs and packages
  --avd <name>         or let Appium boot this AVD
  --appium-url <URL>   use this Appium server / Grid 4 router / device-farm hub instead of starting one
  --max-actions <n>    action budget (default 500)
  --max-minutes <n>    time budget (default 30)
  --strategy <s>       targeted | bfs | dfs | random (default targeted)
  --seed <n>           seed for --strategy random
  --ocr <engine>       paddle | tesseract | off (default paddle)
  --safety <level>     default | strict: strict (observe-only) taps navigation only (docs/safety.md)
  --config <file>      govapp.yaml with credentials, safety allow-list, probes, detector options
  --system-port <n>    UiAutomator2 server port (parallel sessions need distinct ports)
  --chromedriver-dir <dir>  chromedriver binaries for the device's WebView versions (UiAutomator2
                       chromedriverExecutableDir); without it WebViews are read through the
                       accessibility tree only
  --quiet              no live status, warnings only
  --verbose            full log on stderr too (debug level); same as --log-level debug
  --log-level <l>      stderr log level: trace | debug | info | warn | error (the bundle's logs/crawl.log always has debug)
  --pdf                also render report.pdf (headless Chromium)
  --junit <file>       write JUnit XML: one test case per clause, failures for "fail"
  --fail-on <level>    fail | review | incomplete (or a comma list): exit 3 when a clause has that
                       verdict, or the crawl did not see the whole app (CI gating)
  --sign-key <pem>     sign manifest.json with this Ed25519 private key (file or PEM text)
  --zip <file>         also pack the bundle into one .zip

Every request to Appium is bounded by the time budget (plus a few seconds): a device or server that
stops answering ends the crawl with DEVICE_UNRESPONSIVE (exit 4) and its partial bundle.

examples:
  govapp crawl --app ../shared/fixtures/apps/study-portal --out out/study-portal
  govapp crawl --app app.apk --udid emulator-5554 --config govapp.yaml --out out/app
  govapp crawl --app cn.gov.example.app --udid emulator-5554 --max-minutes 20 --out out/app
  govapp crawl --url https://example.gov.cn/h5/ --out out/h5 --pdf
  govapp crawl --mini-program 某市政务服务 --host wechat --udid emulator-5554 --out out/mini
  govapp crawl --quick-app cn.gov.example.quick --udid emulator-5554 --out out/quick
  govapp crawl --app app.apk --udid emulator-5554 --out out/app --junit out/app.xml --fail-on fail`;

const OCR_MODES = ['paddle', 'tesseract', 'off'] as const;
const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error'] as const;
const STRATEGIES = ['targeted', 'bfs', 'dfs', 'random'] as const;
const SAFETY_LEVELS = ['default', 'strict'] as const;

export const command: Command = {
  name: 'crawl',
  summary: 'crawl one app into an evidence bundle',
  usage: USAGE,
  async run(argv) {
    const { values } = parseCommandArgs('crawl', argv, {
      app: { type: 'string' },
      url: { type: 'string' },
      'mini-program': { type: 'string' },
      host: { type: 'string' },
      'quick-app': { type: 'string' },
      engine: { type: 'string' },
      out: { type: 'string' },
      udid: { type: 'string' },
      avd: { type: 'string' },
      'appium-url': { type: 'string' },
      'max-actions': { type: 'string' },
      'max-minutes': { type: 'string' },
      strategy: { type: 'string' },
      seed: { type: 'string' },
      ocr: { type: 'string' },
      safety: { type: 'string' },
      config: { type: 'string' },
      'system-port': { type: 'string' },
      'chromedriver-dir': { type: 'string' },
      quiet: { type: 'boolean' },
      verbose: { type: 'boolean' },
      'log-level': { type: 'string' },
      ...BUNDLE_OPTIONS,
    });
    const wantsMini = values['mini-program'] !== undefined || values['quick-app'] !== undefined;
    if (!wantsMini && (values.host !== undefined || values.engine !== undefined)) throw new BadInputError('BAD_ARGUMENT', `crawl: --${values.host !== undefined ? 'host' : 'engine'} goes with --mini-program or --quick-app`);
    const mini = wantsMini ? parseMiniTarget({ miniProgram: values['mini-program'], host: values.host, quickApp: values['quick-app'], engine: values.engine }) : undefined;
    if (mini && values.url) throw new BadInputError('BAD_ARGUMENT', 'crawl: a mini-program runs in its host app, not with --url');
    if (!mini && !values.app === !values.url) throw new BadInputError('BAD_ARGUMENT', 'crawl: give exactly one of --app or --url');
    if (!values.out) throw new BadInputError('BAD_ARGUMENT', 'crawl: --out <dir> is required');
    assertFreshOutDir(path.resolve(values.out));
    const ocr = oneOf('ocr', values.ocr, OCR_MODES);
    const strategy = oneOf('strategy', values.strategy, STRATEGIES);
    const safety = oneOf('safety', values.safety, SAFETY_LEVELS);
    const maxActions = numberOption('max-actions', values['max-actions'], { min: 1, integer: true });
    const maxMinutes = numberOption('max-minutes', values['max-minutes'], { min: 0.01 });
    const seed = numberOption('seed', values.seed, { integer: true });
    const systemPort = numberOption('system-port', values['system-port'], { min: 1024, integer: true });
    const failOn = parseFailOn(values['fail-on']);
    const logLevel = oneOf('log-level', values['log-level'], LOG_LEVELS) ?? (values.verbose ? 'debug' : undefined);
    const chromedriverDir = values['chromedriver-dir'];
    if (chromedriverDir !== undefined && !(existsSync(chromedriverDir) && statSync(chromedriverDir).isDirectory())) {
      throw new BadInputError('BAD_ARGUMENT', `--chromedriver-dir ${chromedriverDir}: not a directory`);
    }
    if (values['sign-key']) loadPrivateKey(values['sign-key']); // a bad key fails before anything starts
    const given: AppTarget | undefined = values.url ? { kind: 'url', url: values.url } : values.app ? parseAppArgument(values.app) : undefined;
    const target: AppTarget = mini ? miniDeviceTarget(mini, given) : given!;
    // A device target without a device is bad input: say so before reaching for a server.
    if (target.kind === 'apk' || target.kind === 'package') buildCapabilities(target, { udid: values.udid, avd: values.avd });
    if (values['appium-url'] && !(await isAppiumUp(values['appium-url']))) {
      throw new BadInputError('APPIUM_UNREACHABLE', `--appium-url ${values['appium-url']}: no Appium server answers there (GET /status failed)`);
    }
    const outDir = path.resolve(values.out);
    // A person at a terminal gets one live status region with short events above it; the full
    // log goes to the bundle (and to stderr too with --verbose / --log-level). Piped: JSON lines.
    const live = !values.quiet && process.stderr.isTTY ? new LiveStatus(process.stderr) : undefined;
    const log = createLogger({
      level: values.quiet ? 'warn' : logLevel ?? (live ? 'warn' : 'info'),
      file: path.join(outDir, 'logs/crawl.log'),
      sink: live && { write: (line) => live.event(line), style: logLevel ? 'pretty' : 'brief' },
    });
    const controller = new AbortController();
    const onSignal = () => {
      if (controller.signal.aborted) process.exit(EXIT.INTERRUPTED);
      const msg = 'govapp: stopping (Ctrl-C again to quit at once)…';
      if (live) live.event(msg);
      else process.stderr.write(`\n${msg}\n`);
      controller.abort();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    const progress = live && statusUpdater(live);
    try {
      const result = await crawlBundle({
        target,
        ...(mini ? { mini } : {}),
        outDir,
        appiumUrl: values['appium-url'],
        device: { udid: values.udid, avd: values.avd, systemPort, ...(chromedriverDir ? { chromedriverDir } : {}) },
        maxActions,
        maxMinutes,
        strategy,
        seed,
        ocr,
        safety,
        configFile: values.config,
        signal: controller.signal,
        logger: log,
        onProgress: progress,
        report: { pdf: values.pdf, junit: values.junit, signKey: values['sign-key'], zip: values.zip },
      });
      live?.done();
      const rows = verdictRows(result.findings.clauses);
      const notice = incompleteNotice(result.findings.run);
      // App text in our sentences: bidi controls removed, so it cannot reverse them on the terminal.
      process.stdout.write(
        stripBidi(
          [
            // A partial crawl leads with it: its absence-based verdicts were withheld.
            ...(notice ? [`PARTIAL CRAWL — ${notice}`] : []),
            `${result.findings.app.label ?? result.findings.app.package}: ${screensCount(result.states, result.inAppStates)}, ${result.actions} actions, stop: ${result.stopReason}`,
            ...rows,
            `bundle: ${result.outDir}`,
            ...(result.error ? [`crawl broke off: ${result.error.code}: ${result.error.message}`] : []),
          ].join('\n'),
        ) + '\n',
      );
      if (result.stopReason === 'interrupted' || controller.signal.aborted) return EXIT.INTERRUPTED;
      const gate = evaluateGate(result.findings, failOn);
      reportGate(failOn, gate, values.quiet);
      // A crawl that broke off has not seen what it would have: louder than any verdict gate.
      if (result.stopReason === 'error') return result.error && isInputErrorCode(result.error.code) ? EXIT.BAD_INPUT : EXIT.BROKE_OFF;
      return gate.exitCode;
    } finally {
      live?.done();
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  },
};

/** `9 screens (8 in the app)`: the verdicts' "已遍历8个应用内页面" count only the app's own screens. */
export function screensCount(states: number, inApp: number | undefined): string {
  return `${states} screens${inApp !== undefined && inApp !== states ? ` (${inApp} in the app)` : ''}`;
}

function oneOf<T extends string>(name: string, v: string | undefined, allowed: readonly T[]): T | undefined {
  if (v === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(v)) throw new BadInputError('BAD_ARGUMENT', `--${name}: expected one of ${allowed.join(', ')}, got "${v}"`);
  return v as T;
}

const PHASE_WORDS: Record<CrawlProgress['phase'], string> = {
  appium: 'starting Appium',
  session: 'opening the session',
  exploring: 'exploring',
  finishing: 'writing the bundle',
};

/** Feeds crawl progress into the live status region; each new screen is an event line above it. */
function statusUpdater(live: LiveStatus): (p: CrawlProgress) => void {
  const titles = new Map<string, string>();
  return (p) => {
    if (p.newScreen && p.current) {
      if (p.title) titles.set(p.current, p.title);
      live.event(`+ ${p.current}${p.title ? ` ${p.title}` : ''}`);
    }
    live.update({
      phase: PHASE_WORDS[p.phase],
      states: p.states,
      actions: p.actions,
      maxActions: p.maxActions,
      deadline: p.deadline,
      current: p.current,
      title: p.current ? titles.get(p.current) : undefined,
      ocrQueue: p.ocrQueue,
    });
  };
}
