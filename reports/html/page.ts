import type { Coverage, StopReason, Verdict } from '../../src/findings/schema.ts';
import { describeWall, incompleteNotice } from '../../src/findings/coverage.ts';
import { VERDICTS } from '../../src/findings/schema.ts';
import { STOP_REASON_WORDS, VIA_WORDS, verdictWord } from '../clauses.ts';
import { escapeMarkup as esc } from '../escape.ts';
import { REPORT_CSS } from './styles.ts';
import { beijingTime } from '../time.ts';
import { SIGNALS_CSS, signalsSection, type SignalsView } from './signals.ts';

/**
 * The HTML report as one self-contained page: inline CSS, no script, no external font, every
 * picture inlined (downscaled JPEG data URIs), so the file shows completely on its own; the
 * full-size screenshots are linked by relative path inside the bundle. Every value in the view is
 * untrusted text and is escaped here; hrefs in the view are checked bundle-relative URLs.
 */
export interface StepView {
  text: string;
  from: string;
  to?: string;
}

/** One piece of evidence of a card. */
export interface EvidenceItem {
  via: string;
  text?: string;
  bounds?: number[];
  before?: string;
  after?: string;
  note?: string;
}

/** One evidence card: a screenshot of one screen and what the clause found on it (one or more items). */
export interface EvidenceView {
  /** Annotated copy (every item's box; or the raw screenshot when there is none), inlined as a data URI. */
  image?: string;
  /** The raw screenshot, as a relative href. */
  original?: string;
  state: string;
  /** What a person calls the screen (its title), when recorded. */
  title?: string;
  /** Requests of the screen to hosts outside the app that the browser blocked (H5), when any. */
  blocked?: { count: number; hosts: string[] };
  items: EvidenceItem[];
  path: StepView[];
}

export interface ClauseView {
  clause: string;
  title: string;
  verdict: Verdict;
  summary: string;
  evidence: EvidenceView[];
}

export interface ReportView {
  app: { label?: string; package: string; versionName?: string; versionCode?: string; apkSha256?: string };
  run: { startedAt: string; finishedAt: string; stopReason: string; states: number; actions: number; coverage?: Coverage };
  /** Screens of the app itself (without launchers and system dialogs), as the verdicts count them. */
  inAppScreens: number;
  device: { model?: string; androidVersion?: string; screen?: string; udid?: string };
  tool: string;
  rules: Record<string, string>;
  clauses: ClauseView[];
  graphSvg: string;
  generatedAt: string;
  previousManifests: number;
  /** findings/1 `signals`, when the findings carry them. */
  signals?: SignalsView;
}

const badge = (v: Verdict) => `<span class="badge v-${v === 'n/a' ? 'na' : v}">${esc(verdictWord(v))}</span>`;
const rowClass = (v: Verdict) => `row-${v === 'n/a' ? 'na' : v}`;

const fmtTime = beijingTime;

function verdictTable(clauses: ClauseView[]): string {
  const rows = clauses.map(
    (c) =>
      `<tr class="${rowClass(c.verdict)}"><td class="clause">${esc(c.clause)}</td><td>${esc(c.title)}</td><td class="verdict-cell">${badge(c.verdict)}</td><td>${esc(c.summary)}</td><td>${c.evidence.length ? `<a href="#clause-${esc(c.clause)}">${c.evidence.reduce((n, e) => n + e.items.length, 0)} 项</a>` : '<span class="none">无</span>'}</td></tr>`,
  );
  return `<table class="verdicts"><thead><tr><th>条款</th><th>要求</th><th>结论</th><th>说明</th><th>证据</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function tally(clauses: ClauseView[]): string {
  return `<div class="tally">${VERDICTS.map((v) => {
    const n = clauses.filter((c) => c.verdict === v).length;
    return n ? `<span>${badge(v)}<span class="count">${n}</span></span>` : '';
  }).join('')}</div>`;
}

function itemFields(e: EvidenceItem): [string, string | undefined][] {
  return [
    ['来源', (VIA_WORDS as Record<string, string>)[e.via] ?? e.via],
    ['文字', e.text],
    ['位置', e.bounds ? `[${e.bounds.join(', ')}]` : undefined],
    ['输入', e.before],
    ['回读', e.after],
    ['备注', e.note],
  ];
}

/** 拦截 3 个外部请求（hm.baidu.com、res.wx.qq.com…）: the hosts first, the rest counted. */
export function blockedText(b: { count: number; hosts: string[] }): string {
  const shown = b.hosts.slice(0, 5);
  const more = b.hosts.length > shown.length ? ` 等 ${b.hosts.length} 个域名` : '';
  return `${b.count} 个（${shown.join('、')}${more}），均不属于被检应用，浏览器未予加载`;
}

function evidenceFigure(e: EvidenceView): string {
  const dl: string[] = [];
  const item = (k: string, v: string | undefined) => v && dl.push(`<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`);
  item('界面', e.title ? `${e.state}（${e.title}）` : e.state);
  item('已拦截的外部请求', e.blocked && blockedText(e.blocked));
  let list = '';
  if (e.items.length === 1) for (const [k, v] of itemFields(e.items[0])) item(k, v);
  else {
    // Several findings on one screen: one picture with numbered boxes, the items listed by number.
    const rows = e.items.map((it) => `<li>${itemFields(it).filter(([k, v]) => v && k !== '来源').map(([k, v]) => (k === '文字' ? esc(v) : `<span class="state">${esc(k)} ${esc(v)}</span>`)).join(' ')}</li>`);
    const vias = [...new Set(e.items.map((it) => (VIA_WORDS as Record<string, string>)[it.via] ?? it.via))].join('、');
    item('来源', vias);
    list = `<div><strong>本界面 ${e.items.length} 处</strong><ol class="items">${rows.join('')}</ol></div>`;
  }
  const steps = e.path.length
    ? `<ol class="path">${e.path.map((s) => `<li>${esc(s.text)} <span class="state">→ ${esc(s.to ?? '（离开应用）')}</span></li>`).join('')}</ol>`
    : '<p class="none">启动后即为该界面</p>';
  const pic = e.image ? `<img src="${esc(e.image)}" alt="${esc(`界面 ${e.state} 截图`)}">` : '';
  const img = !pic ? '<p class="none">（无截图）</p>' : e.original ? `<a href="${esc(e.original)}" title="打开原始截图">${pic}</a>` : pic;
  return `<figure class="evidence">${img}<figcaption><dl>${dl.join('')}</dl>${list}<div><strong>到达路径</strong>${steps}</div></figcaption></figure>`;
}

function findingSection(c: ClauseView): string {
  const ev = c.evidence.length ? `<div class="evidence-list">${c.evidence.map(evidenceFigure).join('')}</div>` : '<p class="none">无具体证据（结论基于整体遍历结果）</p>';
  return `<article class="finding" id="clause-${esc(c.clause)}"><div class="head"><h3>${esc(c.clause)} ${esc(c.title)}</h3>${badge(c.verdict)}</div><p class="summary">${esc(c.summary)}</p>${ev}</article>`;
}

/** Says what the screen count counts: the verdicts speak of in-app screens only. */
function screensText(v: ReportView): string {
  if (v.inAppScreens === v.run.states) return `${v.run.states} 个（均为应用内界面）`;
  return `${v.run.states} 个（其中应用内 ${v.inAppScreens} 个，其余为系统对话框、桌面等应用外界面）`;
}

/**
 * The banner a partial crawl opens with (report.html and, printed from it, report.pdf): what was
 * not seen and that absence-based verdicts were withheld. Nothing for a complete crawl.
 */
function partialBanner(v: ReportView): string {
  const notice = incompleteNotice({ stopReason: v.run.stopReason as StopReason, coverage: v.run.coverage });
  if (!notice) return '';
  const walls = v.run.coverage?.walls ?? [];
  const list = walls.length ? `<ul>${walls.map((w) => `<li>${esc(describeWall(w))}</li>`).join('')}</ul>` : '';
  return `<section class="partial-banner" role="alert"><h2>遍历不完整</h2><p>${esc(notice)}</p>${list}</section>`;
}

function coverageRow(c: Coverage | undefined): string | undefined {
  return c ? `${c.screens} 个界面，已尝试 ${c.actionsTried} 个操作，未尝试 ${c.actionsLeft} 个，安全策略拒绝 ${c.refused} 个，未能越过 ${c.walls.length} 处` : '未记录';
}

function metaTable(v: ReportView): string {
  const rows: [string, string | undefined][] = [
    ['应用名称', v.app.label],
    ['包名', v.app.package],
    ['版本', [v.app.versionName, v.app.versionCode && `(${v.app.versionCode})`].filter(Boolean).join(' ') || undefined],
    ['APK SHA-256', v.app.apkSha256],
    ['设备型号', v.device.model],
    ['Android 版本', v.device.androidVersion],
    ['屏幕', v.device.screen],
    ['设备标识', v.device.udid],
    ['开始时间', fmtTime(v.run.startedAt)],
    ['结束时间', fmtTime(v.run.finishedAt)],
    ['结束原因', STOP_REASON_WORDS[v.run.stopReason] ?? v.run.stopReason],
    ['界面数', screensText(v)],
    ['操作数', `${v.run.actions} 次`],
    ['遍历覆盖', coverageRow(v.run.coverage)],
    ['检测工具', v.tool],
    ['规则版本', Object.entries(v.rules).map(([k, r]) => `${k}: ${r}`).join('；') || undefined],
  ];
  return `<table class="meta"><tbody>${rows
    .filter(([, val]) => val)
    .map(([k, val]) => `<tr><th>${esc(k)}</th><td>${esc(val)}</td></tr>`)
    .join('')}</tbody></table>`;
}

export function reportHtml(v: ReportView): string {
  const name = v.app.label ? `${v.app.label}（${v.app.package}）` : v.app.package;
  const withEvidence = v.clauses.filter((c) => c.evidence.length || c.verdict === 'fail' || c.verdict === 'review');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'self' file: data:; style-src 'unsafe-inline'">
<meta name="generator" content="${esc(v.tool)}">
<link rel="icon" href="data:,">
<title>${esc(`合规检查报告 - ${name}`)}</title>
<style>${REPORT_CSS}${SIGNALS_CSS}</style>
</head>
<body>
<main>
<header class="report-head">
<h1>政务移动互联网应用程序合规检查报告</h1>
<p class="subtitle">${esc(name)}${v.app.versionName ? ` · 版本 ${esc(v.app.versionName)}` : ''} · 检查时间 ${esc(fmtTime(v.run.startedAt))}</p>
</header>
${partialBanner(v)}
<section class="summary">
<h2>检查结论</h2>
${tally(v.clauses)}
${verdictTable(v.clauses)}
</section>
<section class="findings">
<h2>详细发现</h2>
${withEvidence.map(findingSection).join('\n') || '<p class="none">无</p>'}
</section>
<section class="graph">
<h2>爬取路径图</h2>
<p class="legend">每个缩略图为一个界面，箭头为引起界面变化的操作；红框界面含“不符合”证据，虚线框为应用外界面，虚线箭头为返回或同层跳转。</p>
<div class="graph-wrap">${v.graphSvg || '<p class="none">无爬取记录</p>'}</div>
</section>
${signalsSection(v.signals)}
<section class="meta">
<h2>运行与设备信息</h2>
${metaTable(v)}
</section>
<footer>本报告为单一文件，图片均已内嵌，可单独转发或归档；点击截图可打开证据包中的原始全尺寸截图（需与证据包目录一同保存）。由 ${esc(v.tool)} 生成于 ${esc(fmtTime(v.generatedAt))}。证据包完整性可用 <code>npx govapp verify &lt;证据包&gt;</code> 校验${v.previousManifests ? `；本证据包曾重新分析或重新生成 ${v.previousManifests} 次，历次清单见 history/` : ''}。</footer>
</main>
</body>
</html>
`;
}
