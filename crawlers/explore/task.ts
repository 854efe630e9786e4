import type { Logger } from 'pino';
import type { Device } from '../../src/device/device.ts';
import type { AppGraphTransition } from '../../src/appgraph/schema.ts';
import type { BundleWriter, SkippedEntry } from '../../src/bundle/writer.ts';
import type { ObservedAction, ObservedScreen, ProbeResult } from '../../src/observation.ts';
import type { Snapshot } from '../../src/snapshot/model.ts';
import type { StateNode } from '../graph.ts';

/**
 * Work the crawler does on a screen before exploring it: log in, run an active probe. A task
 * acts through the same `act` as exploration, so every step is logged, observed and recorded.
 */
export interface Task {
  name: string;
  run(ctx: TaskContext): Promise<void>;
}

export interface TaskContext {
  device: Device;
  signal?: AbortSignal;
  log: Logger;
  writer: BundleWriter;
  node: StateNode;
  screen: ObservedScreen;
  snapshot: Snapshot;
  elapsedMs(): number;
  /** Runs one device action and reads the screen after it (see Mover.act). */
  act(step: ActStep, run: () => Promise<void>): Promise<void>;
  /** The screen as last observed. */
  here(): { key: string | undefined; snapshot: Snapshot; source: string };
  /**
   * Records the screen as it is now as an extra screen `<state>-<suffix>` (a settled AI answer):
   * same state for exploration, but its own page source, screenshot and OCR in the bundle.
   */
  recordVariant(suffix: string): Promise<ObservedScreen>;
  /** Saves the current page source and screenshot as `states/<state>.<suffix>.xml|png`. */
  saveSample(suffix: string): Promise<{ source: string; screenshot: string; xml: string; snapshot: Snapshot }>;
  /** Records a probe result (probes.json; detectors read it). */
  addProbe(p: ProbeResult): void;
  /** Reports a control the safety policy refused on this screen (skipped.jsonl). */
  refuse(entry: Omit<SkippedEntry, 'state'>): Promise<void>;
}

export interface TaskProvider {
  /** A task to run on this screen now, or undefined. Called every time the crawler stands on a screen. */
  next(node: StateNode, screen: ObservedScreen, snapshot: Snapshot): Task | undefined;
}

export interface ActStep {
  kind: ObservedAction['kind'];
  from?: StateNode;
  /** Edge name in the exploration graph (an action key, `back`, `wait`); none for one-off task steps. */
  edge?: string;
  details?: Partial<ObservedAction>;
  transition?: (to: string) => AppGraphTransition;
}
