import { writeJUnit } from '../junit.ts';
import type { CrawlSubscriber } from '../../src/lifecycle.ts';

/** `--junit FILE`: JUnit XML, one test case per clause. */
export function junitReporter(file: string): CrawlSubscriber {
  return {
    name: 'junit',
    onCrawlEnd(_bundleDir, findings) {
      writeJUnit(file, findings);
    },
  };
}
