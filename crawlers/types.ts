import type { Logger } from 'pino';
import type { AppTarget, DeviceOptions } from '../src/device/capabilities.ts';
import type { Findings, StopReason } from '../src/findings/schema.ts';
import type { GovappError } from '../src/errors.ts';
import type { SafetyLevel } from './safety.ts';
import type { MiniTarget } from './mini/target.ts';
import type { CrawlSubscriber } from '../src/lifecycle.ts';

export type StrategyName = 'targeted' | 'bfs' | 'dfs' | 'random';
export type OcrMode = 'paddle' | 'tesseract' | 'off';

export type CrawlPhase = 'appium' | 'session' | 'exploring' | 'finishing';

/** What a crawl reports as it goes (the CLI's live status region; batch progress). */
export interface CrawlProgress {
  phase: CrawlPhase;
  states: number;
  actions: number;
  elapsedMs: number;
  /** The screen just recorded or stood on: its state key and what a person calls it. */
  current?: string;
  title?: string;
  /** Set when `current` was recorded just now (a new screen). */
  newScreen?: boolean;
  maxActions: number;
  /** When the time budget runs out (epoch ms), once exploring. */
  deadline?: number;
  /** OCR jobs queued or running. */
  ocrQueue?: number;
}

/** Everything one crawl of one app needs. The CLI, batch runner and benchmarks all call `crawl()` with this. */
export interface CrawlOptions {
  /** The device's app; for a mini-program its host (the host's package, or a replayed host's app-graph). */
  target: AppTarget;
  /** A mini-program or quick app crawled inside its host (crawlers/mini/): the boundary, opening and capsule rules. */
  mini?: MiniTarget;
  outDir: string;
  /** Use this Appium server (a lab's, a Grid 4 router, a device-farm hub); otherwise a local one is started and stopped. */
  appiumUrl?: string;
  device?: DeviceOptions;
  /** Budgets: whichever runs out first ends the crawl with stopReason "budget". */
  maxActions?: number;
  maxMinutes?: number;
  strategy?: StrategyName;
  seed?: number;
  ocr?: OcrMode;
  /** Safety level; overrides the config's `safety.level` (docs/safety.md). */
  safety?: SafetyLevel;
  /** Path of a govapp.yaml config (credentials, safety allow-list, probes). */
  configFile?: string;
  signal?: AbortSignal;
  logger?: Logger;
  /**
   * Subscribers to the crawl's lifecycle (src/lifecycle.ts), called after the crawl's own (bundle
   * writer, analysis, progress): the top layer registers the report and manifest here
   * (`finalizeReporter`, cli/crawl-bundle.ts).
   */
  subscribers?: CrawlSubscriber[];
  onProgress?: (p: CrawlProgress) => void;
}

export interface CrawlResult {
  outDir: string;
  findings: Findings;
  stopReason: StopReason;
  states: number;
  /** Of those, screens of the app itself (not system dialogs or the launcher): what the verdicts count. */
  inAppStates?: number;
  actions: number;
  /** Set when the crawl broke off (stopReason "error"); what was found so far is still in the bundle. */
  error?: GovappError;
}
