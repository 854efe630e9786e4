import { z } from 'zod';
import type { Evidence } from '../src/findings/schema.ts';
import type { CrawlObservation, ObservedScreen, ProbeResult, ScreenText } from '../src/observation.ts';
import { defineDetector } from './define.ts';
import { isAiLabel, mentionsAi } from './lib/ai-label.ts';
import { textEvidence } from './lib/evidence.ts';
import { flowsVia, screensByState } from './lib/flows.ts';
import { appScreens, contentTexts, isEntry, screenName, screenTitle } from './lib/screens.ts';
import { charLength, norm, quote } from './lib/text.ts';
import { AI_SERVICE_TERMS } from './lib/vocab.ts';

type AiProbe = Extract<ProbeResult, { kind: 'ai-question' }>;
/** Canned greetings and prompts of a chat screen are not generated answers (nor is an intro above the first question). */
const CANNED_RE = /^(您好|你好|嗨|hi|hello)[，,！!~\s]*我是|有什么(可以|能)?(帮|为)|请输入您?的问题|猜你想问|常见问题|试试这样问/i;

interface Answer {
  screen: ObservedScreen;
  t: ScreenText;
  label?: ScreenText;
  status: 'labelled' | 'unlabelled';
  probe?: AiProbe;
}

/** AI screens: where AI entries led, screens titled as AI services or carrying AI labels, probe answer screens. */
function aiScreens(app: CrawlObservation, screens: ObservedScreen[], services: { screen: ObservedScreen; t: ScreenText }[]) {
  const out = new Map<string, { screen: ObservedScreen; probe?: AiProbe }>();
  const byState = screensByState(app);
  for (const s of services) for (const f of flowsVia(app, s.screen, s.t)) out.set(f.to.state, { screen: f.to });
  for (const s of screens) {
    const title = screenTitle(s);
    if ((title && mentionsAi(title.text, AI_SERVICE_TERMS)) || contentTexts(s).some((t) => isAiLabel(t.text))) out.set(s.state, { screen: s });
  }
  for (const p of app.probes)
    if (p.kind === 'ai-question' && p.answerState && byState.get(p.answerState)?.inApp) out.set(p.answerState, { screen: byState.get(p.answerState)!, probe: p });
  return [...out.values()];
}

export default defineDetector({
  meta: {
    id: 'ai-label',
    clause: '7.3',
    title: 'AI生成内容按GB 45438标识',
    messages: {
      labelled: '{{screen}}的AI服务交互界面标注“{{label}}”，符合显式标识要求',
      unlabelled: '{{screen}}的AI服务回答未标注“人工智能生成”等显式标识：“{{answer}}”',
      noAnswer: '发现AI服务“{{service}}”，但未观察到其回答内容，无法判定是否标注',
      noService: '未发现智能问答、智能助手等AI服务，本条不适用',
      notExplored: '未观察到应用内页面，无法判断是否提供AI服务',
    },
    seek: {
      entries: [
        {
          name: 'ai',
          weight: 8,
          words: [...AI_SERVICE_TERMS, '智能', 'AI'],
          ids: ['ai(_|$)', 'assistant', 'chat_?bot', 'robot', 'smart_?qa'],
          decay: 0.5,
        },
      ],
      // Labels show on answers: ask the service one harmless question.
      probes: [{ probe: 'ai-question', serviceWords: AI_SERVICE_TERMS }],
    },
  },
  options: z.object({
    /** Shortest text (characters) taken for a generated answer. */
    minAnswerLength: z.number().int().positive().default(15),
    maxEntryLength: z.number().int().positive().default(12),
  }),
  detect(app, ctx) {
    const { minAnswerLength, maxEntryLength } = ctx.options;
    const screens = appScreens(app);
    const services = screens.flatMap((screen) =>
      contentTexts(screen)
        .filter((t) => isEntry(screen, t, maxEntryLength) && mentionsAi(t.text, AI_SERVICE_TERMS))
        .map((t) => ({ screen, t })),
    );
    const targets = aiScreens(app, screens, services);
    const probes = app.probes.filter((p): p is AiProbe => p.kind === 'ai-question');
    if (!screens.length && !probes.length) return ctx.report({ verdict: 'unknown', messageId: 'notExplored' });
    if (!services.length && !targets.length && !probes.length) return ctx.report({ verdict: 'n/a', messageId: 'noService' });

    const answers: Answer[] = [];
    for (const { screen, probe } of targets) {
      const texts = contentTexts(screen);
      const labels = texts.filter((t) => isAiLabel(t.text));
      const title = screenTitle(screen);
      const { width } = screen.snapshot;
      // Answers follow a question: the user's bubble (right-aligned) or the probe's question.
      const isQuestion = (t: ScreenText) =>
        t !== title && !t.clickable && ((t.bounds.x1 > width * 0.35 && t.bounds.x2 > width * 0.8) || (!!probe && norm(t.text) === norm(probe.question)));
      const questions = texts.filter(isQuestion);
      // Without a question, only text next to an AI label is taken for generated output (e.g. a labelled summary).
      const asked = questions.length > 0 || !!probe;
      if (!asked && !labels.length) continue;
      const firstQuestion = questions.length ? Math.min(...questions.map((q) => q.bounds.y1)) : -Infinity;
      for (const t of texts) {
        const s = norm(t.text);
        if (t === title || t.clickable || isQuestion(t) || t.bounds.y1 < firstQuestion) continue;
        if (charLength(s) < minAnswerLength || CANNED_RE.test(s) || (isAiLabel(s) && charLength(s) <= 30)) continue;
        // GB 45438 allows the label at the start, end or middle of the text, or prominently in the
        // interaction interface: any label on the answer's screen counts; the nearest is cited.
        const gap = (l: ScreenText) => Math.max(0, l.bounds.y1 - t.bounds.y2, t.bounds.y1 - l.bounds.y2);
        const label = isAiLabel(s) ? t : [...labels].sort((a, b) => gap(a) - gap(b))[0];
        if (asked || label) answers.push({ screen, t, label, status: label ? 'labelled' : 'unlabelled', probe });
      }
    }
    const ev = (a: Answer): Evidence[] => [
      textEvidence(a.screen, a.t, a.probe ? { via: 'probe', before: a.probe.question } : {}),
      ...(a.label && a.label !== a.t ? [textEvidence(a.screen, a.label)] : []),
    ];
    const data = (a: Answer) => ({ screen: screenName(a.screen), answer: quote(a.t.text), label: quote(a.label?.text ?? '') });
    for (const status of ['unlabelled', 'labelled'] as const) {
      const group = answers.filter((a) => a.status === status);
      if (!group.length) continue;
      return ctx.report({ verdict: status === 'unlabelled' ? 'fail' : 'pass', messageId: status, data: data(group[0]), evidence: group.flatMap(ev) });
    }
    const service = services[0]?.t.text ?? (targets[0] ? (screenTitle(targets[0].screen)?.text ?? targets[0].screen.state) : probes[0].question);
    ctx.report({ verdict: 'unknown', messageId: 'noAnswer', data: { service: quote(service) }, evidence: services.map((s) => textEvidence(s.screen, s.t)) });
  },
});
