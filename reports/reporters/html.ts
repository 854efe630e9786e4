import { renderReport } from '../html/render.ts';
import { renderPdf } from '../pdf.ts';
import type { Reporter } from '../reporter.ts';

/** `report.html` (and `report.pdf` with `pdf: true`, through headless Chromium). */
export function htmlReporter(opts: { pdf?: boolean } = {}): Reporter {
  return {
    name: 'html',
    async onCrawlEnd(bundleDir, findings) {
      await renderReport(bundleDir, findings);
      if (opts.pdf) await renderPdf(bundleDir);
    },
  };
}
