import type { ObservedScreen, ScreenText } from '../../src/observation.ts';
import { rowsOf } from './screens.ts';
import { norm } from './text.ts';
import { AMOUNT_RE, CURRENCY_ONLY_RE, PRICE_RE, TRADE_PRICE_RE, YUAN_OFFER_RE } from './vocab.ts';

/** A price read on a screen: the text carrying it, and the price as read (`¥ 999` from two nodes). */
export interface PriceText {
  t: ScreenText;
  price: string;
  kind: 'price' | 'trade';
}

/**
 * Prices on a screen (6.i). One node (`¥299 - ¥1388`, `29.9元一箱`, `参考成交价 83.060`), or a
 * currency sign alone in one node with the amount in the next node to its right on the same line
 * (`¥` | `999`), as price layouts with a large amount and a small sign draw them.
 */
export function pricesOn(screen: ObservedScreen, texts: ScreenText[]): PriceText[] {
  const out: PriceText[] = [];
  for (const t of texts) {
    const s = norm(t.text);
    const trade = TRADE_PRICE_RE.exec(s);
    if (trade) out.push({ t, price: trade[0], kind: 'trade' });
    else if (PRICE_RE.test(s) || YUAN_OFFER_RE.test(s)) out.push({ t, price: (PRICE_RE.exec(s) ?? YUAN_OFFER_RE.exec(s))![0], kind: 'price' });
  }
  for (const row of rowsOf(screen, texts))
    row.texts.forEach((t, i) => {
      const next = row.texts[i + 1];
      if (!next || !CURRENCY_ONLY_RE.test(norm(t.text)) || !AMOUNT_RE.test(norm(next.text))) return;
      if (next.bounds.x1 - t.bounds.x2 > 3 * Math.max(1, t.bounds.y2 - t.bounds.y1)) return;
      out.push({ t, price: `${norm(t.text)}${norm(next.text)}`, kind: 'price' });
    });
  return out;
}
