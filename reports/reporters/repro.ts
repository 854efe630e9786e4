import { writeReproSpecs } from '../repro/write.ts';
import type { Reporter } from '../reporter.ts';

/** `repro/<clause>.spec.ts` WebdriverIO specs for every `fail` / `review` finding. */
export function reproReporter(): Reporter {
  return {
    name: 'repro',
    onCrawlEnd(bundleDir, findings) {
      writeReproSpecs(bundleDir, findings);
    },
  };
}
