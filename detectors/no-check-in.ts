import { z } from 'zod';
import type { Evidence } from '../src/findings/schema.ts';
import type { ObservedScreen, ScreenText } from '../src/observation.ts';
import { defineDetector } from './define.ts';
import { screenEvidence, textEvidence } from './lib/evidence.ts';
import { flowsVia, type Flow } from './lib/flows.ts';
import { findScenario, scenarioContext, type ScenarioMatch } from './lib/scenario.ts';
import { appScreens, contentTexts, isEntry, screenName } from './lib/screens.ts';
import { charLength, findTerm, norm, quote, squash } from './lib/text.ts';
import { CHECK_IN_CONFIRM_RE, CHECK_IN_TERMS, SPECIAL_SCENARIOS } from './lib/vocab.ts';

/** One check-in function seen: an entry (maybe with the confirmation its tap led to) or a bare confirmation. */
interface Finding {
  screen: ObservedScreen;
  entry?: ScreenText;
  confirm?: { screen: ObservedScreen; text: ScreenText; flow?: Flow };
  scenario?: ScenarioMatch;
}

/** Short status texts confirming a check-in (not a sentence of an article that quotes the words). */
const confirmationsOn = (s: ObservedScreen) =>
  contentTexts(s).filter((t) => charLength(t.text) <= 24 && CHECK_IN_CONFIRM_RE.test(squash(t.text)) && !(t.clickable && !isEntry(s, t, 24)));

export default defineDetector({
  meta: {
    id: 'no-check-in',
    clause: '4.1.1',
    title: '不得设置打卡签到功能',
    messages: {
      entry: '{{screen}}提供“{{entry}}”打卡签到入口',
      entryConfirmed: '{{screen}}提供“{{entry}}”入口，点击后显示“{{confirm}}”，存在打卡签到功能',
      confirmed: '{{screen}}显示“{{confirm}}”，存在打卡签到功能',
      scenario: '发现打卡签到功能“{{entry}}”，位于{{scenario}}场景（依据“{{term}}”），属标准允许的特殊场景，需人工确认',
      none: '已遍历{{count}}个应用内页面，未发现打卡签到功能',
      notExplored: '未观察到应用内页面，无法判断是否存在打卡签到功能',
    },
    seek: {
      entries: [
        { name: 'check-in', weight: 10, words: CHECK_IN_TERMS, ids: ['sign_?in', 'check_?in', 'punch', 'clock_?in', 'qiandao', 'daka'], decay: 0.4 },
        // Check-in is allowed only in special scenarios (patrols, duty, emergencies), where it is common: worth a look for review.
        { name: 'scenario', weight: 4, words: SPECIAL_SCENARIOS.flatMap((s) => s.terms), ids: ['patrol', 'inspect', 'duty', 'emergency'], decay: 0.6 },
      ],
    },
  },
  options: z.object({
    /** Longest text (characters) still taken for an entry rather than a headline. */
    maxEntryLength: z.number().int().positive().default(12),
  }),
  detect(app, ctx) {
    const screens = appScreens(app);
    if (screens.length === 0) return ctx.report({ verdict: 'unknown', messageId: 'notExplored' });

    const findings: Finding[] = [];
    const confirmedVia = new Set<string>();
    for (const screen of screens)
      for (const entry of contentTexts(screen)) {
        if (!isEntry(screen, entry, ctx.options.maxEntryLength) || !findTerm(entry.text, CHECK_IN_TERMS)) continue;
        if (findings.some((f) => f.screen === screen && f.entry && norm(f.entry.text) === norm(entry.text))) continue;
        const flows = flowsVia(app, screen, entry);
        const flow = flows.find((f) => confirmationsOn(f.to).length > 0) ?? flows[0];
        const text = flow ? confirmationsOn(flow.to)[0] : undefined;
        if (flow && text) confirmedVia.add(flow.to.state);
        const confirm = flow && text ? { screen: flow.to, text, flow } : undefined;
        const scenario = findScenario(scenarioContext(app, screen, [entry.text, ...(text ? [text.text] : [])], flow));
        findings.push({ screen, entry, confirm, scenario });
      }
    for (const screen of screens) {
      if (confirmedVia.has(screen.state)) continue;
      const text = confirmationsOn(screen)[0];
      if (text) findings.push({ screen, confirm: { screen, text }, scenario: findScenario(scenarioContext(app, screen, [text.text])) });
    }

    const evidenceOf = (f: Finding): Evidence[] => [
      ...(f.entry ? [textEvidence(f.screen, f.entry)] : []),
      ...(f.confirm ? [f.confirm.flow ? textEvidence(f.confirm.screen, f.confirm.text, { via: 'flow' }) : textEvidence(f.confirm.screen, f.confirm.text)] : []),
    ];
    const plain = findings.filter((f) => !f.scenario);
    if (plain.length) {
      const first = plain.find((f) => f.entry && f.confirm) ?? plain.find((f) => f.entry) ?? plain[0];
      const data = { screen: screenName(first.screen), entry: quote(first.entry?.text ?? ''), confirm: quote(first.confirm?.text.text ?? '') };
      const messageId = first.entry ? (first.confirm ? 'entryConfirmed' : 'entry') : 'confirmed';
      const rest = plain.filter((f) => f !== first);
      return ctx.report({ verdict: 'fail', messageId, data, evidence: [first, ...rest].flatMap(evidenceOf) });
    }
    if (findings.length) {
      const first = findings.find((f) => f.entry) ?? findings[0];
      const scenario = first.scenario!;
      const evidence = findings.flatMap(evidenceOf);
      if (evidence.length === 0) evidence.push(screenEvidence(first.screen, 'a11y'));
      return ctx.report({
        verdict: 'review',
        messageId: 'scenario',
        data: { entry: quote(first.entry?.text ?? first.confirm!.text.text), scenario: scenario.scenario, term: scenario.term },
        evidence,
      });
    }
    ctx.report({ verdict: 'pass', messageId: 'none', data: { count: screens.length } });
  },
});
