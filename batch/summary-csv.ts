import type { BatchSummary } from './summary.ts';

/**
 * RFC 4180 field: quoted when it holds a comma, quote or line break. A cell a spreadsheet would run
 * as a formula (starting with = + - @, tab or CR; app labels are untrusted) is neutralised per OWASP
 * CSV-injection guidance: prefixed with a single quote and quoted.
 */
export function csvField(v: unknown): string {
  let s = v === undefined || v === null ? '' : String(v);
  const formula = /^[=+\-@\t\r]/.test(s);
  if (formula) s = `'${s}`;
  return formula || /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * batch.csv: one row per app, verdict words as in findings/1 (fail, pass, review, n/a, unknown) so
 * scripts can compare them; UTF-8, CRLF line ends, no BOM. The last columns are the findings'
 * signals: permissions asked (`NAME@launch` or `NAME@<tap label>`, `; `-separated), how many at
 * launch, the newest content date, whether it is stale (true/false), and the number of dead ends.
 */
export function renderSummaryCsv(s: BatchSummary): string {
  const header = ['app', 'package', 'label', 'status', 'partial', ...s.clauses, 'stop_reason', 'coverage', 'states', 'actions', 'attempts', 'device', 'duration_s', 'bundle', 'report', 'error', 'permissions', 'permissions_at_launch', 'newest_content_date', 'content_stale', 'dead_ends'];
  const rows = s.apps.map((a) => [
    a.id,
    a.package,
    a.label,
    a.status,
    a.status === 'pending' ? '' : a.partial,
    ...s.clauses.map((c) => a.verdicts[c] ?? ''),
    a.stopReason,
    a.status === 'pending' ? '' : a.incomplete ? `incomplete: ${a.incomplete}` : 'complete',
    a.states,
    a.actions,
    a.attempts,
    a.device,
    a.durationMs === undefined ? '' : (a.durationMs / 1000).toFixed(1),
    a.bundle,
    a.report,
    a.error ? `${a.error.code}: ${a.error.message}` : '',
    a.signals?.permissions.join('; '),
    a.signals?.permissionsAtLaunch,
    a.signals?.newestDate,
    a.signals?.stale,
    a.signals?.deadEnds,
  ]);
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
