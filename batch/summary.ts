import { existsSync } from 'node:fs';
import path from 'node:path';
import { CLAUSES, type ClauseId, type Verdict } from '../src/findings/schema.ts';
import { writeFileAtomic, writeJsonAtomic } from '../src/fs/atomic.ts';
import { TOOL_NAME, TOOL_VERSION } from '../src/version.ts';
import type { BatchApp } from './apps-file.ts';
import type { AppResult } from './journal.ts';
import type { SlotStatus } from './pool.ts';
import { renderSummaryCsv } from './summary-csv.ts';
import { renderSummaryHtml } from './summary-html.ts';
import { readSignalSummary, type SignalSummary } from './summary-signals.ts';

/** batch.json (format batch/1): one row per app of the batch, with verdicts per clause and links. */
export interface BatchSummary {
  format: 'batch/1';
  tool: { name: string; version: string };
  generatedAt: string;
  /** Every app has a result (ok or error); false while running, after Ctrl-C, or when devices ran out. */
  finished: boolean;
  counts: { total: number; ok: number; error: number; pending: number; partial: number; incomplete?: number };
  clauses: readonly ClauseId[];
  devices?: SlotStatus[];
  apps: SummaryApp[];
}

export interface SummaryApp {
  id: string;
  status: 'ok' | 'error' | 'pending';
  partial: boolean;
  target: string;
  package?: string;
  label?: string;
  /** Paths relative to the batch directory (batch.json sits at its top). */
  bundle?: string;
  report?: string;
  findings?: string;
  verdicts: Partial<Record<ClauseId, Verdict>>;
  stopReason?: string;
  /** Why the crawl did not see the whole app; absent when it did. */
  incomplete?: string;
  states?: number;
  actions?: number;
  attempts?: number;
  device?: string;
  durationMs?: number;
  error?: { code: string; message: string };
  /** From the bundle's findings.json `signals`, when it has them. */
  signals?: SignalSummary;
}

export function targetLabel(app: BatchApp): string {
  const t = app.target;
  switch (t.kind) {
    case 'app-graph':
      return `app-graph ${t.dir}`;
    case 'apk':
      return `apk ${t.apk}`;
    case 'package':
      return `package ${t.package}`;
    case 'url':
      return `url ${t.url}`;
  }
}

/** The summary of a batch from its apps and their recorded results (pure but for checking which report files exist). */
export function buildSummary(outDir: string, apps: BatchApp[], done: ReadonlyMap<string, AppResult>, devices?: SlotStatus[]): BatchSummary {
  const rows: SummaryApp[] = apps.map((app) => {
    const r = done.get(app.id);
    const base = { id: app.id, target: targetLabel(app), package: app.package, label: app.label };
    if (!r) return { ...base, status: 'pending', partial: false, verdicts: {} };
    const link = (f: string) => (existsSync(path.join(outDir, r.bundle, f)) ? `${r.bundle}/${f}` : undefined);
    const findings = link('findings.json');
    const signals = findings ? readSignalSummary(path.join(outDir, findings)) : undefined;
    return {
      ...base,
      package: r.package ?? app.package,
      label: r.label ?? app.label,
      status: r.status,
      partial: r.partial,
      bundle: r.bundle,
      report: link('report.html'),
      findings,
      verdicts: r.verdicts,
      stopReason: r.stopReason,
      ...(r.incomplete ? { incomplete: r.incomplete } : {}),
      states: r.states,
      actions: r.actions,
      attempts: r.attempts,
      device: r.device,
      durationMs: r.durationMs,
      ...(r.error ? { error: r.error } : {}),
      ...(signals ? { signals } : {}),
    };
  });
  const count = (s: SummaryApp['status']) => rows.filter((r) => r.status === s).length;
  return {
    format: 'batch/1',
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    generatedAt: new Date().toISOString(),
    finished: count('pending') === 0,
    counts: { total: rows.length, ok: count('ok'), error: count('error'), pending: count('pending'), partial: rows.filter((r) => r.partial).length, incomplete: rows.filter((r) => r.incomplete).length },
    clauses: CLAUSES,
    ...(devices ? { devices } : {}),
    apps: rows,
  };
}

/** Writes batch.json, batch.csv and batch.html (each atomically) into the batch directory. */
export function writeSummary(outDir: string, summary: BatchSummary): void {
  writeJsonAtomic(path.join(outDir, 'batch.json'), summary);
  writeFileAtomic(path.join(outDir, 'batch.csv'), renderSummaryCsv(summary));
  writeFileAtomic(path.join(outDir, 'batch.html'), renderSummaryHtml(summary));
}
