import type { Logger } from 'pino';
import type { Device } from '../../src/device/device.ts';
import type { BundleWriter } from '../../src/bundle/writer.ts';
import type { Lifecycle } from '../../src/lifecycle.ts';
import type { CandidateAction, SkippedAction } from '../actions.ts';
import type { SafetyPolicy } from '../safety.ts';
import type { Snapshot } from '../../src/snapshot/model.ts';
import type { Strategy } from '../strategies/strategy.ts';
import type { TaskProvider } from './task.ts';

export interface ExplorerOptions {
  device: Device;
  /** The bundle, for files beside the lifecycle's (probe samples, the input recording). */
  writer: BundleWriter;
  /** Every screen, action, refusal and probe result goes out through it (the bundle writer is a subscriber). */
  lifecycle: Lifecycle;
  appPackage: string;
  policy: SafetyPolicy;
  strategy: Strategy;
  maxActions: number;
  deadline: number;
  signal?: AbortSignal;
  log: Logger;
  tasks?: TaskProvider[];
  /** Pause after each action before reading the screen (real devices: animations). */
  settleMs?: number;
  /** What the device could do with WebViews on the screen just read (hybrid apps). */
  webviewStatus?: () => { webviews: number; inspected: number; fallback: boolean; reason?: string };
  /** How long to wait for a screen without actions to move by itself (splash screens). */
  waitForTimedMoveMs?: number;
  /**
   * Judges a tap again just before it is made, with what was not known when the screen was read
   * (the OCR text inside an image-only control, crawlers/safety/ocr-gate.ts). A refusal is
   * recorded like any other and the tap is not made.
   */
  vetTap?: (state: string, action: CandidateAction) => Promise<SkippedAction | undefined>;
  // --- Target boundary hook (mini-programs, crawlers/mini/): both absent for an ordinary app. ---
  /**
   * Where a screen stands when the app is not a package of its own (a mini-program inside its
   * host): `app` (recorded, the app's), `overlay` (recorded, in its flow but not the app's, like a
   * permission dialog), `out` (left the app). Default: by package.
   */
  place?: (current: { package: string; activity: string }, snapshot: Snapshot) => 'app' | 'overlay' | 'out';
  /** Brings the app to the front when activating its package cannot (opening a mini-program inside its host); used at the start and for relaunches. */
  launch?: (signal?: AbortSignal) => Promise<void>;
}

/** Errors that end the crawl; any other failure of one action or task is logged and the crawl goes on. */
export const FATAL = new Set(['DEVICE_OFFLINE', 'DEVICE_UNRESPONSIVE', 'ABORTED', 'APP_CRASH_LOOP', 'BAD_PAGE_SOURCE', 'MINI_OPEN_FAILED']);
