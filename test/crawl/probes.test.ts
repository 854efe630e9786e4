import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { crawl } from '../../crawlers/crawl.ts';
import { parseJsonLines } from '../../src/fs/atomic.ts';
import type { ObservedAction, ProbeResult } from '../../src/observation.ts';
import { FIXTURES } from '../helpers/paths.ts';
import { IN_PROCESS_URL } from '../helpers/in-process-session.ts';

// The replay driver in this process instead of an Appium server (test/helpers/in-process-session.ts).
vi.mock('../../src/device/session.ts', () => import('../helpers/in-process-session.ts'));

const fixture = (name: string) => path.join(FIXTURES, 'probes', name);

describe('the AI question probe (7.3)', () => {
  it.each([
    ['ai-labelled', 'pass', 'cn.gov.example.ailabel'],
    ['ai-unlabelled', 'fail', 'cn.gov.example.ainolabel'],
  ])('%s: asks the configured question once, waits for the reply, judges its label → %s', async (name, verdict, pkg) => {
    const outDir = path.join(mkdtempSync(path.join(tmpdir(), 'govapp-ai-')), 'b');
    const result = await crawl({ target: { kind: 'app-graph', dir: fixture(name), package: pkg }, outDir, appiumUrl: IN_PROCESS_URL, ocr: 'off' });
    const c = result.findings.clauses.find((x) => x.clause === '7.3')!;
    expect(c.verdict, c.summary).toBe(verdict);
    expect(c.evidence.some((e) => e.text?.includes('政务服务问题'))).toBe(true);
    const probes = JSON.parse(readFileSync(path.join(outDir, 'probes.json'), 'utf8')) as ProbeResult[];
    const asked = probes.filter((p) => p.kind === 'ai-question');
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ question: '你好，请简单介绍一下你能提供哪些服务？', answered: true });
    const actions = parseJsonLines<ObservedAction>(readFileSync(path.join(outDir, 'crawl.jsonl'), 'utf8'));
    // Exploration itself never presses 发送: only the probe does, once.
    expect(actions.filter((a) => a.label === '发送')).toHaveLength(1);
    expect(readFileSync(path.join(outDir, 'skipped.jsonl'), 'utf8')).toContain('"word":"发送"');
  });
});
