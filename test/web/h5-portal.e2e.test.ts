import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { blackHole } from '../helpers/black-hole.ts';
import { startStaticServer } from '../helpers/static-server.ts';
import { h5Fixture } from './h5-helpers.ts';
import { crawl } from '../../crawlers/crawl.ts';

/** The fixture's third-party scripts point here: a loopback address nobody listens on. */
const DEAD = 'http://127.0.0.2:9';

describe('crawling a portal-shaped H5 app (long pages, dense footers, dead third-party scripts)', () => {
  it('finds the footer far below the fold, takes the host from 主办, recognises the suggestion mailbox and complaint phone, and explores within budget', { timeout: 400_000 }, async () => {
    const fixture = h5Fixture('portal-h5');
    const expected = JSON.parse(readFileSync(path.join(fixture, 'expected.json'), 'utf8')) as { clauses: Record<string, string> };
    const hole = await blackHole();
    const root = mkdtempSync(path.join(os.tmpdir(), 'govapp-portal-h5-site-'));
    cpSync(fixture, root, { recursive: true });
    for (const f of readdirSync(root).filter((f) => f.endsWith('.html')))
      writeFileSync(path.join(root, f), readFileSync(path.join(root, f), 'utf8').replaceAll(DEAD, hole.url));
    const server = await startStaticServer(root);
    const outDir = mkdtempSync(path.join(os.tmpdir(), 'govapp-portal-h5-'));
    try {
      const result = await crawl({ target: { kind: 'url', url: `${server.url}/index.html` }, outDir, appiumUrl: inject('appiumUrl'), ocr: 'off', maxMinutes: 5 });
      expect(result.error).toBeUndefined();
      const summaries = result.findings.clauses.map((c) => `${c.clause} ${c.verdict}: ${c.summary}`).join('\n');
      expect(result.findings.run.stopReason, summaries).toBe('explored');
      const got = Object.fromEntries(result.findings.clauses.filter((c) => c.clause in expected.clauses).map((c) => [c.clause, c.verdict]));
      expect(got, summaries).toEqual(expected.clauses);

      const clause = (id: string) => result.findings.clauses.find((c) => c.clause === id)!;
      // 4.2: the host from the footer's 主办单位, read below the fold — not the article's source, the squad in the header or the vendor.
      expect(clause('4.2').summary).toContain('某市人民政府办公厅');
      expect(clause('4.2').evidence[0].text).toMatch(/^主办/);
      expect(clause('4.2').evidence.some((e) => (e as { note?: string }).note?.includes('页脚'))).toBe(true);
      // 5: the website ICP number from the footer, not 公网安备 or 标识码.
      expect(clause('5').summary).toContain('浙ICP备05070602号-1');
      expect((clause('5').evidence[0] as { note?: string }).note).toContain('页脚');
      // 4.3: the suggestion mailbox and the number under 投诉电话.
      const contacts = clause('4.3').evidence.map((e) => e.text).join('\n');
      expect(contacts).toContain('yjzj@gaj.example.gov.cn');
      expect(contacts).toContain('0571-87001234');
      expect(contacts).not.toContain('0571-87009999');
      // 6.h: the footer's report link.
      expect(clause('6.h').evidence[0].text).toContain('举报');

      // Third-party hosts never reached the network; each screen's source lists what was blocked.
      expect(hole.connections()).toBe(0);
      const states = readdirSync(path.join(outDir, 'states')).filter((f) => f.endsWith('.xml'));
      const blocked = states.map((f) => readFileSync(path.join(outDir, 'states', f), 'utf8')).filter((x) => x.includes(`web-blocked="${hole.url}/hm.js`));
      expect(blocked.length).toBeGreaterThan(0);
    } finally {
      await server.close();
      await hole.close();
      rmSync(outDir, { recursive: true, force: true });
      rmSync(root, { recursive: true, force: true });
    }
  });
});
