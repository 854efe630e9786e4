import path from 'node:path';
import { startAppium, type AppiumServer } from '../src/appium/server.ts';
import type { Device } from '../src/device/device.ts';
import { GovappError } from '../src/errors.ts';
import { loadConfig } from '../src/config/load.ts';
import { buildFindings } from '../src/findings/build.ts';
import type { Findings } from '../src/findings/schema.ts';
import type { AppGraph } from '../src/appgraph/schema.ts';
import { BundleWriter, type RecordingMeta } from '../src/bundle/writer.ts';
import type { CrawlObservation } from '../src/observation.ts';
import { createLogger } from '../src/log.ts';
import { configSecrets } from '../src/secrets.ts';
import { RequestClock } from '../src/device/request-clock.ts';
import { TOOL_NAME, TOOL_VERSION } from '../src/version.ts';
import { hashFile } from '../src/bundle/manifest-hash.ts';
import { Explorer, type ExplorerOptions } from './explorer.ts';
import { loginWalls } from './walls.ts';
import { openDevice } from './open-device.ts';
import { LoginTasks } from './login.ts';
import { DialogTasks } from './dialogs.ts';
import { probesFor } from './probes/index.ts';
import { detectors } from '../detectors/index.ts';
import { resolveTarget, targetPackage } from './target.ts';
import { strategyFor } from './strategies/index.ts';
import type { CrawlOptions, CrawlProgress, CrawlResult } from './types.ts';
import { documentTitle } from '../src/snapshot/title.ts';
import { createAnalysis, type Analysis } from './analysis.ts';
import type { SafetyPolicy } from './safety.ts';
import { createTapGate } from './safety/ocr-gate.ts';
import { MiniSession, miniDeviceTarget } from './mini/session.ts';
import { computeSignals, detectorOptionSchemas } from '../detectors/run.ts';
import { Lifecycle } from '../src/lifecycle.ts';
import { bundleRecorder } from '../src/bundle/recorder.ts';
import { progressSubscriber } from './progress-subscriber.ts';

const DEFAULT_MAX_ACTIONS = 500;
const DEFAULT_MAX_MINUTES = 30;

/**
 * Crawls one app into an evidence bundle: starts (or reaches) Appium, opens the session,
 * explores, OCRs and analyses every new screen, writes findings as it goes, and tears everything
 * down whatever happens. A crawl that breaks off mid-way returns stopReason "error" with the
 * bundle written so far; bad input and unreachable servers throw before anything is written.
 * What watches the crawl subscribes to its lifecycle (src/lifecycle.ts, docs/lifecycle.md): the
 * bundle writer, the analysis and the progress display here, then the caller's `subscribers`
 * (the report and manifest, registered by the top layer: cli/crawl-bundle.ts).
 */
export async function crawl(opts: CrawlOptions): Promise<CrawlResult> {
  const startedAt = new Date();
  const config = await loadConfig(opts.configFile, { detectors: detectorOptionSchemas() });
  const { target, graph } = resolveTarget(opts.mini ? miniDeviceTarget(opts.mini, opts.target) : opts.target);
  let appPackage = targetPackage(target) ?? '';
  let log = (opts.logger ?? createLogger({ quiet: true, file: path.join(path.resolve(opts.outDir), 'logs/crawl.log') })).child({ app: appPackage || path.basename(opts.outDir) });
  const maxActions = opts.maxActions ?? config.apps[appPackage]?.maxActions ?? config.crawl.maxActions ?? DEFAULT_MAX_ACTIONS;
  const maxMinutes = opts.maxMinutes ?? config.apps[appPackage]?.maxMinutes ?? config.crawl.maxMinutes ?? DEFAULT_MAX_MINUTES;

  let server: AppiumServer | undefined;
  let device: Device | undefined;
  let analysis: Analysis | undefined;
  const t0 = Date.now();
  let explorerRef: Explorer | undefined;
  let deadline: number | undefined;
  const progress = (p: Partial<CrawlProgress> & Pick<CrawlProgress, 'phase'>) =>
    opts.onProgress?.({
      states: explorerRef?.screens.length ?? 0,
      actions: explorerRef?.actions.length ?? 0,
      elapsedMs: Date.now() - t0,
      maxActions,
      deadline,
      ocrQueue: analysis?.pendingOcr(),
      ...p,
    });
  /** Stops OCR, the session and our Appium server; idempotent (called before the manifest, and in finally). */
  const teardown = async () => {
    const [a, d, s] = [analysis, device, server];
    analysis = device = server = undefined;
    await a?.close().catch(() => undefined);
    await d?.close().catch(() => undefined);
    await s?.stop().catch(() => undefined);
  };
  try {
    if (!opts.appiumUrl) progress({ phase: 'appium' });
    const appiumUrl = opts.appiumUrl ?? (server = await startAppium({ logFile: path.join(path.resolve(opts.outDir), 'logs/appium.log'), secrets: configSecrets(config) })).url;
    progress({ phase: 'session' });
    // Every request is bounded by the budget: a frozen server cannot hold the crawl past it.
    const clock = new RequestClock(maxMinutes * 60_000, opts.signal);
    const opened = await openDevice(target, appiumUrl, opts.device, log, clock);
    device = opened.device;
    const { capabilities } = opened;
    if (appPackage !== opened.appPackage) {
      appPackage = opened.appPackage;
      log = log.child({ app: appPackage });
    }
    // A mini-program is crawled inside its host: the host's package, the mini-program's boundary.
    const mini = opts.mini ? new MiniSession(opts.mini, config, device.info, log) : undefined;
    const meta: RecordingMeta = recordingMeta(appPackage, graph, device);
    if (mini) meta.app.label = mini.label;
    // H5: the screenshots a long page was read through with, offered as evidence pictures (src/bundle/writer.ts).
    const writer = new BundleWriter(opts.outDir, meta, { readSteps: opened.device.readSteps?.bind(opened.device) });
    analysis = await createAnalysis({ ocr: opts.ocr ?? config.crawl.ocr ?? 'paddle', log, writer, detectors: config.detectors });
    const runInfo = {
      tool: { name: TOOL_NAME, version: TOOL_VERSION },
      app: meta.app,
      device: { ...device.info, ...meta.device },
      capabilities: redactCaps(capabilities),
      appiumUrl: opts.appiumUrl ? redactUrl(opts.appiumUrl) : 'local',
      options: { maxActions, maxMinutes, strategy: opts.strategy ?? config.crawl.strategy ?? 'targeted', ocr: analysis.ocrMode, safety: opts.safety ?? config.safety.level, ...(Object.keys(config.detectors).length ? { detectors: config.detectors } : {}) },
      startedAt: startedAt.toISOString(),
      ...(mini ? { mini: mini.info() } : {}),
    };
    writer.writeRun(runInfo);

    deadline = clock.startBudget();
    // The crawl's own subscribers first (the bundle, then OCR and interim findings, then the
    // progress display), then the top layer's (the report and manifest at the end).
    const lifecycle = new Lifecycle([bundleRecorder(writer)], log);
    const policy: SafetyPolicy = { ...config.safety, level: opts.safety ?? config.safety.level };
    // Inside a host only the mini-program's own login is ever used, never the host account's.
    const credentials = mini ? mini.credentials : config.apps[appPackage]?.credentials;
    const login = new LoginTasks(credentials, policy);
    const dialogs = new DialogTasks(config.crawl.permissions, policy);
    // Observe-only: no probe that types or sends.
    const probes = probesFor(detectors, config.probes, { observeOnly: policy.level === 'strict' });
    lifecycle.add({
      name: 'analysis',
      onState: async (screen, { png }) => {
        mini?.noteScreen(screen, screen.snapshot);
        // An H5 app is named by its first page's title, as a person would name it, not by its URL.
        if (target.kind === 'url' && !meta.app.label && screen.inApp) meta.app.label = documentTitle(screen.snapshot);
        await analysis!.screenAdded(screen, png);
        writeInterim();
      },
    });
    lifecycle.add(progressSubscriber(progress));
    for (const s of opts.subscribers ?? []) lifecycle.add(s);
    const explorer = new Explorer({
      tasks: [dialogs, login, ...probes],
      device,
      writer,
      lifecycle,
      appPackage,
      policy,
      vetTap: vetTaps(mini, analysis.ocrMode === 'off' ? undefined : createTapGate({ policy, ocrOf: (state, o) => analysis!.ocrOf(state, o) })),
      ...(mini ? { place: mini.place, launch: (signal?: AbortSignal) => mini.launch(device!, signal) } : {}),
      strategy: strategyFor(opts.strategy ?? config.crawl.strategy ?? 'targeted', opts.seed ?? config.crawl.seed ?? 1),
      maxActions,
      deadline,
      signal: opts.signal,
      log,
      webviewStatus: opened.webviewStatus,
      // UiAutomator2 waits for an idle UI itself (settings[waitForIdleTimeout]); only H5 pages need a settle.
      settleMs: config.crawl.settleMs ?? (target.kind === 'url' ? 400 : 0),
    });
    explorerRef = explorer;
    progress({ phase: 'exploring' });
    await lifecycle.emit('onCrawlStart', { bundleDir: writer.dir, app: { ...meta.app }, startedAt: startedAt.toISOString(), maxActions, deadline });
    const coverage = () => explorer.coverage(loginWalls(explorer.screens, credentials, login.status));
    const observation = (stopReason: CrawlObservation['stopReason']): CrawlObservation => ({
      app: { package: appPackage, label: meta.app.label, versionName: meta.app.versionName },
      screens: explorer.screens,
      actions: explorer.actions,
      probes: explorer.probes,
      stopReason,
      coverage: coverage(),
    });
    const findingsFor = (stopReason: CrawlObservation['stopReason'], extra: Record<string, unknown> = {}): Findings => {
      const obs = observation(stopReason);
      return {
        ...buildFindings(
          { package: appPackage, label: meta.app.label, versionName: meta.app.versionName },
          { startedAt, finishedAt: new Date(), states: explorer.screens.length, actions: explorer.actions.length, stopReason, coverage: obs.coverage },
          analysis!.detect(obs),
          extra,
        ),
        signals: computeSignals(obs, { crawlDate: startedAt }),
      };
    };
    // Until the crawl ends, findings.json says what a crash would leave: an interrupted crawl.
    const writeInterim = () => writer.writeFindings(findingsFor('error', { partial: true }));

    let stopReason: CrawlObservation['stopReason'];
    let error: GovappError | undefined;
    try {
      stopReason = await explorer.run();
    } catch (e) {
      error = e instanceof GovappError ? e : new GovappError('INTERNAL', String((e as Error)?.message ?? e), { cause: e });
      stopReason = error.code === 'ABORTED' ? 'budget' : 'error';
      if (error.code === 'APP_CRASH_LOOP') explorer.addWall({ state: explorer.current ?? explorer.actions.at(-1)?.from ?? explorer.screens[0]?.state ?? '(launch)', kind: 'crash', text: error.message.slice(0, 60) });
      log.error({ code: error.code, err: error.message }, 'crawl broke off');
    }
    // Stopped by the user (Ctrl-C, SIGTERM, a batch stopping): neither the budget nor a fault.
    if (opts.signal?.aborted) stopReason = 'interrupted';
    // Everything reachable was tried, but part of the app stayed behind a wall.
    if (stopReason === 'explored' && coverage().walls.length) stopReason = 'blocked';
    progress({ phase: 'finishing' });
    await analysis.drain();
    const findings = findingsFor(stopReason, opts.signal?.aborted ? { interrupted: true } : {});
    writer.writeFindings(findings);
    writer.writeRun({ ...runInfo, ...(mini ? { mini: mini.info() } : {}), finishedAt: findings.run.finishedAt, stopReason, coverage: findings.run.coverage, ...(error ? { error: { code: error.code, message: error.message } } : {}), ocrStats: analysis.stats(), login: login.status, forms: login.forms, dialogs: dialogs.answered, permissions: dialogs.permissions });
    log.info({ states: explorer.screens.length, actions: explorer.actions.length, stopReason }, 'crawl finished');
    await teardown();
    const apkSha256 = target.kind === 'apk' ? (await hashFile(target.apk)).sha256 : undefined;
    for (const finding of findings.clauses) await lifecycle.emit('onFinding', finding);
    await lifecycle.emit('onCrawlEnd', writer.dir, findings, { app: apkSha256 ? { apkSha256 } : {}, log });
    return { outDir: writer.dir, findings, stopReason, states: explorer.screens.length, inAppStates: explorer.screens.filter((s) => s.inApp).length, actions: explorer.actions.length, ...(error && error.code !== 'ABORTED' ? { error } : {}) };
  } finally {
    await teardown();
  }
}

/** The host's own refusals (a mini-program's capsule) before the OCR gate's second look. */
function vetTaps(mini: MiniSession | undefined, gate: ExplorerOptions['vetTap']): ExplorerOptions['vetTap'] {
  if (!mini) return gate;
  return async (state, a) => mini.vet(state, a) ?? (await gate?.(state, a));
}

function recordingMeta(appPackage: string, graph: AppGraph | undefined, device: Device): RecordingMeta {
  if (graph) return { app: { ...graph.app }, device: { ...graph.device } };
  return {
    app: { package: appPackage },
    device: { width: device.info.width, height: device.info.height, density: device.info.density, platformVersion: device.info.platformVersion, model: device.info.model },
  };
}

function redactCaps(caps: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(caps).map(([k, v]) => [k, /password|token|secret/i.test(k) ? '[redacted]' : v]));
}

function redactUrl(u: string): string {
  const url = new URL(u);
  if (url.password) url.password = 'redacted';
  return url.toString();
}

