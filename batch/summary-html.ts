import { escapeMarkup } from '../src/escape.ts';
import type { ClauseId, Verdict } from '../src/findings/schema.ts';
import { VERDICT_WORDS } from '../reports/clauses.ts';
import { beijingTime } from '../reports/time.ts';
import { formatMs } from './duration.ts';
import type { BatchSummary, SummaryApp } from './summary.ts';



/** Short names of the clauses of 政务移动互联网应用程序管理要求, for column heads. */
export const CLAUSE_ZH: Record<ClauseId, string> = {
  '4.1.1': '打卡签到',
  '4.1.2': '积分排名',
  '4.1.3': '在线时长',
  '4.2': '主办单位',
  '4.3': '投诉建议',
  '4.4': '中文编码',
  '5': '备案编号',
  '6.d': '留痕上传',
  '6.h': '违规举报',
  '6.i': '商业活动',
  '7.3': 'AI标识',
};

const STATUS_ZH: Record<SummaryApp['status'], string> = { ok: '完成', error: '出错', pending: '未完成' };

/** HTML text and attribute values: the one markup escaper (bidi controls removed). */
export const escapeHtml = escapeMarkup;

/** A relative link, encoded per path segment so ids with odd characters still work. */
const href = (p: string) => escapeHtml(p.split('/').map(encodeURIComponent).join('/'));

const CSS = `
body{font:14px/1.5 -apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:24px;color:#222}
h1{font-size:20px;margin:0 0 4px}.meta{color:#666;margin-bottom:16px}
.counts span{display:inline-block;margin-right:16px}
table{border-collapse:collapse;margin-top:12px}th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f5f5f5;font-weight:600}th small{display:block;font-weight:400;color:#666}
td.v{text-align:center;white-space:nowrap}
.fail{background:#fde2e1;color:#a1140c}.pass{background:#e3f4e1;color:#1e6b18}.review{background:#fff4d6;color:#7a5300}
.na{background:#eef1f5;color:#555}.unknown{background:#f2f2f2;color:#888}
.st-error{color:#a1140c;font-weight:600}.incomplete{color:#bf360c;font-weight:600}.st-pending{color:#888}.err{color:#a1140c;font-size:12px;max-width:28em}
`;

const verdictClass = (v: Verdict) => (v === 'n/a' ? 'na' : v);

function row(s: BatchSummary, a: SummaryApp): string {
  const name = a.label ? `${escapeHtml(a.label)}<br><small>${escapeHtml(a.package ?? '')}</small>` : escapeHtml(a.package ?? '');
  const links = [a.report ? `<a href="${href(a.report)}">报告</a>` : '', a.findings ? `<a href="${href(a.findings)}">findings.json</a>` : '']
    .filter(Boolean)
    .join(' · ');
  const cells = s.clauses
    .map((c) => {
      const v = a.verdicts[c];
      return v ? `<td class="v ${verdictClass(v)}" title="${escapeHtml(v)}">${VERDICT_WORDS[v]}</td>` : '<td class="v"></td>';
    })
    .join('');
  const status = `${STATUS_ZH[a.status]}${a.partial ? '（部分结果）' : ''}`;
  const err = a.error ? `<div class="err">${escapeHtml(`${a.error.code}: ${a.error.message}`)}</div>` : '';
  const cov = a.status === 'pending' ? '' : a.incomplete ? `<span class="incomplete" title="${escapeHtml(a.incomplete)}">不完整</span><div class="err">${escapeHtml(a.incomplete)}</div>` : '完整';
  const dur = a.durationMs === undefined ? '' : formatMs(a.durationMs);
  return `<tr><td>${escapeHtml(a.id)}</td><td>${name}</td><td class="st-${a.status}">${status}${err}</td><td class="cov">${cov}</td>${cells}<td>${links}</td><td>${escapeHtml(a.device ?? '')}<br><small>${escapeHtml(dur)}${a.attempts && a.attempts > 1 ? ` · 第${a.attempts}次尝试` : ''}</small></td></tr>`;
}

/** batch.html: one self-contained page (no scripts, no external files) linking to each bundle. */
export function renderSummaryHtml(s: BatchSummary): string {
  const c = s.counts;
  const heads = s.clauses.map((cl) => `<th>${escapeHtml(cl)}<small>${escapeHtml(CLAUSE_ZH[cl])}</small></th>`).join('');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>批量检测汇总</title><style>${CSS}</style></head><body>
<h1>批量检测汇总</h1>
<div class="meta">${escapeHtml(s.tool.name)} ${escapeHtml(s.tool.version)} · 生成于 ${escapeHtml(beijingTime(s.generatedAt))}${s.finished ? '' : ' · <b>批次尚未全部完成</b>'}</div>
<div class="counts"><span>应用 ${c.total}</span><span>完成 ${c.ok}</span><span>出错 ${c.error}</span><span>未完成 ${c.pending}</span><span>部分结果 ${c.partial}</span><span>遍历不完整 ${c.incomplete ?? 0}</span></div>
<table><thead><tr><th>编号</th><th>应用</th><th>状态</th><th>遍历覆盖</th>${heads}<th>证据</th><th>设备</th></tr></thead>
<tbody>
${s.apps.map((a) => row(s, a)).join('\n')}
</tbody></table>
</body></html>
`;
}
