import type { UiElement, Snapshot } from '../../src/snapshot/model.ts';
import type { Task, TaskProvider } from '../explorer.ts';

/**
 * 4.1.3 running counters: when a screen shows a duration-like value (学习时长 00:12:31, a bare
 * HH:MM:SS, N分钟…), sample it, wait a few seconds, sample again. A value that advanced with
 * wall time is a running online-time counter. Both samples (page source and screenshot) are
 * kept in the bundle; the detector judges them. What counts as duration-like is the detectors'
 * word (`isCounter`, from their `meta.seek` timer request).
 */
export class TimerProbe implements TaskProvider {
  private readonly done = new Set<string>();

  constructor(
    private readonly waitSeconds: number,
    private readonly isCounter: (text: string) => boolean,
  ) {}

  next(node: Parameters<TaskProvider['next']>[0], screen: Parameters<TaskProvider['next']>[1], snapshot: Snapshot): Task | undefined {
    if (this.done.has(node.key) || !screen.inApp) return undefined;
    const candidates = counterElements(snapshot, this.isCounter);
    if (!candidates.length) return undefined;
    this.done.add(node.key);
    return {
      name: 'timer-probe',
      run: async (ctx) => {
        const first = await ctx.saveSample('timer-1');
        const t1 = ctx.elapsedMs();
        await new Promise((r) => setTimeout(r, this.waitSeconds * 1000));
        const second = await ctx.saveSample('timer-2');
        const t2 = ctx.elapsedMs();
        for (const el of counterElements(first.snapshot, this.isCounter)) {
          const later = sameElement(second.snapshot, el);
          ctx.addProbe({
            kind: 'timer',
            state: node.key,
            elementId: el.id,
            bounds: el.bounds,
            samples: [
              { atMs: t1, text: el.text || el.contentDesc, source: first.source, screenshot: first.screenshot },
              { atMs: t2, text: later ? later.text || later.contentDesc : '', source: second.source, screenshot: second.screenshot },
            ],
          });
        }
        ctx.log.info({ state: node.key, elements: candidates.length }, 'sampled duration-like values twice');
      },
    };
  }
}

/** Displayed elements whose text holds a duration-like value (a labelled duration, a bare HH:MM:SS). */
export function counterElements(s: Snapshot, isCounter: (text: string) => boolean): UiElement[] {
  return s.elements.filter((e) => e.displayed && (e.text || e.contentDesc) && isCounter(e.text || e.contentDesc));
}

/** The element at the same place in a later snapshot of the same screen. */
function sameElement(s: Snapshot, e: UiElement): UiElement | undefined {
  if (e.resourceId) {
    const byId = s.elements.filter((x) => x.resourceId === e.resourceId);
    if (byId.length === 1) return byId[0];
  }
  const same = s.elements[e.id];
  if (same && same.className === e.className) return same;
  return s.elements.find((x) => x.className === e.className && x.bounds.x1 === e.bounds.x1 && x.bounds.y1 === e.bounds.y1);
}
