import { describe, expect, it } from 'vitest';
import type { StateNode } from '../../crawlers/graph.ts';
import { AiQuestionProbe } from '../../crawlers/probes/ai.ts';
import { EncodingProbe } from '../../crawlers/probes/encoding.ts';
import { probesFor } from '../../crawlers/probes/index.ts';
import { TimerProbe } from '../../crawlers/probes/timer.ts';
import { detectors } from '../../detectors/index.ts';
import { DEFAULT_CONFIG } from '../../src/config/load.ts';
import type { ObservedScreen } from '../../src/observation.ts';
import { parsePageSource } from '../../src/snapshot/parse.ts';

/** Which probes a crawl runs comes from the detectors' `meta.seek.probes`, and so does what they look for. */

const config = DEFAULT_CONFIG.probes;
const kinds = (list: unknown[]) => list.map((p) => (p as object).constructor.name);
const without = (...ids: string[]) => detectors.filter((d) => !ids.includes(d.meta.id));

const page = (...texts: string[]) =>
  parsePageSource(
    `<hierarchy rotation="0" width="1080" height="2340"><node class="android.widget.FrameLayout" package="cn.gov.test" bounds="[0,0][1080,2340]">${texts
      .map((t, i) => `<node class="android.widget.TextView" package="cn.gov.test" text="${t}" enabled="true" displayed="true" bounds="[60,${200 + 100 * i}][1000,${280 + 100 * i}]"/>`)
      .join('')}
      <node class="android.widget.EditText" package="cn.gov.test" resource-id="cn.gov.test:id/et_question" hint="请输入您的问题" clickable="true" focusable="true" enabled="true" displayed="true" bounds="[40,2100][860,2220]"/>
      <node class="android.widget.Button" package="cn.gov.test" resource-id="cn.gov.test:id/btn_send" text="发送" clickable="true" enabled="true" displayed="true" bounds="[880,2100][1040,2220]"/>
    </node></hierarchy>`,
    'test',
  );
const node = { key: 's1' } as StateNode;
const screen = { inApp: true, package: 'cn.gov.test' } as ObservedScreen;

describe('probes from the registry', () => {
  it('runs the probes the detectors ask for, in registry order; observe-only keeps the ones that neither type nor send', () => {
    expect(kinds(probesFor(detectors, config, { observeOnly: false }))).toEqual([TimerProbe.name, EncodingProbe.name, AiQuestionProbe.name]);
    expect(kinds(probesFor(detectors, config, { observeOnly: true }))).toEqual([TimerProbe.name]);
  });

  it('runs no probe no detector asks for', () => {
    expect(kinds(probesFor(without('ai-label'), config, { observeOnly: false }))).toEqual([TimerProbe.name, EncodingProbe.name]);
    expect(kinds(probesFor(without('no-online-time', 'gb18030', 'ai-label'), config, { observeOnly: false }))).toEqual([]);
  });

  it('looks for what the detectors name: a duration for the timer (4.1.3), an AI service for the question (7.3)', () => {
    const [timer, , ai] = probesFor(detectors, config, { observeOnly: false });
    expect(timer.next(node, screen, page('学习时长 00:12:31'))?.name).toBe('timer-probe');
    expect(timer.next({ key: 's2' } as StateNode, screen, page('办事指南'))).toBeUndefined();
    expect(ai.next(node, screen, page('智能问答'))?.name).toBe('ai-question');
    expect(ai.next({ key: 's2' } as StateNode, screen, page('在线咨询'))).toBeUndefined();
  });

  it('a detector asking for a probe with its own words gets them looked for', () => {
    const base = detectors.find((d) => d.meta.id === 'ai-label')!;
    const toy = { ...base, meta: { ...base.meta, id: 'toy-ai', seek: { entries: [], probes: [{ probe: 'ai-question' as const, serviceWords: ['政务小蜜'] }] } } };
    const [ai] = probesFor([toy], config, { observeOnly: false });
    expect(ai.next(node, screen, page('政务小蜜'))?.name).toBe('ai-question');
    expect(ai.next({ key: 's2' } as StateNode, screen, page('智能问答'))).toBeUndefined();
  });
});
