import path from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { annotateFindings } from '../annotate.ts';
import type { CrawlSubscriber } from '../../src/lifecycle.ts';

/** Annotated evidence screenshots (`evidence/<clause>-<n>.png`). Runs before the HTML report, which shows them. */
export function annotationsReporter(): CrawlSubscriber {
  return {
    name: 'annotations',
    async onCrawlEnd(bundleDir, findings) {
      await annotateFindings(bundleDir, findings, { screenWidth: recordedScreenWidth(bundleDir) });
    },
  };
}

/** The device width the bounds are in (app.json recording), when known. */
function recordedScreenWidth(dir: string): number | undefined {
  const file = path.join(dir, 'app.json');
  if (!existsSync(file)) return undefined;
  try {
    const w = JSON.parse(readFileSync(file, 'utf8'))?.device?.width;
    return typeof w === 'number' && w > 0 ? w : undefined;
  } catch {
    return undefined;
  }
}
