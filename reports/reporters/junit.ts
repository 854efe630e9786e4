import { writeJUnit } from '../junit.ts';
import type { Reporter } from '../reporter.ts';

/** `--junit FILE`: JUnit XML, one test case per clause. */
export function junitReporter(file: string): Reporter {
  return {
    name: 'junit',
    onCrawlEnd(_bundleDir, findings) {
      writeJUnit(file, findings);
    },
  };
}
