import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { renderReport } from '../html/render.ts';
import { renderPdf } from '../pdf.ts';
import type { CrawlSubscriber } from '../../src/lifecycle.ts';

/**
 * `report.html` (and `report.pdf` with `pdf: true`, through headless Chromium). A bundle that
 * already has a report.pdf gets it re-rendered too, so the PDF never contradicts the HTML; when
 * that fails, the stale PDF is removed rather than left behind.
 */
export function htmlReporter(opts: { pdf?: boolean } = {}): CrawlSubscriber {
  return {
    name: 'html',
    async onCrawlEnd(bundleDir, findings) {
      await renderReport(bundleDir, findings);
      const pdf = path.join(bundleDir, 'report.pdf');
      if (!opts.pdf && !existsSync(pdf)) return;
      try {
        await renderPdf(bundleDir);
      } catch (e) {
        if (!opts.pdf) rmSync(pdf, { force: true });
        throw e;
      }
    },
  };
}
