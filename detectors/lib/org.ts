import { hasEllipsis, norm, squash, stripEllipsis } from './text.ts';
import { PROVINCES } from './filing.ts';
import { GOV_ORG_SUFFIXES, VENDOR_MARKERS } from './vocab.ts';

/** `gov`: a government or Party organisation; `vendor`: a company; `other`: neither recognisably. */
export type OrgKind = 'gov' | 'vendor' | 'other';

export function orgKind(name: string): OrgKind {
  const s = squash(stripEllipsis(name)).replace(/[。.，,;；:：]+$/, '');
  if (VENDOR_MARKERS.some((m) => s.toUpperCase().includes(m.toUpperCase()))) return 'vendor';
  return GOV_ORG_SUFFIXES.some((suffix) => s.endsWith(suffix)) && s.length > 2 ? 'gov' : 'other';
}

/**
 * The role a label gives the unit after it (4.2): `host` 主办/使用 (the unit 4.2 asks for),
 * `operator` 承办/运维/运营 (runs the app for the host), `vendor` 技术支持/制作 (a company),
 * `author` 来源/发布机构/作者 (the author of one article), `identifier` 标识码/公网安备 (a
 * number, not a name).
 */
export type UnitRole = 'host' | 'operator' | 'vendor' | 'author' | 'identifier';

/** Labels of each role, longest first within a role; matched at a field start (line start or after a separator). */
const ROLE_LABELS: readonly (readonly [UnitRole, readonly string[]])[] = [
  // 账号主体 / 服务提供方: the entity a mini-program's or quick app's about page (更多资料/关于) names as its operator of record.
  ['host', ['主办单位', '主管单位', '使用单位', '账号主体', '运营主体', '主体名称', '服务提供方', '主办方', '主办']],
  ['operator', ['承办单位', '运维单位', '运营单位', '建设单位', '维护单位', '承办', '运维']],
  ['vendor', ['技术支持', '技术服务', '设计制作', '网站制作', '制作单位', '开发单位', '制作']],
  ['author', ['信息来源', '发布机构', '发布单位', '发文机关', '发文单位', '来源', '作者', '责任编辑']],
  ['identifier', ['政府网站标识码', '网站标识码', '标识码', '公网安备']],
];

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const ROLE_OF = new Map<string, UnitRole>(ROLE_LABELS.flatMap(([role, ls]) => ls.map((l) => [l, role] as const)));
const ALL_LABELS = [...ROLE_OF.keys()].sort((a, b) => b.length - a.length);
/**
 * A role label at a field start: followed by a colon, or (for two-character-plus labels) by
 * spaces; `公网安备` is followed by the number directly. A province abbreviation may precede
 * 公网安备 (`浙公网安备`), `网站` may precede 标识码.
 */
const ROLE_LABEL_RE = new RegExp(
  `(?:^|[\\s|｜，,；;。])(?:[${PROVINCES}])?(${ALL_LABELS.map(escapeRe).join('|')})(?:\\s*[:：]\\s*|\\s+|$|(?<=公网安备))`,
  'g',
);

/** Where a labelled unit name stops: the next field on the same line. */
const VALUE_END_RE = new RegExp(`[，,；;|｜]|\\s{2,}|技术支持|版权所有|电话|地址|邮箱|备案|[${PROVINCES}]?ICP`);

export interface LabelledUnit {
  label: string;
  role: UnitRole;
  name: string;
}

/**
 * A unit named before its role, as a field of its own (`某省人民政府办公厅主办`, `某市大数据中心承办`
 * — a common portal footer form): a government name (no spaces, digits or `由`), then the role word,
 * then the field's end or the next footer field (`苏公网安备…`, `版权所有`, `备案序号`).
 */
const SUFFIX_FIELD_RE = new RegExp(
  `(?:^|[\\s|｜，,；;])([^\\s|｜，,；;。:：\\d由]{4,30}?)(主办|承办|运维)(?=$|[\\s|｜，,；;]|[${PROVINCES}]?(?:ICP|公网安备)|版权所有|备案|政府网站标识码|网站标识码)`,
  'g',
);

/**
 * Every labelled field of a line, with its role: `主办单位：某市人民政府办公厅  承办单位：某市
 * 大数据中心  技术支持：某某科技有限公司  网站标识码：3301000001` gives four. A value ends at the
 * next field (another label, a separator, two spaces). A government name followed by its role
 * (`某省人民政府办公厅主办`) is a field too. Labels inside a sentence (`由市委宣传部主办`,
 * `…联合会共同主办的展览`) are not fields.
 */
export function labelledUnits(text: string): LabelledUnit[] {
  const prefixed = fields(text).filter((f) => f.name !== '');
  const suffixed = [...text.trim().matchAll(SUFFIX_FIELD_RE)]
    .map((m) => ({ label: m[2], role: ROLE_OF.get(m[2])!, name: m[1] }))
    .filter((u) => orgKind(u.name) === 'gov' && !prefixed.some((p) => p.name.includes(u.name)));
  return [...prefixed, ...suffixed];
}

function fields(text: string): LabelledUnit[] {
  const t = text.trim();
  const hits = [...t.matchAll(ROLE_LABEL_RE)];
  return hits.map((m, i) => {
    const label = m[1];
    const rest = t.slice(m.index + m[0].length, i + 1 < hits.length ? hits[i + 1].index : t.length);
    const end = VALUE_END_RE.exec(rest);
    return { label, role: ROLE_OF.get(label)!, name: (end ? rest.slice(0, end.index) : rest).trim() };
  });
}

/** The first host or operator field of a line: `主办单位：某省委组织部` → { label: '主办单位', name: '某省委组织部' }. */
export function labelledUnit(text: string): { label: string; name: string } | undefined {
  const u = labelledUnits(text).find((x) => x.role === 'host' || x.role === 'operator');
  return u ? { label: u.label, name: u.name } : undefined;
}

/** The role of the field a line starts with (or is: a bare label such as `发布机构`), if any. */
export function leadingRole(text: string): UnitRole | undefined {
  const f = fields(text)[0];
  return f && text.trim().indexOf(f.label) <= 1 ? f.role : undefined;
}

/** A text that is nothing but an organisation name (a logo line, a footer): one token, no digits. */
export function isStandaloneOrg(text: string): boolean {
  const t = norm(text);
  const len = Array.from(squash(t)).length;
  return !/\s/.test(t) && !/\d/.test(t) && !hasEllipsis(t) && len >= 4 && len <= 30 && orgKind(t) === 'gov';
}
