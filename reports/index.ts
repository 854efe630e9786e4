import type { Findings } from '../src/findings/schema.ts';
import { runHook, type CrawlSubscriber, type HookFailure, type HookLogger } from '../src/lifecycle.ts';
import { annotationsReporter } from './reporters/annotations.ts';
import { htmlReporter } from './reporters/html.ts';
import { junitReporter } from './reporters/junit.ts';
import { reproReporter } from './reporters/repro.ts';


export interface ReporterOptions {
  /** `--junit FILE`. */
  junit?: string;
  /** `--pdf`: also print report.pdf. */
  pdf?: boolean;
}

/**
 * The reporters every crawl, `analyze` and `report` runs, in order: annotations first (the HTML
 * report shows them), then the HTML report, the reproduction specs and JUnit.
 */
export function defaultReporters(opts: ReporterOptions = {}): CrawlSubscriber[] {
  return [annotationsReporter(), htmlReporter({ pdf: opts.pdf }), reproReporter(), ...(opts.junit ? [junitReporter(opts.junit)] : [])];
}

/** Writes every derived file of a bundle (onCrawlEnd of the default reporters). Failures are logged, not thrown. */
export async function renderBundle(bundleDir: string, findings: Findings, opts: ReporterOptions = {}, log?: HookLogger): Promise<HookFailure[]> {
  return runHook(defaultReporters(opts), 'onCrawlEnd', [bundleDir, findings], log);
}
