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

/**
 * `AI` naming a service, not a person or a brand: alone, beside a service word (AI帮办, AI搜索,
 * AI写作), or asked (问AI, 找AI). A contact called 老熊玩AI or a nickname such as AI劳模姐 is a person.
 */
const AI_SERVICE_RE =
  /^ai$|(?<![A-Za-z])ai(?![A-Za-z])(助手|助理|问答|客服|帮办|帮你|帮我|搜索|导办|咨询|对话|聊天|写作|创作|办事|服务|解读|识别|问一问|问)|(问|找|用|请教|和|与)ai(?![A-Za-z])/i;

/** A named AI service in a short text: a vocabulary term, or `AI` used as a service's name (AI帮办, 问AI). */
export function mentionsAi(text: string, terms: readonly string[]): string | undefined {
  const t = norm(text).replace(/\s+/g, '');
  const term = terms.find((x) => t.toUpperCase().includes(x.toUpperCase()));
  if (term) return term;
  return AI_SERVICE_RE.test(t) && !isAiLabel(t) ? 'AI' : undefined;
}
