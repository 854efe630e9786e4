import { VERDICTS } from '../../src/findings/schema.ts';
import { VERDICT_COLORS } from '../clauses.ts';

/** The report's only stylesheet, inlined: screen and print (A4, page breaks between sections). */
const verdictRules = VERDICTS.map((v) => {
  const c = VERDICT_COLORS[v];
  const cls = v === 'n/a' ? 'na' : v;
  return `.v-${cls}{color:${c.fg};background:${c.bg}} tr.row-${cls} td.verdict-cell{border-left:6px solid ${c.bg}}`;
}).join('\n');

/**
 * Fonts, in fallback order: Noto CJK for text, then BabelStone Han for what it lacks — the
 * rare ideographs of CJK Extensions B–H that GB 18030-2022 level 3 covers and the 4.4 row names
 * (Debian: fonts-noto-cjk, fonts-babelstone-han).
 */
export const REPORT_FONTS = `"Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","PingFang SC","Microsoft YaHei","BabelStone Han","HanaMinB",sans-serif`;

export const REPORT_CSS = `
:root{--ink:#1f2933;--muted:#616e7c;--line:#d9dee3;--paper:#ffffff;--tint:#f5f7fa}
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0;background:var(--tint);color:var(--ink);font:15px/1.6 ${REPORT_FONTS}}
main{max-width:1100px;margin:0 auto;padding:24px 32px 48px;background:var(--paper)}
header.report-head{border-bottom:3px solid #c62828;padding-bottom:12px;margin-bottom:20px}
h1{font-size:26px;margin:0 0 4px}
h2{font-size:20px;margin:32px 0 12px;padding-bottom:4px;border-bottom:1px solid var(--line)}
h3{font-size:17px;margin:0 0 6px}
.subtitle{color:var(--muted);margin:0}
.partial-banner{border:2px solid #e65100;background:#fff3e0;color:#3e2700;padding:12px 16px;margin:0 0 20px;border-radius:6px;break-inside:avoid}
.partial-banner h2{margin:0 0 6px;color:#bf360c;font-size:1.2em}
.partial-banner p{margin:0}
.partial-banner ul{margin:6px 0 0;padding-left:1.4em}
.badge{display:inline-block;padding:1px 10px;border-radius:12px;font-weight:700;font-size:13px;white-space:nowrap}
${verdictRules}
.tally{display:flex;gap:12px;flex-wrap:wrap;margin:12px 0}
.tally span.count{font-weight:700;margin-left:4px}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid var(--line);padding:6px 10px;text-align:left;vertical-align:top}
th{background:var(--tint);font-weight:700;white-space:nowrap}
table.verdicts td.clause{font-weight:700;white-space:nowrap}
table.meta th{width:180px}
.finding{border:1px solid var(--line);border-radius:6px;padding:14px 16px;margin:0 0 16px}
.finding .head{display:flex;gap:10px;align-items:center;flex-wrap:wrap}
.finding .summary{margin:6px 0 10px}
.evidence-list{display:flex;flex-wrap:wrap;gap:16px}
figure.evidence{margin:0;width:300px;border:1px solid var(--line);border-radius:4px;padding:8px;background:var(--tint)}
figure.evidence img{display:block;width:100%;height:auto;border:1px solid var(--line);background:#fff}
figure.evidence figcaption{font-size:13px;margin-top:6px;word-break:break-all}
figure.evidence dl{margin:0;display:grid;grid-template-columns:auto 1fr;gap:0 8px}
figure.evidence dt{color:var(--muted)}
figure.evidence dd{margin:0}
ol.path,ol.items{margin:4px 0 0;padding-left:20px;font-size:13px}
ol.path .state{color:var(--muted)}
.none{color:var(--muted)}
.graph-wrap{overflow-x:auto;border:1px solid var(--line);border-radius:6px;padding:8px;background:#fff}
svg.crawl-graph{display:block;margin:0 auto;max-width:100%;height:auto;font-family:inherit}
svg.crawl-graph .edge-label{font-size:11px;fill:#37474f;paint-order:stroke;stroke:#fff;stroke-width:3px}
svg.crawl-graph .node-label{font-size:12px;fill:var(--ink)}
.legend{font-size:13px;color:var(--muted)}
footer{margin-top:40px;font-size:12px;color:var(--muted);border-top:1px solid var(--line);padding-top:8px}
code{font-family:"Noto Sans Mono CJK SC","DejaVu Sans Mono","BabelStone Han",monospace;font-size:12.5px;word-break:break-all}
@page{size:A4;margin:14mm 12mm}
@media print{
  body{background:#fff;font-size:12px}
  main{max-width:none;padding:0}
  h2{break-after:avoid}
  section.findings,section.graph,section.meta{break-before:page}
  h2,h3,.finding .head,.finding .summary{break-after:avoid}
  table.verdicts tr{break-inside:avoid}
  /* Flex items are split across pages by Chromium; inline blocks are atomic: a card never splits. */
  .evidence-list{display:block}
  figure.evidence{display:inline-block;vertical-align:top;width:46%;margin:0 2% 12px 0;break-inside:avoid}
  /* The graph with its heading and legend on one page (A4 less margins is about 269 mm). */
  section.graph{break-inside:avoid}
  .graph-wrap{overflow:visible;border:none;padding:0}
  svg.crawl-graph{max-height:225mm;width:auto}
  a{color:inherit;text-decoration:none}
}
`;
