import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { startStaticServer } from '../helpers/static-server.ts';
import { H5_APPS, h5Fixture } from './h5-helpers.ts';
import { crawl } from '../../crawlers/crawl.ts';

describe('crawling the H5 fixtures end to end', () => {
  for (const name of H5_APPS)
    it(`${name}: verdicts match expected.json`, { timeout: 400_000 }, async () => {
      const expected = JSON.parse(readFileSync(path.join(h5Fixture(name), 'expected.json'), 'utf8')) as { clauses: Record<string, string> };
      const server = await startStaticServer(h5Fixture(name));
      const outDir = mkdtempSync(path.join(os.tmpdir(), `govapp-${name}-`));
      try {
        const result = await crawl({ target: { kind: 'url', url: `${server.url}/index.html` }, outDir, appiumUrl: inject('appiumUrl'), ocr: 'off', maxMinutes: 5 });
        expect(result.error).toBeUndefined();
        // Named by its start page's title, not its URL.
        const title = /<title>([^<]+)<\/title>/.exec(readFileSync(path.join(h5Fixture(name), 'index.html'), 'utf8'))![1];
        expect(result.findings.app.label).toBe(title);
        const got = Object.fromEntries(result.findings.clauses.filter((c) => c.clause in expected.clauses).map((c) => [c.clause, c.verdict]));
        const summaries = result.findings.clauses.map((c) => `${c.clause} ${c.verdict}: ${c.summary}`).join('\n');
        expect(got, summaries).toEqual(expected.clauses);
        // The feedback form of service-h5 must never be sent.
        expect(server.requests.filter((r) => r.includes('feedback-done'))).toEqual([]);
      } finally {
        await server.close();
        rmSync(outDir, { recursive: true, force: true });
      }
    });
});
