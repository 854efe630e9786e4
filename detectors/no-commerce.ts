import { z } from 'zod';
import type { ObservedScreen, ScreenText } from '../src/observation.ts';
import { defineDetector } from './define.ts';
import { messageTexts } from './lib/conversation.ts';
import { textEvidence } from './lib/evidence.ts';
import { pricesOn } from './lib/prices.ts';
import { appScreens, contentTexts, isEntry, screenName } from './lib/screens.ts';
import { findTerm, norm, quote, squash } from './lib/text.ts';
import {
  AD_TAGS,
  AD_TEXT_RE,
  COMMERCE_ENTRY_TERMS,
  FINANCE_OFFER_TERMS,
  GOODS_TERMS,
  NOT_COMMERCE_TERMS,
  PAYMENT_ENTRY_TERMS,
  TRADE_ENTRY_TERMS,
} from './lib/vocab.ts';

type Kind = 'entry' | 'trade' | 'finance' | 'ad' | 'price' | 'payment';
const KIND_NAMES: Record<Kind, string> = {
  entry: '购物或付费入口',
  trade: '证券或借贷交易入口',
  finance: '金融产品',
  ad: '广告',
  price: '商品标价',
  payment: '支付或收款功能',
};

interface Hit {
  kind: Kind;
  screen: ObservedScreen;
  t: ScreenText;
  /** Seen only in a message someone posted in a conversation, not offered by the app itself. */
  posted: boolean;
}

const isGovernmentBusiness = (s: string) => !!findTerm(s, NOT_COMMERCE_TERMS);

/**
 * What on one screen sells or promotes goods or services for profit (6.i): shopping and paid
 * entries, securities and lending entries, financial products, ads, prices next to sale wording
 * (a price split over two nodes included), trade prices; payment tools apart (their purpose needs
 * judgement). Texts of system windows are not read (contentTexts); messages of a conversation are
 * read but marked `posted`.
 */
function hitsOn(screen: ObservedScreen, maxEntryLength: number): Hit[] {
  const texts = contentTexts(screen);
  const posted = messageTexts(screen);
  const hits: Hit[] = [];
  const add = (kind: Kind, t: ScreenText) => hits.push({ kind, screen, t, posted: posted.has(t) });
  const saleWords = texts.some((t) => findTerm(t.text, GOODS_TERMS) || findTerm(t.text, TRADE_ENTRY_TERMS));
  for (const t of texts) {
    const s = squash(t.text).toUpperCase();
    const entry = isEntry(screen, t, maxEntryLength) && !isGovernmentBusiness(t.text);
    if ((AD_TAGS as readonly string[]).includes(s) || AD_TEXT_RE.test(norm(t.text))) add('ad', t);
    else if (entry && findTerm(t.text, COMMERCE_ENTRY_TERMS)) add('entry', t);
    else if (entry && findTerm(t.text, TRADE_ENTRY_TERMS)) add('trade', t);
    else if (entry && findTerm(t.text, FINANCE_OFFER_TERMS)) add('finance', t);
    else if (entry && findTerm(t.text, PAYMENT_ENTRY_TERMS)) add('payment', t);
  }
  for (const p of pricesOn(screen, texts)) if (p.kind === 'trade' || saleWords) add('price', p.t);
  return hits;
}

export default defineDetector({
  meta: {
    id: 'no-commerce',
    clause: '6.i',
    title: '不得开展商业活动',
    messages: {
      found: '{{screen}}出现{{kind}}“{{text}}”，属于商业活动',
      posted: '{{screen}}的聊天消息中出现{{kind}}“{{text}}”，为用户发布的内容，是否属于应用开展的商业活动需人工确认',
      payment: '{{screen}}提供{{kind}}“{{text}}”，需人工确认是否仅用于政务缴费',
      none: '已遍历{{count}}个应用内页面，未发现商城、付费商品或广告等商业活动',
      notExplored: '未观察到应用内页面，无法判断是否存在商业活动',
    },
    seek: {
      entries: [{ name: 'commerce', weight: 5, words: ['商城', '兑换', '商品', '店铺', '会员', '优惠', '购物'], ids: ['shop', 'mall', 'store', 'goods', 'vip'], decay: 0.5 }],
    },
  },
  options: z.object({
    maxEntryLength: z.number().int().positive().default(12),
  }),
  detect(app, ctx) {
    const screens = appScreens(app);
    if (screens.length === 0) return ctx.report({ verdict: 'unknown', messageId: 'notExplored' });
    const hits = screens.flatMap((s) => hitsOn(s, ctx.options.maxEntryLength));
    const data = (h: Hit) => ({ screen: screenName(h.screen), kind: KIND_NAMES[h.kind], text: quote(h.t.text) });
    const evidence = (hs: Hit[]) => hs.map((x) => textEvidence(x.screen, x.t));
    const own = hits.filter((h) => !h.posted && h.kind !== 'payment');
    if (own.length) return ctx.report({ verdict: 'fail', messageId: 'found', data: data(own[0]), evidence: evidence([...own, ...hits.filter((h) => !own.includes(h))]) });
    const posted = hits.filter((h) => h.posted);
    if (posted.length) return ctx.report({ verdict: 'review', messageId: 'posted', data: data(posted[0]), evidence: evidence(hits) });
    if (hits.length) return ctx.report({ verdict: 'review', messageId: 'payment', data: data(hits[0]), evidence: evidence(hits) });
    ctx.report({ verdict: 'pass', messageId: 'none', data: { count: screens.length } });
  },
});
