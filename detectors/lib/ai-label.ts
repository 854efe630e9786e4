import { norm } from './text.ts';

/** `AI` as a word (not inside EMAIL, AIGC, MAIL…), any case, after NFKC (ＡＩ → AI). */
const AI_WORD_RE = /(?<![A-Za-z])ai(?![A-Za-z])/i;

/**
 * An explicit label of AI-generated content in the sense of GB 45438-2025 (人工智能生成合成内容标识方法):
 * it names the technology (人工智能 or AI) and says the content was generated or synthesised
 * (生成 or 合成). `内容由AI生成`, `以上内容由人工智能生成` are labels; `AI助手`, `智能生成`, `AIGC` are not.
 */
export function isAiLabel(text: string): boolean {
  const t = norm(text);
  return (t.includes('人工智能') || AI_WORD_RE.test(t)) && /生成|合成/.test(t);
}

/** A named AI service in a short text: a vocabulary term, or `AI` as a word (AI帮办, 问AI). */
export function mentionsAi(text: string, terms: readonly string[]): string | undefined {
  const t = norm(text).replace(/\s+/g, '');
  const term = terms.find((x) => t.toUpperCase().includes(x.toUpperCase()));
  if (term) return term;
  return AI_WORD_RE.test(t) && !isAiLabel(t) ? 'AI' : undefined;
}
