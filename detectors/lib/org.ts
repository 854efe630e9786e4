import { hasEllipsis, norm, squash, stripEllipsis } from './text.ts';
import { GOV_ORG_SUFFIXES, UNIT_LABEL_RE, VENDOR_MARKERS } from './vocab.ts';

/** `gov`: a government or Party organisation; `vendor`: a company; `other`: neither recognisably. */
export type OrgKind = 'gov' | 'vendor' | 'other';

export function orgKind(name: string): OrgKind {
  const s = squash(stripEllipsis(name)).replace(/[。.，,;；:：]+$/, '');
  if (VENDOR_MARKERS.some((m) => s.toUpperCase().includes(m.toUpperCase()))) return 'vendor';
  return GOV_ORG_SUFFIXES.some((suffix) => s.endsWith(suffix)) && s.length > 2 ? 'gov' : 'other';
}

/** Where a labelled unit name stops: the next field on the same line. */
const VALUE_END_RE = /[，,；;|｜]|\s{2,}|技术支持|版权所有|电话|地址|邮箱|备案/;

/** `主办单位：某省委组织部` → { label: '主办单位', name: '某省委组织部' }. */
export function labelledUnit(text: string): { label: string; name: string } | undefined {
  const t = text.trim();
  const m = UNIT_LABEL_RE.exec(t);
  if (!m) return undefined;
  const rest = t.slice(m.index + m[0].length);
  const end = VALUE_END_RE.exec(rest);
  const name = (end ? rest.slice(0, end.index) : rest).trim();
  return name ? { label: m[1] ?? m[2] ?? m[3], name } : undefined;
}

/** A text that is nothing but an organisation name (a logo line, a footer): one token, no digits. */
export function isStandaloneOrg(text: string): boolean {
  const t = norm(text);
  const len = Array.from(squash(t)).length;
  return !/\s/.test(t) && !/\d/.test(t) && !hasEllipsis(t) && len >= 4 && len <= 30 && orgKind(t) === 'gov';
}
