import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineDetector, interpolate, runDetector } from '../../detectors/define.ts';
import { runDetectors, validateDetectorOptions } from '../../detectors/run.ts';
import { CLAUSES, findingsSchema } from '../../src/findings/schema.ts';
import type { CrawlObservation } from '../../src/observation.ts';
import { buildObservation } from '../helpers/detector-tester.ts';

const EMPTY: CrawlObservation = { app: { package: 'cn.gov.test' }, screens: [], actions: [], probes: [], stopReason: 'explored' };

const sample = defineDetector({
  meta: { id: 'sample-rule', clause: '6.h', title: 'sample', messages: { seen: '看到{{ count }}个页面，阈值{{limit}}' }, seek: { entries: [] } },
  options: z.object({ limit: z.number().int().default(3) }),
  detect(app, ctx) {
    ctx.report({ verdict: 'pass', messageId: 'seen', data: { count: app.screens.length, limit: ctx.options.limit } });
  },
});

describe('defineDetector / runDetector', () => {
  it('fills option defaults and interpolates ESLint-style placeholders', () => {
    const { result, messageId } = runDetector(sample, EMPTY);
    expect(messageId).toBe('seen');
    expect(result).toEqual({ clause: '6.h', verdict: 'pass', summary: '看到0个页面，阈值3', evidence: [], basis: 'absence' });
    expect(runDetector(sample, EMPTY, { limit: 7 }).result.summary).toBe('看到0个页面，阈值7');
  });

  it('rejects bad options with BAD_CONFIG naming the detector and field', () => {
    expect(() => runDetector(sample, EMPTY, { limit: 'x' })).toThrow(/BAD_CONFIG|detector sample-rule: limit/);
    try {
      runDetector(sample, EMPTY, { limit: 'x' });
    } catch (e) {
      expect((e as { code: string }).code).toBe('BAD_CONFIG');
    }
  });

  it('throws on an unknown message id, a second report, or no report', () => {
    const unknownId = defineDetector({ ...sample, detect: (_, ctx) => ctx.report({ verdict: 'pass', messageId: 'nope' as 'seen' }) });
    expect(() => runDetector(unknownId, EMPTY)).toThrow(/no message "nope"/);
    const twice = defineDetector({
      ...sample,
      detect(_, ctx) {
        ctx.report({ verdict: 'pass', messageId: 'seen', data: { count: 1, limit: 1 } });
        ctx.report({ verdict: 'fail', messageId: 'seen', data: { count: 1, limit: 1 } });
      },
    });
    expect(() => runDetector(twice, EMPTY)).toThrow(/reported twice/);
    const silent = defineDetector({ ...sample, detect() {} });
    expect(() => runDetector(silent, EMPTY)).toThrow(/without a report/);
  });

  it('throws on a placeholder without data', () => {
    expect(() => interpolate('缺少{{x}}', {})).toThrow(/\{\{x\}\}/);
    expect(interpolate('无占位符')).toBe('无占位符');
  });

  it('rejects ids that are not kebab-case', () => {
    expect(() => defineDetector({ ...sample, meta: { ...sample.meta, id: 'Bad_Id' } })).toThrow(/kebab-case/);
  });

  it('rejects a seek declaration the strategy could not use, naming the detector and field', () => {
    const withEntry = (entry: object) => () =>
      defineDetector({ ...sample, meta: { ...sample.meta, seek: { entries: [{ name: 'hotline', weight: 5, words: ['热线'], decay: 0.5, ...entry }] } } });
    expect(withEntry({})).not.toThrow();
    expect(withEntry({ decay: 0 })).toThrow(/sample-rule: meta\.seek\.entries\[0\]\.decay/);
    expect(withEntry({ weight: -1 })).toThrow(/entries\[0\]\.weight/);
    expect(withEntry({ name: 'Hot line' })).toThrow(/kebab-case/);
    expect(withEntry({ words: [] })).toThrow(/neither words nor ids/);
    expect(withEntry({ ids: ['(unclosed'] })).toThrow(/not a regular expression/);
    const twice = { ...sample.meta, seek: { entries: [], probes: [{ probe: 'encoding' as const }, { probe: 'encoding' as const }] } };
    expect(() => defineDetector({ ...sample, meta: twice })).toThrow(/requested twice/);
  });
});

describe('runDetectors', () => {
  it('gives one result per clause, in findings order, valid as findings/1', () => {
    const obs = buildObservation({ screens: ['about-vendor-only.xml'] });
    const clauses = runDetectors(obs);
    expect(clauses.map((c) => c.clause)).toEqual([...CLAUSES]);
    const findings = {
      format: 'findings/1',
      app: obs.app,
      run: { startedAt: '2026-11-22T10:00:00.000Z', finishedAt: '2026-11-22T10:01:00.000Z', states: 1, actions: 0, stopReason: 'explored' },
      clauses,
    };
    expect(() => findingsSchema.parse(findings)).not.toThrow();
  });

  it('turns a detector that throws into unknown, and the others still run', () => {
    const broken = { ...EMPTY, screens: null } as unknown as CrawlObservation;
    const clauses = runDetectors(broken);
    expect(clauses).toHaveLength(CLAUSES.length);
    const fourOne = clauses.find((c) => c.clause === '4.1.1')!;
    expect(fourOne.verdict).toBe('unknown');
    expect(fourOne.summary).toMatch(/检测器 no-check-in 内部错误/);
    expect(clauses.find((c) => c.clause === '4.4')!.summary).toMatch(/未进入可安全输入的文本框/);
  });

  it('no detector breaks on odd observations', () => {
    const obs = buildObservation({
      screens: ['<hierarchy rotation="0"/>', '<hierarchy rotation="0"><node text="" bounds="bad"/></hierarchy>', 'news-checkin-headlines.xml'],
      actions: [{ from: 's0', to: 's9' }, { from: 's1', kind: 'back' }],
      probes: [
        { kind: 'timer', state: 's0', elementId: 0, bounds: { x1: 0, y1: 0, x2: 0, y2: 0 }, samples: [] },
        { kind: 'encoding', state: 'gone', bounds: { x1: 0, y1: 0, x2: 0, y2: 0 }, locator: '', typed: '', readBack: '' },
        { kind: 'ai-question', state: 's0', question: '', answered: false },
      ],
    });
    for (const r of runDetectors(obs)) expect(r.summary, r.clause).not.toMatch(/内部错误/);
    for (const r of runDetectors(EMPTY)) expect(r.summary, r.clause).not.toMatch(/内部错误/);
  });

  it('checks options up front', () => {
    expect(() => validateDetectorOptions({ 'no-such-detector': {} })).toThrow(/no detector "no-such-detector"/);
    expect(() => runDetectors(EMPTY, { 'unit-name': { minOcrConfidence: 2 } })).toThrow(/unit-name: minOcrConfidence/);
    expect(runDetectors(EMPTY, { 'unit-name': { minOcrConfidence: 0.5 } })).toHaveLength(CLAUSES.length);
  });
});
