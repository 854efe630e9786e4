import { crawl } from '../crawlers/crawl.ts';
import type { CrawlOptions, CrawlResult } from '../crawlers/types.ts';
import { finalizeReporter } from '../reports/finalize.ts';

/** What to write when the crawl ends besides findings.json. */
export interface BundleReportOptions {
  pdf?: boolean;
  junit?: string;
  signKey?: string;
  zip?: string;
}

/**
 * A crawl that ends in a finished bundle: `crawl()` with the report and manifest registered as
 * its last lifecycle subscriber (report.html, annotated evidence, repro specs, the manifest;
 * these options add a PDF, JUnit XML, a signature, a zip). What `govapp crawl` and `govapp batch` run.
 */
export async function crawlBundle(opts: CrawlOptions & { report?: BundleReportOptions }): Promise<CrawlResult> {
  const { report, ...rest } = opts;
  const finalize = finalizeReporter({ reason: 'crawl', ...report });
  const result = await crawl({ ...rest, subscribers: [...(rest.subscribers ?? []), finalize] });
  // A bundle that could not be finished (no manifest) is the run's failure, not one reporter's.
  if (finalize.error !== undefined) throw finalize.error;
  return result;
}
