import { center } from '../../src/geometry.ts';
import { labelOf, type Snapshot, type UiElement } from '../../src/snapshot/model.ts';
import type { Task, TaskProvider } from '../explorer.ts';
import { isTextField, locatorFor } from '../forms.ts';
import { selectorFor } from '../actions.ts';

const SEND_LABEL = /^(发送|提问|提交问题|询问|问一问|send|ask)$/i;
const SEND_ID = /(^|[_/])(send|ask|btn_send|submit_question)([_/]|$)/i;

/**
 * 7.3 AI labels: on a screen of an AI service (智能问答, AI助手, 智能客服…) with a question
 * field, ask the one configured harmless question, wait until the reply stops changing, and
 * record the settled screen as `<state>-answer` for the detector. This is the only place the
 * crawler types free text and presses "send", and only with the configured question.
 */
export class AiQuestionProbe implements TaskProvider {
  private readonly done = new Set<string>();
  /** One question per crawl once it got an answer: the clause needs one labelled (or unlabelled) reply. */
  private answered = false;

  /** `serviceWords`: words that make a screen an AI service's (the detectors' `meta.seek` ai-question requests). */
  constructor(
    private readonly question: string,
    private readonly serviceWords: readonly string[],
    private readonly settle = { intervalMs: 700, maxMs: 20_000 },
  ) {}

  next(node: Parameters<TaskProvider['next']>[0], screen: Parameters<TaskProvider['next']>[1], snapshot: Snapshot): Task | undefined {
    if (this.answered || this.done.has(node.key) || !screen.inApp || !isAiScreen(snapshot, this.serviceWords)) return undefined;
    const field = snapshot.elements.find((e) => isTextField(e) && !e.password);
    const send = field && findSend(snapshot);
    if (!field || !send) return undefined;
    this.done.add(node.key);
    return {
      name: 'ai-question',
      run: async (ctx) => {
        const locator = locatorFor(snapshot, field);
        await ctx.act({ kind: 'type', from: node, details: { selector: { locator }, label: field.hint || 'question', detail: this.question } }, () =>
          ctx.device.type(locator, this.question, ctx.signal),
        );
        const p = center(send.bounds);
        const selector = selectorFor(snapshot, send, snapshot.elements.filter((e) => e.clickable));
        await ctx.act(
          { kind: 'tap', from: node, details: { selector, label: labelOf(snapshot, send) || 'send', bounds: send.bounds, detail: 'AI probe question' } },
          () => ctx.device.tap(p.x, p.y, ctx.signal),
        );
        const settled = await waitStable(ctx.device, this.settle, ctx.signal);
        const answer = ctx.here().key ? await ctx.recordVariant('answer') : undefined;
        this.answered = settled && answer !== undefined;
        ctx.addProbe({ kind: 'ai-question', state: node.key, question: this.question, answerState: answer?.state, answered: this.answered });
        ctx.log.info({ state: node.key, answerState: answer?.state, settled }, 'asked the AI service one question');
      },
    };
  }
}

export function isAiScreen(s: Snapshot, serviceWords: readonly string[]): boolean {
  const text = s.elements.map((e) => `${e.text} ${e.contentDesc}`).join(' ');
  return serviceWords.some((t) => text.includes(t));
}

function findSend(s: Snapshot): UiElement | undefined {
  const clickables = s.elements.filter((e) => e.clickable && e.displayed && e.enabled && !isTextField(e));
  return clickables.find((e) => SEND_LABEL.test(labelOf(s, e).trim())) ?? clickables.find((e) => SEND_ID.test(e.resourceId.replace(/^.*:id\//, '')));
}

/** Polls the page source until two reads in a row agree (texts included): the reply has settled. */
async function waitStable(
  device: { pageSource(signal?: AbortSignal): Promise<string> },
  o: { intervalMs: number; maxMs: number },
  signal?: AbortSignal,
): Promise<boolean> {
  const started = Date.now();
  let last = '';
  while (Date.now() - started < o.maxMs && !signal?.aborted) {
    const xml = await device.pageSource(signal);
    if (xml === last) return true;
    last = xml;
    await new Promise((r) => setTimeout(r, o.intervalMs));
  }
  return false;
}

