import { z } from 'zod';
import type { Evidence } from '../src/findings/schema.ts';
import type { ObservedScreen, ScreenText } from '../src/observation.ts';
import type { UiElement } from '../src/snapshot/model.ts';
import { defineDetector } from './define.ts';
import { rowEvidence, screenEvidence, textEvidence } from './lib/evidence.ts';
import { complaintContact, findContacts } from './lib/contacts.ts';
import { flowsVia } from './lib/flows.ts';
import { appScreens, contentTexts, elementOf, isEntry, rowsOf, screenName, screenTitle, textInputs, type Row } from './lib/screens.ts';
import { charLength, findTerm, norm, quote } from './lib/text.ts';
import { COMPLAINT_TERMS, CONTACT_SECTION_RE, ITEM_COUNT_RE, NOT_COMPLAINT_TERMS, OPERATIONAL_CONTACT_LABELS } from './lib/vocab.ts';

const isComplaintWord = (s: string) => !!findTerm(s, COMPLAINT_TERMS) && !findTerm(s, NOT_COMPLAINT_TERMS) && !ITEM_COUNT_RE.test(norm(s));
/** An about / contact-us / help screen, by its title or activity. */
const isContactSection = (screen: ObservedScreen) => CONTACT_SECTION_RE.test(`${screenTitle(screen)?.text ?? ''} ${screen.activity.split('.').pop() ?? ''}`);
/** Headings that offer what follows for suggestions or complaints (a call for comments, a complaint line). */
const SUGGESTION_HEADING_RE = /征求意见|意见征集|征集意见|意见建议|建议|投诉|监督电话|监督举报|监督邮箱|反馈|留言|信箱|诉求|纠错/;
const HEADING_TAG_RE = /^h[1-6]$/;

/** A heading row: the screen title, a web heading (h1–h6, role heading), or a short label line ending in a colon. */
function isHeading(screen: ObservedScreen, row: Row, title: ScreenText | undefined): boolean {
  if (title && row.texts.includes(title)) return true;
  const web = row.texts.some((t) => {
    const e = elementOf(screen, t);
    return !!e && (HEADING_TAG_RE.test(e.attrs['web-tag'] ?? '') || e.attrs['web-role'] === 'heading');
  });
  return web || (charLength(row.text) <= 16 && /[:：]$/.test(row.text.trim()));
}

/**
 * Contacts of a screen offered for complaints or suggestions: labelled as such (or in a contact
 * section), or — label or not — listed under a heading that asks for them (征求意见, 投诉电话：,
 * 监督电话 …) until the next heading. Operational numbers (值班, 报警 …) never count.
 */
function screenContacts(screen: ObservedScreen): { row: Row; contact: NonNullable<ReturnType<typeof complaintContact>> }[] {
  const section = isContactSection(screen);
  const title = screenTitle(screen);
  const out: { row: Row; contact: NonNullable<ReturnType<typeof complaintContact>> }[] = [];
  let offered = false;
  for (const row of rowsOf(screen)) {
    if (isHeading(screen, row, title)) offered = SUGGESTION_HEADING_RE.test(norm(row.text));
    const c = complaintContact(row.text, section) ?? (offered && !findTerm(row.text, OPERATIONAL_CONTACT_LABELS) ? findContacts(row.text)[0] : undefined);
    if (c) out.push({ row, contact: c });
  }
  return out;
}

const inputLabel = (e: UiElement) => e.hint || e.text || e.contentDesc || '输入框';
const inputEvidence = (screen: ObservedScreen, e: UiElement): Evidence =>
  screenEvidence(screen, 'flow', { rect: e.bounds, text: inputLabel(e) });

export default defineDetector({
  meta: {
    id: 'complaint-channel',
    clause: '4.3',
    title: '提供投诉建议功能',
    messages: {
      form: '{{screen}}的“{{entry}}”入口可打开填写页面（“{{input}}”），提供投诉建议渠道',
      formScreen: '{{screen}}提供投诉建议填写页面（“{{input}}”）',
      contact: '{{screen}}公布用于投诉建议的联系方式“{{contact}}”',
      entryOnly: '{{screen}}有“{{entry}}”入口，但未观察到其后的填写表单或联系方式，需人工确认',
      none: '已遍历{{count}}个应用内页面，未发现投诉、建议或反馈渠道',
      notExplored: '未观察到应用内页面，无法判断是否提供投诉建议功能',
    },
    seek: {
      entries: [
        {
          name: 'complaint',
          weight: 9,
          // Besides the channel's own words: help and contact pages, and the citizens' hotline 12345, list its contacts.
          words: [...COMPLAINT_TERMS, '客服', '帮助', '热线', '联系我们', '联系方式', '12345'],
          ids: ['feedback', 'complain', 'suggest', 'advice', 'opinion', 'message_?board', 'guestbook', 'help', 'contact_?us', 'kefu', 'customer_?service'],
          except: NOT_COMPLAINT_TERMS,
          // An AI service named 客服 (智能客服, AI客服) answers questions; it is not where complaints go.
          yieldsTo: ['ai'],
          decay: 0.5,
        },
      ],
    },
  },
  options: z.object({
    maxEntryLength: z.number().int().positive().default(12),
  }),
  detect(app, ctx) {
    const screens = appScreens(app);
    if (screens.length === 0) return ctx.report({ verdict: 'unknown', messageId: 'notExplored' });

    const entries: { screen: ObservedScreen; t: ScreenText }[] = [];
    for (const screen of screens)
      for (const t of contentTexts(screen)) if (isEntry(screen, t, ctx.options.maxEntryLength) && isComplaintWord(t.text)) entries.push({ screen, t });

    const contacts = screens.flatMap((screen) => screenContacts(screen).map((c) => ({ screen, ...c })));
    const contactEvidence = contacts.map((c) => rowEvidence(c.screen, c.row));

    for (const { screen, t } of entries)
      for (const flow of flowsVia(app, screen, t)) {
        const input = textInputs(flow.to)[0];
        if (!input) continue;
        const data = { screen: screenName(screen), entry: quote(t.text), input: quote(inputLabel(input)) };
        const evidence = [textEvidence(screen, t), inputEvidence(flow.to, input), ...contactEvidence];
        return ctx.report({ verdict: 'pass', messageId: 'form', data, evidence });
      }
    for (const screen of screens) {
      const title = screenTitle(screen);
      const input = textInputs(screen)[0];
      if (!title || !input || !isComplaintWord(title.text)) continue;
      const evidence = [textEvidence(screen, title), inputEvidence(screen, input), ...contactEvidence];
      return ctx.report({ verdict: 'pass', messageId: 'formScreen', data: { screen: screenName(screen), input: quote(inputLabel(input)) }, evidence });
    }
    if (contacts.length) {
      const c = contacts[0];
      return ctx.report({ verdict: 'pass', messageId: 'contact', data: { screen: screenName(c.screen), contact: quote(c.row.text, 40) }, evidence: contactEvidence });
    }
    if (entries.length) {
      const e = entries[0];
      const evidence = entries.map(({ screen, t }) => textEvidence(screen, t));
      return ctx.report({ verdict: 'review', messageId: 'entryOnly', data: { screen: screenName(e.screen), entry: quote(e.t.text) }, evidence });
    }
    ctx.report({ verdict: 'fail', messageId: 'none', data: { count: screens.length } });
  },
});
