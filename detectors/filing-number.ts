import { z } from 'zod';
import type { ObservedScreen } from '../src/observation.ts';
import { defineDetector } from './define.ts';
import { ABOUT_PAGE } from './lib/about-page.ts';
import { rowEvidence } from './lib/evidence.ts';
import { findFilingNumbers, normalizeFiling, type FilingMatch } from './lib/filing.ts';
import { appScreens, contentTexts, isClipped, rowsOf, screenName, type Row } from './lib/screens.ts';
import { display, quote, unique } from './lib/text.ts';

interface Seen {
  screen: ObservedScreen;
  row: Row;
  match: FilingMatch;
  cut: boolean;
}

export default defineDetector({
  meta: {
    id: 'filing-number',
    clause: '5',
    title: '显示备案编号',
    basis: { cutOff: 'absence' }, // fail only because no complete number was found
    messages: {
      found: '{{screen}}显示备案编号“{{number}}”，完整清晰',
      foundWebsite: '{{screen}}显示网站备案编号“{{number}}”，完整清晰（H5应用适用网站ICP备案号）',
      website: '{{screen}}显示的备案号“{{number}}”没有App备案的“A”后缀，可能是网站备案号，需人工确认',
      cutOff: '{{screen}}的备案编号显示不完整：“{{text}}”',
      none: '已遍历{{count}}个应用内页面，未发现备案编号',
      notExplored: '未观察到应用内页面，无法判断是否显示备案编号',
    },
    seek: { entries: [ABOUT_PAGE] },
  },
  options: z.object({}),
  detect(app, ctx) {
    const screens = appScreens(app);
    if (screens.length === 0) return ctx.report({ verdict: 'unknown', messageId: 'notExplored' });

    const seen: Seen[] = [];
    for (const screen of screens) {
      // Single texts first (their own bounds), then rows for a label and number in separate elements.
      const single = contentTexts(screen).map((t): Row => ({ texts: [t], text: display(t.text), bounds: t.bounds }));
      for (const row of [...single, ...rowsOf(screen)])
        for (const match of findFilingNumbers(row.text)) {
          const cut = !match.complete || row.texts.some((t) => /ICP|备案|\d{6}/.test(normalizeFiling(t.text)) && isClipped(screen, t.bounds));
          seen.push({ screen, row, match, cut });
        }
    }
    const all = unique(seen, (s) => `${s.screen.state}\n${s.match.number}\n${s.cut}`);
    const evidence = (xs: Seen[]) => xs.slice(0, 4).map((s) => rowEvidence(s.screen, s.row));
    const data = (s: Seen) => ({ screen: screenName(s.screen), number: s.match.number, text: quote(s.row.text, 40) });

    // An H5 app is a website: its ICP filing (京ICP备05070602号-1) is the applicable 备案编号.
    if (isWebApp(screens)) {
      const site = all.filter((s) => !s.cut && s.match.icp && !s.match.app);
      if (site.length && !all.some((s) => !s.cut && s.match.app))
        return ctx.report({ verdict: 'pass', messageId: 'foundWebsite', data: data(site[0]), evidence: evidence(site) });
    }
    const found = all.filter((s) => !s.cut && (s.match.app || !s.match.icp));
    if (found.length) return ctx.report({ verdict: 'pass', messageId: 'found', data: data(found[0]), evidence: evidence(found) });
    const website = all.filter((s) => !s.cut);
    if (website.length) return ctx.report({ verdict: 'review', messageId: 'website', data: data(website[0]), evidence: evidence(website) });
    if (all.length) return ctx.report({ verdict: 'fail', messageId: 'cutOff', data: data(all[0]), evidence: evidence(all) });
    ctx.report({ verdict: 'fail', messageId: 'none', data: { count: screens.length } });
  },
});

/** Every screen is a web page of its own (an H5 app in a browser), not a native screen or a WebView inside one. */
function isWebApp(screens: readonly ObservedScreen[]): boolean {
  return screens.every((s) => s.snapshot.roots.length > 0 && s.snapshot.roots.every((r) => s.snapshot.elements[r].attrs['web-tag'] === 'html'));
}
