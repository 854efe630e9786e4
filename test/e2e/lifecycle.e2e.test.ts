import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { crawlBundle } from '../../cli/crawl-bundle.ts';
import { loadAppGraph } from '../../src/appgraph/load.ts';
import { CLAUSES } from '../../src/findings/schema.ts';
import type { CrawlSubscriber } from '../../src/lifecycle.ts';
import { createLogger } from '../../src/log.ts';
import { sampleApp } from '../helpers/paths.ts';

describe('the crawl lifecycle end to end', () => {
  it('river-patrol: start first, findings in clause order, end last with the bundle final; a throwing subscriber is logged and skipped', async () => {
    const dir = sampleApp('river-patrol');
    const outDir = path.join(mkdtempSync(path.join(tmpdir(), 'govapp-lifecycle-')), 'b');
    const hooks: string[] = [];
    let endSawFindings = false;
    const tape: CrawlSubscriber = {
      name: 'tape',
      onCrawlStart: (info) => void hooks.push(`start ${info.app.package}`),
      onState: () => void (hooks.at(-1) !== 'state' && hooks.push('state')),
      onFinding: (f) => void hooks.push(`finding ${f.clause}`),
      onCrawlEnd: (bundleDir) => {
        endSawFindings = existsSync(path.join(bundleDir, 'findings.json'));
        hooks.push('end');
      },
    };
    const broken: CrawlSubscriber = { name: 'broken', onState: () => { throw new Error('subscriber bug'); } };
    const logFile = path.join(outDir, 'logs/crawl.log');
    const result = await crawlBundle({
      target: { kind: 'app-graph', dir, package: loadAppGraph(dir).graph.app.package },
      outDir,
      appiumUrl: inject('appiumUrl'),
      ocr: 'off',
      logger: createLogger({ quiet: true, file: logFile }),
      subscribers: [broken, tape],
    });
    expect(result.stopReason).toBe('explored');
    expect(hooks[0]).toBe(`start ${result.findings.app.package}`);
    expect(hooks[1]).toBe('state');
    expect(hooks.slice(-CLAUSES.length - 1)).toEqual([...CLAUSES.map((c) => `finding ${c}`), 'end']);
    expect(endSawFindings).toBe(true);
    // The report and manifest (the top layer's finalize subscriber) come after the caller's subscribers.
    expect(existsSync(path.join(outDir, 'report.html')) && existsSync(path.join(outDir, 'manifest.json'))).toBe(true);
    const warnings = readFileSync(logFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { msg: string; subscriber?: string; hook?: string });
    const skipped = warnings.filter((w) => w.subscriber === 'broken');
    expect(skipped.length).toBe(result.states);
    expect(skipped[0]).toMatchObject({ hook: 'onState', msg: 'broken failed in onState; skipped' });
  });
});
