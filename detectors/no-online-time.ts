import { z } from 'zod';
import type { Evidence } from '../src/findings/schema.ts';
import { height, toTuple, type Rect } from '../src/geometry.ts';
import type { CrawlObservation, ObservedScreen, ProbeResult, ScreenText } from '../src/observation.ts';
import { defineDetector } from './define.ts';
import { rowEvidence } from './lib/evidence.ts';
import { counterTokens } from './lib/duration.ts';
import { screensByState } from './lib/flows.ts';
import { appScreens, contentTexts, rowsOf, screenName, type Row } from './lib/screens.ts';
import { charLength, display, findTerm, quote, unique } from './lib/text.ts';
import { ONLINE_TIME_LABELS, TIME_STAT_HEADINGS } from './lib/vocab.ts';

type TimerProbe = Extract<ProbeResult, { kind: 'timer' }>;

interface Tick {
  probe: TimerProbe;
  screen?: ObservedScreen;
  before: string;
  after: string;
  wallSeconds: number;
}

/** A timer probe whose counter advanced about as fast as the wall clock between two samples. */
function tickOf(app: CrawlObservation, probe: TimerProbe, tolerance: { seconds: number; ratio: number }): Tick | undefined {
  const samples = [...probe.samples].sort((a, b) => a.atMs - b.atMs);
  for (let i = 0; i + 1 < samples.length; i++)
    for (let j = samples.length - 1; j > i; j--) {
      const [a, b] = [counterTokens(samples[i].text)[0], counterTokens(samples[j].text)[0]];
      const wallSeconds = (samples[j].atMs - samples[i].atMs) / 1000;
      if (!a || !b || wallSeconds <= 0) continue;
      const advanced = b.seconds - a.seconds;
      if (advanced > 0 && Math.abs(advanced - wallSeconds) <= Math.max(tolerance.seconds, tolerance.ratio * wallSeconds))
        return { probe, screen: screensByState(app).get(probe.state), before: samples[i].text, after: samples[j].text, wallSeconds };
    }
  return undefined;
}

/** Label + value read together: a row (`学习时长 | 12:31`), or a card with the value just above or below its label. */
function counterRows(screen: ObservedScreen): Row[] {
  const counters = rowsOf(screen).filter((r) => findTerm(r.text, ONLINE_TIME_LABELS) && counterTokens(r.text).length > 0);
  const els = screen.snapshot.elements;
  const texts = contentTexts(screen);
  for (const t of texts) {
    const el = t.elementId === undefined ? undefined : els[t.elementId];
    if (!el || !findTerm(t.text, ONLINE_TIME_LABELS) || counters.some((r) => r.texts.includes(t))) continue;
    const near = (s: ScreenText) =>
      s !== t &&
      s.elementId !== undefined &&
      els[s.elementId].parent === el.parent &&
      Math.max(s.bounds.y1 - t.bounds.y2, t.bounds.y1 - s.bounds.y2) <= 2 * height(t.bounds) &&
      Math.min(s.bounds.x2, t.bounds.x2) > Math.max(s.bounds.x1, t.bounds.x1);
    for (const value of texts.filter(near)) {
      const text = `${display(t.text)}  ${display(value.text)}`;
      if (counterTokens(text).length) counters.push({ texts: [t, value], text, bounds: union(t.bounds, value.bounds) });
    }
  }
  // A statistics section: a heading such as 学习统计 with durations beneath it (今日 32分钟, 本月累计 5小时).
  for (const head of texts.filter((t) => findTerm(t.text, TIME_STAT_HEADINGS) && charLength(t.text) <= 12)) {
    const h = Math.max(1, height(head.bounds));
    for (const value of texts) {
      if (value === head || value.bounds.y1 < head.bounds.y2 - h / 2 || value.bounds.y1 - head.bounds.y2 > 6 * h) continue;
      if (!counterTokens(value.text).length || counters.some((r) => r.texts.includes(value))) continue;
      counters.push({ texts: [head, value], text: `${display(head.text)}  ${display(value.text)}`, bounds: union(head.bounds, value.bounds) });
    }
  }
  return counters;
}

const union = (a: Rect, b: Rect): Rect => ({ x1: Math.min(a.x1, b.x1), y1: Math.min(a.y1, b.y1), x2: Math.max(a.x2, b.x2), y2: Math.max(a.y2, b.y2) });

export default defineDetector({
  meta: {
    id: 'no-online-time',
    clause: '4.1.3',
    title: '不得设置在线时长统计功能',
    messages: {
      ticking: '{{screen}}的计时“{{after}}”随时间递增（{{wait}}秒内由“{{before}}”变为“{{after}}”），统计用户在线/学习时长',
      counter: '{{screen}}显示“{{text}}”，统计并展示用户在线/学习时长',
      none: '已遍历{{count}}个应用内页面，未发现在线时长、学习时长等统计',
      notExplored: '未观察到应用内页面，无法判断是否存在在线时长统计',
    },
    seek: {
      entries: [
        {
          name: 'time',
          weight: 7,
          // The counters' labels and statistics headings, and the records and histories that list watched time.
          words: [...ONLINE_TIME_LABELS, ...TIME_STAT_HEADINGS, '时长', '观看', '学习档案', '历史记录', '浏览记录', '足迹'],
          ids: ['history', 'duration', 'footprint', 'study_?record', 'watch_?record', 'online_?time'],
          decay: 0.6,
        },
        // Courses and players are where a running study-time counter shows.
        {
          name: 'study',
          weight: 6,
          words: ['学习', '课程', '课堂', '培训', '听课', '视频', '直播', '播放', '专题'],
          ids: ['study', 'course', 'learn', 'lesson', 'video', 'player', 'live', 'train'],
          decay: 0.7,
        },
      ],
      // A counter that ticks while the crawler waits is one whatever its label says.
      probes: [{ probe: 'timer', isCounter: (text) => counterTokens(text).length > 0 }],
    },
  },
  options: z.object({
    /** A counter "ticks" when it advanced by the wall time between samples ± max(seconds, ratio × wall time). */
    tickToleranceSeconds: z.number().nonnegative().default(2),
    tickToleranceRatio: z.number().nonnegative().default(0.5),
  }),
  detect(app, ctx) {
    const screens = appScreens(app);
    const tolerance = { seconds: ctx.options.tickToleranceSeconds, ratio: ctx.options.tickToleranceRatio };
    const ticks = app.probes
      .filter((p): p is TimerProbe => p.kind === 'timer')
      .map((p) => tickOf(app, p, tolerance))
      .filter((t): t is Tick => t !== undefined);
    const counters = unique(screens.flatMap((s) => counterRows(s).map((row) => ({ screen: s, row }))), (c) => `${c.screen.state}\n${c.row.text}`);
    const counterEvidence: Evidence[] = counters.map(({ screen, row }) => rowEvidence(screen, row));

    if (ticks.length) {
      const t = ticks[0];
      // The evidence pair: the counter as first sampled, and as sampled seconds later.
      const first = t.probe.samples.find((x) => x.text === t.before) ?? t.probe.samples[0];
      const last = t.probe.samples.find((x) => x.text === t.after) ?? t.probe.samples[t.probe.samples.length - 1];
      const sample = (x: typeof first, text: string, note: string): Evidence => ({
        state: t.probe.state,
        screenshot: x.screenshot ?? t.screen?.screenshot ?? `states/${t.probe.state}.png`,
        ...(x.source ? { source: x.source } : {}),
        bounds: toTuple(t.probe.bounds),
        text: display(text),
        via: 'probe',
        before: display(t.before),
        after: display(t.after),
        note,
      });
      const tickEvidence = [sample(first, t.before, `第1次采样（${Math.round(first.atMs / 1000)}秒）`), sample(last, t.after, `第2次采样（${Math.round(last.atMs / 1000)}秒）`)];
      const data = { screen: t.screen ? screenName(t.screen) : `页面 ${t.probe.state}`, before: quote(t.before), after: quote(t.after), wait: Math.round(t.wallSeconds) };
      return ctx.report({ verdict: 'fail', messageId: 'ticking', data, evidence: [...tickEvidence, ...counterEvidence] });
    }
    if (counters.length) {
      const { screen, row } = counters[0];
      return ctx.report({ verdict: 'fail', messageId: 'counter', data: { screen: screenName(screen), text: quote(row.text) }, evidence: counterEvidence });
    }
    if (screens.length === 0) return ctx.report({ verdict: 'unknown', messageId: 'notExplored' });
    ctx.report({ verdict: 'pass', messageId: 'none', data: { count: screens.length } });
  },
});
