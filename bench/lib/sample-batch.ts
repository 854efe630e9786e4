import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BatchApp } from '../../batch/apps-file.ts';
import { PACKAGE_ROOT } from '../../src/paths.ts';

export const SAMPLES = ['study-portal', 'office-compliant', 'river-patrol'];
const SHARED = path.resolve(PACKAGE_ROOT, '../shared/fixtures/apps');

/** `n` batch apps: the public samples repeated (`study-portal-1`, `office-compliant-1`, …). */
export function benchApps(n: number, o: { ocr: string; maxMinutes: number }): BatchApp[] {
  return Array.from({ length: n }, (_, i) => {
    const s = SAMPLES[i % SAMPLES.length];
    const dir = path.join(SHARED, s);
    const pkg: string = JSON.parse(readFileSync(path.join(dir, 'app.json'), 'utf8')).app.package;
    return {
      id: `${s}-${Math.floor(i / SAMPLES.length) + 1}`,
      target: { kind: 'app-graph', dir, package: pkg },
      package: pkg,
      options: { ocr: o.ocr as 'off', maxMinutes: o.maxMinutes, timeoutMs: 10 * 60_000 },
    };
  });
}
