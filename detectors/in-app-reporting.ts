import { z } from 'zod';
import { defineDetector } from './define.ts';
import { findContacts } from './lib/contacts.ts';
import { rowEvidence, textEvidence } from './lib/evidence.ts';
import { appScreens, contentTexts, isEntry, rowsOf, screenName } from './lib/screens.ts';
import { findTerm, quote } from './lib/text.ts';
import { REPORT_HOTLINES, REPORT_TERMS } from './lib/vocab.ts';

export default defineDetector({
  meta: {
    id: 'in-app-reporting',
    clause: '6.h',
    title: '提供举报功能',
    messages: {
      entry: '{{screen}}提供“{{entry}}”举报入口',
      contact: '{{screen}}公布举报渠道“{{text}}”',
      none: '已遍历{{count}}个应用内页面，未发现举报入口或举报渠道',
      notExplored: '未观察到应用内页面，无法判断是否提供举报功能',
    },
    seek: { entries: [{ name: 'report', weight: 7, words: REPORT_TERMS, ids: ['jubao', 'report'], decay: 0.4 }] },
  },
  options: z.object({
    maxEntryLength: z.number().int().positive().default(16),
  }),
  detect(app, ctx) {
    const screens = appScreens(app);
    if (screens.length === 0) return ctx.report({ verdict: 'unknown', messageId: 'notExplored' });

    const entries = screens.flatMap((screen) =>
      contentTexts(screen)
        .filter((t) => isEntry(screen, t, ctx.options.maxEntryLength) && findTerm(t.text, REPORT_TERMS))
        .map((t) => ({ screen, t })),
    );
    if (entries.length) {
      const { screen, t } = entries[0];
      const evidence = entries.map((e) => textEvidence(e.screen, e.t));
      return ctx.report({ verdict: 'pass', messageId: 'entry', data: { screen: screenName(screen), entry: quote(t.text) }, evidence });
    }
    // A reporting channel published as text: 举报电话/邮箱, or a reporting hotline such as 12377.
    const channels = screens.flatMap((screen) =>
      rowsOf(screen)
        .filter((row) => {
          const contacts = findContacts(row.text, REPORT_HOTLINES);
          return contacts.some((c) => (REPORT_HOTLINES as readonly string[]).includes(c.value)) || (findTerm(row.text, REPORT_TERMS) && contacts.length > 0);
        })
        .map((row) => ({ screen, row })),
    );
    if (channels.length) {
      const { screen, row } = channels[0];
      const evidence = channels.map((c) => rowEvidence(c.screen, c.row));
      return ctx.report({ verdict: 'pass', messageId: 'contact', data: { screen: screenName(screen), text: quote(row.text, 40) }, evidence });
    }
    ctx.report({ verdict: 'fail', messageId: 'none', data: { count: screens.length } });
  },
});
