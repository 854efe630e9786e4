import { z } from 'zod';
import type { ObservedScreen, ScreenText } from '../src/observation.ts';
import { defineDetector } from './define.ts';
import { textEvidence } from './lib/evidence.ts';
import { appScreens, contentTexts, isEntry, screenName } from './lib/screens.ts';
import { findTerm, norm, quote, squash } from './lib/text.ts';
import { AD_TAGS, AD_TEXT_RE, COMMERCE_ENTRY_TERMS, GOODS_TERMS, NOT_COMMERCE_TERMS, PRICE_RE } from './lib/vocab.ts';

type Kind = 'entry' | 'ad' | 'price';
const KIND_NAMES: Record<Kind, string> = { entry: '购物或付费入口', ad: '广告', price: '商品标价' };

interface Hit {
  kind: Kind;
  screen: ObservedScreen;
  t: ScreenText;
}

function hitsOn(screen: ObservedScreen, maxEntryLength: number): Hit[] {
  const texts = contentTexts(screen);
  const hits: Hit[] = [];
  const goods = texts.some((t) => findTerm(t.text, GOODS_TERMS));
  for (const t of texts) {
    const s = squash(t.text).toUpperCase();
    if ((AD_TAGS as readonly string[]).includes(s) || AD_TEXT_RE.test(norm(t.text))) hits.push({ kind: 'ad', screen, t });
    else if (isEntry(screen, t, maxEntryLength) && findTerm(t.text, COMMERCE_ENTRY_TERMS) && !findTerm(t.text, NOT_COMMERCE_TERMS)) hits.push({ kind: 'entry', screen, t });
    else if (goods && PRICE_RE.test(norm(t.text))) hits.push({ kind: 'price', screen, t });
  }
  return hits;
}

export default defineDetector({
  meta: {
    id: 'no-commerce',
    clause: '6.i',
    title: '不得开展商业活动',
    messages: {
      found: '{{screen}}出现{{kind}}“{{text}}”，属于商业活动',
      none: '已遍历{{count}}个应用内页面，未发现商城、付费商品或广告等商业活动',
      notExplored: '未观察到应用内页面，无法判断是否存在商业活动',
    },
  },
  options: z.object({
    maxEntryLength: z.number().int().positive().default(12),
  }),
  detect(app, ctx) {
    const screens = appScreens(app);
    if (screens.length === 0) return ctx.report({ verdict: 'unknown', messageId: 'notExplored' });
    const hits = screens.flatMap((s) => hitsOn(s, ctx.options.maxEntryLength));
    if (hits.length) {
      const h = hits[0];
      const data = { screen: screenName(h.screen), kind: KIND_NAMES[h.kind], text: quote(h.t.text) };
      return ctx.report({ verdict: 'fail', messageId: 'found', data, evidence: hits.map((x) => textEvidence(x.screen, x.t)) });
    }
    ctx.report({ verdict: 'pass', messageId: 'none', data: { count: screens.length } });
  },
});
