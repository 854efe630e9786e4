import type { DeadEndKind, Signals } from '../../src/findings/schema.ts';
import { PERMISSION_WORDS_ZH } from '../../detectors/lib/permissions.ts';
import { escapeMarkup as esc } from '../escape.ts';

/**
 * The report's signals section (findings/1 `signals`): what the app asked for and when, how fresh
 * its content is, and where it leads nowhere — figures beside the verdicts for data minimisation
 * (行业自律公约 art. 8) and "空壳/僵尸" apps (art. 13), readable in a minute. Every value is escaped.
 */
export interface SignalsView {
  signals: Signals;
  /** State key → what a person calls the screen (its title), for the screen columns. */
  screenNames: Record<string, string | undefined>;
}

export const SIGNALS_CSS = `
section.signals .lead{font-size:13px;color:var(--muted);margin:0 0 8px}
section.signals h3{margin:16px 0 6px}
section.signals .flag{color:#a1140c;font-weight:700}
section.signals .ok{color:#1e6b18;font-weight:700}
section.signals table{margin-bottom:4px}
`;

const ANSWER_WORDS: Record<string, string> = {
  'allow-foreground': '仅使用期间允许',
  'allow-once': '仅限本次',
  'allow-always': '始终允许',
  allow: '允许',
  deny: '拒绝',
  unanswered: '未应答',
};
const DEAD_END_WORDS: Record<DeadEndKind, string> = { empty: '无内容（暂无数据、敬请期待等）', error: '错误页面', stub: '空白页面（入口无实际内容）' };

/** Permissions that reach beyond what most government services need: flagged for the inspector. */
const SENSITIVE = new Set(['android.permission.ACCESS_BACKGROUND_LOCATION', 'android.permission.ACCESS_FINE_LOCATION', 'android.permission.CAMERA', 'android.permission.RECORD_AUDIO', 'android.permission.READ_CONTACTS', 'android.permission.READ_CALL_LOG', 'android.permission.READ_SMS']);

function screenCell(v: SignalsView, state: string): string {
  const name = v.screenNames[state];
  return `${name ? `${esc(name)} ` : ''}<span class="state">（${esc(state)}）</span>`;
}

function permissionsBlock(v: SignalsView): string {
  const list = v.signals.permissions;
  const launch = list.filter((p) => p.asked === 'launch').length;
  const head = `<h3>权限申请（${list.length} 项${list.length ? `，其中启动时 ${launch} 项` : ''}）</h3>`;
  if (!list.length) return `${head}<p class="none">爬取过程中未出现系统权限申请对话框</p>`;
  const rows = list.map((p) => {
    const word = PERMISSION_WORDS_ZH[p.permission] ?? p.permission;
    const when = p.asked === 'launch' ? '启动时（用户尚未操作）' : `点击“${p.asked}”后`;
    return `<tr><td>${SENSITIVE.has(p.permission) ? `<span class="flag">${esc(word)}</span>` : esc(word)}<br><code>${esc(p.permission)}</code></td><td>${esc(when)}</td><td>${esc(ANSWER_WORDS[p.answer] ?? p.answer)}</td><td>${p.message ? `“${esc(p.message)}”` : ''}<span class="state">（${esc(p.state)}）</span></td></tr>`;
  });
  return `${head}<table class="signal-permissions"><thead><tr><th>权限</th><th>申请时机</th><th>应答</th><th>对话框</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function freshnessBlock(v: SignalsView): string {
  const f = v.signals.freshness;
  if (!f) return '<h3>内容更新</h3><p class="none">未在列表或文章中发现内容日期</p>';
  const age = f.ageDays === undefined ? '' : `，距检查日${f.crawlDate ? `（${esc(f.crawlDate)}）` : ''} ${f.ageDays} 天`;
  const verdict = f.stale ? '<span class="flag">内容长期未更新</span>' : '<span class="ok">近期有更新</span>';
  return `<h3>内容更新</h3><p>最新内容日期 <strong>${esc(f.newestDate)}</strong>${age}：${verdict}</p><p class="none">见于 ${screenCell(v, f.state)}：“${esc(f.text)}”</p>`;
}

function deadEndsBlock(v: SignalsView): string {
  const list = v.signals.deadEnds;
  const head = `<h3>无效页面（${list.length} 个）</h3>`;
  if (!list.length) return `${head}<p class="none">未发现空白、错误或“敬请期待”类页面</p>`;
  const rows = list.map(
    (d) =>
      `<tr><td>${esc(DEAD_END_WORDS[d.kind] ?? d.kind)}</td><td>${d.entry ? `“${esc(d.entry)}”${d.from ? ` <span class="state">（${esc(d.from)}）</span>` : ''}` : '<span class="none">—</span>'}</td><td>${screenCell(v, d.state)}</td><td>${esc(d.text)}</td></tr>`,
  );
  return `${head}<table class="signal-dead-ends"><thead><tr><th>类型</th><th>入口</th><th>页面</th><th>页面文字</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** The whole section; empty when the findings carry no signals (bundles older than the signals). */
export function signalsSection(v: SignalsView | undefined): string {
  if (!v) return '';
  return `<section class="signals" id="signals">
<h2>辅助信号：权限、内容更新与无效页面</h2>
<p class="lead">以下信息不是条款结论，供核查数据最小化与“空壳/僵尸”应用时参考。</p>
${permissionsBlock(v)}
${freshnessBlock(v)}
${deadEndsBlock(v)}
</section>`;
}
