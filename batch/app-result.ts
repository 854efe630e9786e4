import type { CrawlResult } from '../crawlers/types.ts';
import type { BatchApp } from './apps-file.ts';
import { verdictsOf } from './bundle-dirs.ts';
import type { AppResult } from './journal.ts';
import { incompleteNotice } from '../src/findings/coverage.ts';

/** The journal's record of an app's result, from what its crawl returned and where its bundle went. */
export function resultOf(
  app: BatchApp,
  r: Pick<CrawlResult, 'findings' | 'stopReason' | 'states' | 'actions'>,
  at: { bundle: string; device: string; attempt: number; durationMs: number },
): AppResult {
  return {
    status: r.stopReason === 'error' ? 'error' : 'ok',
    partial: r.stopReason === 'error',
    bundle: at.bundle,
    package: r.findings?.app.package ?? app.package,
    label: r.findings?.app.label ?? app.label,
    stopReason: r.stopReason,
    ...(r.findings && incompleteNotice(r.findings.run) ? { incomplete: incompleteNotice(r.findings.run) } : {}),
    states: r.states,
    actions: r.actions,
    verdicts: verdictsOf(r.findings),
    attempts: at.attempt,
    device: at.device,
    durationMs: at.durationMs,
  };
}
