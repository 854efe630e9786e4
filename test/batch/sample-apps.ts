import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BatchApp } from '../../batch/apps-file.ts';
import { SAMPLE_APPS, sampleApp } from '../helpers/paths.ts';

const PACKAGES: Record<string, string> = {};
for (const s of SAMPLE_APPS) PACKAGES[s] = JSON.parse(readFileSync(path.join(sampleApp(s), 'app.json'), 'utf8')).app.package;

/** The public sample apps repeated to `n` batch entries: `study-portal-1`, `office-compliant-1`, … */
export function sampleApps(n: number): BatchApp[] {
  return Array.from({ length: n }, (_, i) => {
    const s = SAMPLE_APPS[i % SAMPLE_APPS.length];
    const id = `${s}-${Math.floor(i / SAMPLE_APPS.length) + 1}`;
    return { id, target: { kind: 'app-graph', dir: sampleApp(s), package: PACKAGES[s] }, package: PACKAGES[s], options: {} };
  });
}

/** apps.yaml text for `apps` (app-graph entries with explicit ids), with an optional defaults line. */
export function appsYaml(apps: BatchApp[], defaults?: string): string {
  return (defaults ? `defaults: ${defaults}\n` : '') + 'apps:\n' + apps.map((x) => `  - id: ${x.id}\n    appGraph: ${(x.target as { dir: string }).dir}\n`).join('');
}
