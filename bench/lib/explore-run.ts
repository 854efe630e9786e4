import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadAppGraph } from '../../src/appgraph/load.ts';
import { readObservation } from '../../src/bundle/read.ts';
import type { GovappConfigInput } from '../../src/config/schema.ts';
import type { StopReason } from '../../src/findings/schema.ts';
import type { CrawlObservation } from '../../src/observation.ts';
import type { Logger } from '../../src/log.ts';
import { crawlBundle as crawl } from '../../cli/crawl-bundle.ts';
import type { StrategyName } from '../../crawlers/types.ts';
import { isVariant } from './evidence-curve.ts';

/**
 * One crawl of an app-graph through a real Appium server with `crawl()` itself (OCR off), and
 * the observation read back from its bundle, for evidence curves and coverage figures.
 */
export interface ExploreRunOptions {
  appiumUrl: string;
  /** An app-graph/1 directory. */
  dir: string;
  strategy: StrategyName;
  seed?: number;
  maxActions: number;
  maxMinutes?: number;
  /** Crawl config (credentials by package, probes…), written to a config file for the crawl. */
  config?: GovappConfigInput;
  /** Bundle directory (kept); a temporary one, deleted afterwards, when absent. */
  outDir?: string;
  logger?: Logger;
}

export interface ExploreRun {
  package: string;
  strategy: StrategyName;
  seed?: number;
  observation: CrawlObservation;
  stopReason: StopReason;
  /** Distinct states (screens that are not variants of another), in discovery order. */
  states: string[];
  wallMs: number;
}

export async function exploreApp(o: ExploreRunOptions): Promise<ExploreRun> {
  const { graph, dir } = loadAppGraph(o.dir);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'govapp-explore-'));
  const outDir = o.outDir ?? path.join(tmp, 'bundle');
  const configFile = path.join(tmp, 'govapp.json');
  writeFileSync(configFile, JSON.stringify(o.config ?? {}));
  const t0 = Date.now();
  try {
    const result = await crawl({
      target: { kind: 'app-graph', dir, package: graph.app.package },
      outDir,
      appiumUrl: o.appiumUrl,
      strategy: o.strategy,
      seed: o.seed,
      maxActions: o.maxActions,
      maxMinutes: o.maxMinutes ?? 30,
      ocr: 'off',
      configFile,
      logger: o.logger,
    });
    if (result.error) throw result.error;
    const wallMs = Date.now() - t0;
    const observation = readObservation(result.outDir);
    return {
      package: graph.app.package,
      strategy: o.strategy,
      seed: o.strategy === 'random' ? (o.seed ?? 1) : undefined,
      observation,
      stopReason: result.stopReason,
      states: observation.screens.filter((s) => !isVariant(s, observation.screens)).map((s) => s.state),
      wallMs,
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
