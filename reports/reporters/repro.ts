import { writeReproSpecs } from '../repro/write.ts';
import type { CrawlSubscriber } from '../../src/lifecycle.ts';

/** `repro/<clause>.spec.ts` WebdriverIO specs for every `fail` / `review` finding. */
export function reproReporter(): CrawlSubscriber {
  return {
    name: 'repro',
    onCrawlEnd(bundleDir, findings) {
      writeReproSpecs(bundleDir, findings);
    },
  };
}
