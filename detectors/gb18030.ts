import { z } from 'zod';
import type { Evidence } from '../src/findings/schema.ts';
import { toTuple } from '../src/geometry.ts';
import type { ProbeResult } from '../src/observation.ts';
import { LEVEL_NAMES, codePointLabel, compareProbe, levelOf, type CharIssue, type ProbeComparison } from '../src/probes/gb18030.ts';
import { defineDetector } from './define.ts';
import { screensByState } from './lib/flows.ts';
import { screenName } from './lib/screens.ts';

type EncodingProbe = Extract<ProbeResult, { kind: 'encoding' }>;

const noteOf = (probe: EncodingProbe, cmp: ProbeComparison) => {
  const parts = [...cmp.replaced, ...cmp.lost].map(describe);
  if (probe.ocrReadBack !== undefined) parts.push(`OCR回读：${probe.ocrReadBack}`);
  return parts.length ? { note: parts.join('；') } : {};
};

const describe = (c: CharIssue) => `${c.ch}（${codePointLabel(c.cp)}，${LEVEL_NAMES[c.level]}）${c.by === undefined ? '丢失' : `被替换为“${c.by}”`}`;

/** `二级字符𠅤（U+20164）、𬌗（U+2C317）被替换为“?”；三级字符…丢失`: grouped by level and fate. */
function groupIssues(issues: CharIssue[]): string {
  const groups = new Map<string, CharIssue[]>();
  for (const i of issues) {
    const key = `${i.level}\n${i.by ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  }
  return [...groups.values()]
    .map((g) => {
      const fate = g[0].by === undefined ? '丢失' : `被替换为“${g[0].by}”`;
      return `${LEVEL_NAMES[g[0].level]}字符${g.map((i) => `${i.ch}（${codePointLabel(i.cp)}）`).join('、')}${fate}`;
    })
    .join('；');
}

export default defineDetector({
  meta: {
    id: 'gb18030',
    clause: '4.4',
    title: '中文编码符合GB 18030-2022实现级别3',
    messages: {
      intact: '在{{screen}}输入框输入{{count}}个GB 18030-2022测试字符（含三级字符），回读完整无误',
      broken: '在{{screen}}输入框输入GB 18030-2022测试字符后回读，{{count}}个字符丢失或被替换（涉及{{levels}}字符）：{{chars}}',
      noProbe: '未进入可安全输入的文本框，未能进行GB 18030-2022字符输入测试',
      noLevel3: '输入测试未包含GB 18030-2022三级字符，无法判定是否支持实现级别3',
    },
    seek: { entries: [], probes: [{ probe: 'encoding' }] },
  },
  options: z.object({}),
  detect(app, ctx) {
    const probes = app.probes.filter((p): p is EncodingProbe => p.kind === 'encoding');
    if (probes.length === 0) return ctx.report({ verdict: 'unknown', messageId: 'noProbe' });
    const byState = screensByState(app);
    const results = probes.map((probe) => ({ probe, cmp: compareProbe(probe.typed, probe.readBack) }));
    const evidenceOf = ({ probe, cmp }: { probe: EncodingProbe; cmp: ProbeComparison }): Evidence => ({
      state: probe.state,
      screenshot: byState.get(probe.state)?.screenshot ?? `states/${probe.state}.png`,
      bounds: toTuple(probe.bounds),
      text: probe.readBack,
      via: 'probe',
      before: probe.typed,
      after: probe.readBack,
      ...noteOf(probe, cmp),
    });
    const where = (probe: EncodingProbe) => {
      const s = byState.get(probe.state);
      return s ? screenName(s) : `页面 ${probe.state}`;
    };

    const broken = results.filter((r) => !r.cmp.intact);
    if (broken.length) {
      const { probe, cmp } = broken[0];
      const issues = [...cmp.replaced, ...cmp.lost].sort((a, b) => a.level - b.level || a.cp - b.cp);
      const levels = [...new Set(issues.map((i) => i.level))].sort().map((l) => LEVEL_NAMES[l]).join('、');
      const chars = groupIssues(issues);
      return ctx.report({ verdict: 'fail', messageId: 'broken', data: { screen: where(probe), count: issues.length, levels, chars }, evidence: broken.map(evidenceOf) });
    }
    const first = results.find((r) => Array.from(r.probe.typed).some((ch) => levelOf(ch) === 3));
    if (!first) return ctx.report({ verdict: 'unknown', messageId: 'noLevel3', evidence: results.map(evidenceOf) });
    ctx.report({
      verdict: 'pass',
      messageId: 'intact',
      data: { screen: where(first.probe), count: Array.from(first.probe.typed).length },
      evidence: results.map(evidenceOf),
    });
  },
});
