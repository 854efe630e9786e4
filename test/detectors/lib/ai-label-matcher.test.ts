import { describe, expect, it } from 'vitest';
import { isAiLabel, mentionsAi } from '../../../detectors/lib/ai-label.ts';
import { AI_SERVICE_TERMS } from '../../../detectors/lib/vocab.ts';

describe('isAiLabel', () => {
  it.each(['内容由AI生成', '以上内容由人工智能生成', '本回答由 AI 生成，仅供参考', '人工智能合成内容', 'ai生成', '内容由ＡＩ生成', '该图片由AI合成'])('%s is a label', (s) =>
    expect(isAiLabel(s)).toBe(true),
  );
  it.each(['AI助手', '智能生成', '生成报告', '人工智能', 'AIGC', '深度合成', 'EMAIL生成', '智能助手为您解答', ''])('%s is not a label', (s) =>
    expect(isAiLabel(s)).toBe(false),
  );
});

describe('mentionsAi', () => {
  it('names AI services', () => {
    expect(mentionsAi('智能助手', AI_SERVICE_TERMS)).toBe('智能助手');
    expect(mentionsAi('AI帮办', AI_SERVICE_TERMS)).toBe('AI帮办');
    expect(mentionsAi('问AI', AI_SERVICE_TERMS)).toBe('AI');
    expect(mentionsAi('政策问一问', AI_SERVICE_TERMS)).toBe('问一问');
  });
  it('does not take a label or an unrelated word for a service', () => {
    expect(mentionsAi('内容由AI生成', AI_SERVICE_TERMS)).toBeUndefined();
    expect(mentionsAi('MAIL', AI_SERVICE_TERMS)).toBeUndefined();
    expect(mentionsAi('办事指南', AI_SERVICE_TERMS)).toBeUndefined();
  });
});
