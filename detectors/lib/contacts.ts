import { findTerm, norm } from './text.ts';
import { COMPLAINT_CONTACT_LABELS, CONTACT_LABELS, OPERATIONAL_CONTACT_LABELS, SERVICE_HOTLINES } from './vocab.ts';

/** Ways to reach a person that an app may publish (4.3 complaint channel, 6.h reporting). */
export type ContactKind = 'mobile' | 'landline' | 'hotline' | 'email' | 'fax';

export interface ContactMatch {
  kind: ContactKind;
  value: string;
}

/** Mainland mobile numbers: 1[3-9] + 9 digits. */
export const MOBILE_RE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;
/** Landlines with area code: 0571-12345678, 010 12345678, (0571)12345678. */
export const LANDLINE_RE = /(?<![\d-])(?:\(0\d{2,3}\)\s*|0\d{2,3}[-\s]?)\d{7,8}(?!\d)/g;
/** Nationwide 400/800 numbers: 400-123-4567, 8001234567. */
export const FREEPHONE_RE = /(?<!\d)[48]00[-\s]?\d{3}[-\s]?\d{4}(?!\d)/g;
export const EMAIL_RE = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
/** Fax: a number introduced by 传真. */
export const FAX_RE = /传真\s*[:：]?\s*((?:\(0\d{2,3}\)\s*|0\d{2,3}[-\s]?)\d{7,8})(?!\d)/g;

const hotlineRe = (numbers: readonly string[]) => new RegExp(`(?<![\\d-])(?:${numbers.join('|')})(?!\\d)`, 'g');

/** Every phone number, hotline, email address and fax number in `text` (NFKC: full-width digits count). */
export function findContacts(text: string, hotlines: readonly string[] = SERVICE_HOTLINES): ContactMatch[] {
  const t = norm(text);
  const out: ContactMatch[] = [];
  const fax = new Set<string>();
  for (const m of t.matchAll(FAX_RE)) {
    out.push({ kind: 'fax', value: m[1] });
    fax.add(m[1]);
  }
  for (const m of t.matchAll(LANDLINE_RE)) if (!fax.has(m[0])) out.push({ kind: 'landline', value: m[0] });
  for (const m of t.matchAll(MOBILE_RE)) out.push({ kind: 'mobile', value: m[0] });
  for (const m of t.matchAll(FREEPHONE_RE)) out.push({ kind: 'hotline', value: m[0] });
  if (hotlines.length) for (const m of t.matchAll(hotlineRe(hotlines))) out.push({ kind: 'hotline', value: m[0] });
  for (const m of t.matchAll(EMAIL_RE)) out.push({ kind: 'email', value: m[0] });
  return out;
}

/** Contact details introduced as such (客服电话：…, 邮箱：…, 12345热线): the first match, else undefined. */
export function labelledContact(text: string, hotlines: readonly string[] = SERVICE_HOTLINES): ContactMatch | undefined {
  if (!findTerm(text, CONTACT_LABELS)) return undefined;
  return findContacts(text, hotlines)[0];
}

/**
 * A contact offered as a complaint / suggestion channel (4.3): labelled for complaints or
 * suggestions (投诉电话, 监督电话, 意见建议邮箱), a government service hotline (12345…), or any
 * labelled contact in an about / contact-us section (`inContactSection`). A number labelled for an
 * operational purpose (值班电话, 报警, 预约电话, a shop's 客服) is none, wherever it is.
 */
export function complaintContact(text: string, inContactSection: boolean, hotlines: readonly string[] = SERVICE_HOTLINES): ContactMatch | undefined {
  const contact = labelledContact(text, hotlines);
  if (!contact || findTerm(text, OPERATIONAL_CONTACT_LABELS)) return undefined;
  if (contact.kind === 'hotline' && hotlines.includes(contact.value)) return contact;
  return inContactSection || findTerm(text, COMPLAINT_CONTACT_LABELS) ? contact : undefined;
}
