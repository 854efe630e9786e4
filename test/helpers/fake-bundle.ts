import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLAUSES, type ClauseResult, type Evidence, type Findings, type Verdict } from '../../src/findings/schema.ts';
import { toTuple } from '../../src/geometry.ts';
import type { ObservedAction, ProbeResult } from '../../src/observation.ts';
import { parsePageSource } from '../../src/snapshot/parse.ts';
import { labelOf } from '../../src/snapshot/model.ts';
import { screenTitle } from '../../src/snapshot/title.ts';
import type { Snapshot, UiElement } from '../../src/snapshot/model.ts';
import { TOOL_NAME, TOOL_VERSION } from '../../src/version.ts';
import { sampleApp } from './paths.ts';
import { writeManifest } from '../../src/bundle/manifest.ts';

/**
 * A realistic evidence bundle (docs/bundle.md) made from a public sample app without a device:
 * a simulated breadth-first crawl over the sample's app graph (relaunch, replay the path, try one
 * transition), with findings from the sample's expected.json and evidence on real elements.
 * Written into a temp dir; sample files are never copied into the repo.
 */
export interface FakeBundleOptions {
  /** Where to write (default: a new temp dir). */
  dir?: string;
  /** Write states/<key>.ocr.json (a11y texts as OCR boxes). Default true. */
  ocr?: boolean;
  /** Write probes.json. Default true. */
  probes?: boolean;
  /** Record run.coverage (a complete crawl) as today's crawls do; false: a bundle from before coverage. Default true. */
  coverage?: boolean;
}

type Json = Record<string, any>;
type Transition = { from: string; to: string; on?: Record<string, string>; gesture?: string; key?: string; after?: number; replace?: boolean; when?: Record<string, string>; else?: string };

/** Per clause: texts whose elements are evidence (first matches, in crawl order). */
const NEEDLES: Record<string, string[]> = {
  '4.1.1': ['签到', '打卡'],
  '4.1.2': ['学习积分', '积分排行榜', '排名'],
  '4.1.3': ['学习时长', '在线时长'],
  '4.2': ['主办单位'],
  '4.3': ['意见反馈', '投诉', '客服电话'],
  '5': ['ICP'],
  '6.h': ['举报'],
  '6.i': ['商城', '购买'],
  '7.3': ['AI生成'],
};

const matches = (e: UiElement, sel: Record<string, string>) => Object.entries(sel).every(([k, v]) => e.attrs[k] === v);

export function writeFakeBundle(appName: string, opts: FakeBundleOptions = {}): string {
  const src = sampleApp(appName);
  const dir = opts.dir ?? mkdtempSync(path.join(os.tmpdir(), `govapp-bundle-${appName}-`));
  mkdirSync(path.join(dir, 'states'), { recursive: true });
  mkdirSync(path.join(dir, 'logs'), { recursive: true });
  const graph: Json = JSON.parse(readFileSync(path.join(src, 'app.json'), 'utf8'));
  const expected: Json = JSON.parse(readFileSync(path.join(src, 'expected.json'), 'utf8'));
  const pkg: string = graph.app.package;
  const byId = new Map<string, Json>(graph.states.map((s: Json) => [s.id, s]));
  const snaps = new Map<string, Snapshot>();
  for (const s of graph.states) {
    copyFileSync(path.join(src, s.source), path.join(dir, `states/${s.id}.xml`));
    copyFileSync(path.join(src, s.screenshot), path.join(dir, `states/${s.id}.png`));
    snaps.set(s.id, parsePageSource(readFileSync(path.join(src, s.source), 'utf8'), s.source));
  }
  const recording = { ...graph, states: graph.states.map((s: Json) => ({ ...s, source: `states/${s.id}.xml`, screenshot: `states/${s.id}.png` })) };
  writeFileSync(path.join(dir, 'app.json'), JSON.stringify(recording, null, 2));

  // Simulated crawl: the stack semantics of app-graph/1, one exploration per transition.
  const transitions: Transition[] = graph.transitions.filter((t: Transition) => !t.else || t.when);
  const step = (stack: string[], t: Transition): string[] => {
    const s = [...stack];
    if (t.to === '@back') s.pop();
    else if (t.replace || t.gesture || t.after !== undefined) s[s.length - 1] = t.to;
    else s.push(t.to);
    return s;
  };
  const actions: ObservedAction[] = [];
  let clock = 0;
  const emit = (a: Omit<ObservedAction, 'seq' | 'startedMs' | 'durationMs'>, durationMs = 400): number => {
    const seq = actions.length;
    actions.push({ seq, ...a, startedMs: clock, durationMs });
    clock += durationMs + 100;
    return seq;
  };
  const perform = (stack: string[], t: Transition): { stack: string[]; seqs: number[] } => {
    const from = stack.at(-1)!;
    const seqs: number[] = [];
    const snap = snaps.get(from)!;
    for (const [rid, text] of Object.entries(t.when ?? {})) {
      const el = snap.elements.find((e) => e.resourceId === rid);
      seqs.push(emit({ kind: 'type', from, to: from, selector: { 'resource-id': rid }, label: el?.hint || rid, bounds: el?.bounds, detail: text, outcome: 'same' }));
    }
    const next = step(stack, t);
    const to = next.at(-1);
    const outcome = to === undefined ? 'left-app' : to === from ? 'same' : 'moved';
    if (t.on) {
      const el = snap.elements.find((e) => matches(e, t.on!));
      const label = el ? labelOf(snap, el) || t.on['resource-id'] : undefined;
      seqs.push(emit({ kind: 'tap', from, to, selector: { ...t.on, ...(el ? { class: el.className } : {}) }, label, bounds: el?.bounds, outcome }));
    } else if (t.gesture) {
      const scroller = snap.elements.find((e) => e.scrollable);
      const dir = { 'scroll-down': 'up', 'scroll-up': 'down', 'scroll-left': 'right', 'scroll-right': 'left' }[t.gesture]!;
      seqs.push(emit({ kind: 'swipe', from, to, bounds: scroller?.bounds ?? { x1: 0, y1: 0, x2: graph.device.width, y2: graph.device.height }, detail: dir, outcome }));
    } else if (t.key) seqs.push(emit({ kind: 'back', from, to, outcome }));
    else seqs.push(emit({ kind: 'wait', from, to, outcome }, (t.after ?? 1) * 1000));
    return { stack: next, seqs };
  };

  const paths = new Map<string, { stack: string[]; path: Transition[]; seqs: number[]; firstSeenMs: number }>();
  emit({ kind: 'launch', from: '', to: graph.start, outcome: 'moved' });
  paths.set(graph.start, { stack: [graph.start], path: [], seqs: [], firstSeenMs: 0 });
  const queue = [graph.start as string];
  while (queue.length) {
    const state = queue.shift()!;
    for (const t of transitions.filter((x) => x.from === state)) {
      const known = paths.get(state)!;
      let stack = [graph.start as string];
      const seqs: number[] = [];
      if (actions.length > 1) emit({ kind: 'relaunch', from: actions.at(-1)!.to ?? '', to: graph.start, outcome: 'moved' });
      for (const p of known.path) {
        const r = perform(stack, p);
        stack = r.stack;
        seqs.push(...r.seqs);
      }
      const r = perform(stack, t);
      const to = r.stack.at(-1);
      if (to && !paths.has(to)) {
        paths.set(to, { stack: r.stack, path: [...known.path, t], seqs: [...seqs, ...r.seqs], firstSeenMs: clock });
        queue.push(to);
      }
    }
  }
  writeFileSync(path.join(dir, 'crawl.jsonl'), actions.map((a) => JSON.stringify(a)).join('\n') + '\n');

  const order = [...paths.keys()];
  const screens = order.map((id) => {
    const s = byId.get(id)!;
    const p = s.package ?? pkg;
    // As the bundle writer does: what a person calls the screen, from its page source.
    const title = screenTitle(parsePageSource(readFileSync(path.join(dir, 'states', `${id}.xml`), 'utf8')));
    return { state: id, screenshot: `states/${id}.png`, source: `states/${id}.xml`, package: p, activity: s.activity ?? '', inApp: p === pkg, firstSeenMs: paths.get(id)!.firstSeenMs, path: paths.get(id)!.seqs, ...(title ? { title } : {}) };
  });
  writeFileSync(path.join(dir, 'screens.json'), JSON.stringify(screens, null, 2));

  if (opts.ocr !== false) {
    for (const id of order) {
      const boxes = snaps.get(id)!.elements.filter((e) => e.text && e.displayed).map((e) => ({ text: e.text, bounds: toTuple(e.bounds), confidence: 0.93 }));
      writeFileSync(path.join(dir, `states/${id}.ocr.json`), JSON.stringify(boxes));
    }
  }

  // Findings: expected verdicts, evidence on the first elements whose text holds a needle.
  const inApp = order.filter((id) => (byId.get(id)!.package ?? pkg) === pkg);
  const find = (needle: string): Evidence | undefined => {
    for (const id of inApp) {
      const el = snaps.get(id)!.elements.find((e) => e.displayed && (e.text || e.contentDesc).includes(needle));
      if (el) return { state: id, screenshot: `states/${id}.png`, bounds: toTuple(el.bounds), text: el.text || el.contentDesc, via: 'a11y', source: `states/${id}.xml` };
    }
    return undefined;
  };
  const probes: ProbeResult[] = [];
  const clauses: ClauseResult[] = CLAUSES.map((clause) => {
    const verdict: Verdict = expected.clauses[clause] ?? 'unknown';
    const evidence: Evidence[] = [];
    if (clause === '4.4') {
      const field = inApp.flatMap((id) => snaps.get(id)!.elements.filter((e) => /EditText$/.test(e.className)).map((e) => ({ id, e })))[0];
      if (field && verdict !== 'unknown') {
        const lost = verdict === 'fail';
        const typed = '𠀀𠀁𪚥 䶮';
        const readBack = lost ? '??? 䶮' : typed;
        probes.push({ kind: 'encoding', state: field.id, bounds: field.e.bounds, locator: `id=${field.e.resourceId}`, typed, readBack });
        evidence.push({ state: field.id, screenshot: `states/${field.id}.png`, bounds: toTuple(field.e.bounds), text: readBack, via: 'probe', before: typed, after: readBack });
      }
    } else if (verdict !== 'unknown' && verdict !== 'n/a') {
      for (const n of NEEDLES[clause] ?? []) {
        const ev = find(n);
        if (ev && !evidence.some((x) => x.state === ev.state && x.text === ev.text)) evidence.push(ev);
        if (evidence.length >= 2) break;
      }
    }
    const seen = evidence.map((e) => `“${e.text}”`).join('、');
    const summary =
      verdict === 'unknown' ? '爬取未能判定该条款'
      : verdict === 'n/a' ? '未发现相关服务，不适用'
      : !seen ? (verdict === 'pass' ? '已遍历，未发现相关内容' : '未找到相关内容')
      : verdict === 'pass' ? `已找到${seen}`
      : verdict === 'review' ? `发现${seen}，可能属于特殊场景，需人工复核`
      : `发现${seen}`;
    return { clause, verdict, summary, evidence };
  });
  const startedAt = '2026-11-22T10:00:00.000Z';
  const finishedAt = new Date(Date.parse(startedAt) + clock).toISOString();
  const coverage = opts.coverage === false ? undefined : { screens: screens.length, actionsTried: actions.length, actionsLeft: 0, refused: 0, walls: [] };
  const findings: Findings = {
    format: 'findings/1',
    app: { package: pkg, label: graph.app.label, versionName: graph.app.versionName },
    run: { startedAt, finishedAt, states: screens.length, actions: actions.length, stopReason: 'explored', ...(coverage ? { coverage } : {}) },
    clauses,
  };
  writeFileSync(path.join(dir, 'findings.json'), JSON.stringify(findings, null, 2));
  if (opts.probes !== false) writeFileSync(path.join(dir, 'probes.json'), JSON.stringify(probes, null, 2));
  writeFileSync(path.join(dir, 'skipped.jsonl'), '');
  writeFileSync(path.join(dir, 'logs/crawl.log'), JSON.stringify({ level: 30, time: Date.parse(startedAt), msg: 'crawl started' }) + '\n');
  writeFileSync(
    path.join(dir, 'run.json'),
    JSON.stringify(
      {
        tool: { name: TOOL_NAME, version: TOOL_VERSION },
        rules: Object.fromEntries(CLAUSES.map((c) => [c, '1'])),
        device: { ...graph.device, automationName: 'Replay' },
        app: { ...graph.app, versionCode: 230 },
        options: { strategy: 'bfs', ocr: 'off', target: { kind: 'app-graph', dir: src } },
        startedAt,
        finishedAt,
        stopReason: 'explored',
        ...(coverage ? { coverage } : {}),
      },
      null,
      2,
    ),
  );
  return dir;
}


/** A fake bundle finished as a crawl leaves it: with its manifest.json (so report/analyze accept it). */
export async function writeSealedBundle(appName: string, opts: FakeBundleOptions = {}): Promise<string> {
  const dir = writeFakeBundle(appName, opts);
  await writeManifest(dir, { reason: 'crawl' });
  return dir;
}
