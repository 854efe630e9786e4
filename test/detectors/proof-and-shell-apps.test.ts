import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDetectors } from '../../detectors/run.ts';
import { computeSignals } from '../../detectors/lib/signals.ts';
import { signalsSchema } from '../../src/findings/schema.ts';
import { graphObservation } from '../helpers/graph-observation.ts';
import { FIXTURES } from '../helpers/paths.ts';

/** The 6.d and signals fixtures (test/fixtures/apps/work-proof, empty-shell), as a full crawl would see them. */
const CRAWL = new Date('2026-12-01T09:00:00Z');
const load = (name: string) => graphObservation(path.join(FIXTURES, 'apps', name)).obs;
const verdict = (obs: ReturnType<typeof load>, clause: string) => runDetectors(obs).find((r) => r.clause === clause)!;

describe('work-proof: proof-of-work uploads in and out of a special scenario', () => {
  const obs = load('work-proof');

  it('6.d fails on the on-site photo upload and the photo check-in, citing the camera permission its tap asked', () => {
    const r = verdict(obs, '6.d');
    expect(r.verdict, r.summary).toBe('fail');
    expect(r.summary).toMatch(/拍照上传|拍照打卡/);
    const texts = r.evidence.map((e) => `${e.state}:${e.text}`);
    expect(texts).toContain('visit:拍照上传');
    expect(texts).toContain('attend:拍照打卡');
    expect(texts).toContain('patrol:巡查轨迹上报');
    expect(r.evidence.some((e) => e.state === 'perm-camera' && e.via === 'flow')).toBe(true);
  });

  it('the patrol-track upload alone (inside 巡查) is review, not fail', () => {
    const patrolOnly = { ...obs, screens: obs.screens.filter((s) => !['visit', 'attend', 'attend-done', 'perm-camera', 'perm-checkin'].includes(s.state)) };
    const r = verdict(patrolOnly, '6.d');
    expect(r.verdict, r.summary).toBe('review');
    expect(r.summary).toMatch(/安全巡护/);
  });

  it('signals: each permission with the tap that asked it and the answer (the graph walk follows no pops: a dialog closed by @back stays unanswered)', () => {
    const s = computeSignals(obs, { crawlDate: CRAWL });
    expect(signalsSchema.safeParse(s).success).toBe(true);
    expect(s.permissions.map(({ permission, asked, state, answer }) => ({ permission, asked, state, answer }))).toEqual([
      { permission: 'android.permission.CAMERA', asked: '拍照上传', state: 'perm-camera', answer: 'unanswered' },
      { permission: 'android.permission.CAMERA', asked: '拍照打卡', state: 'perm-checkin', answer: 'allow-foreground' },
      { permission: 'android.permission.ACCESS_BACKGROUND_LOCATION', asked: '巡查轨迹上报', state: 'perm-background', answer: 'unanswered' },
    ]);
    expect(s.freshness).toMatchObject({ newestDate: '2026-11-18', state: 'notices', stale: false });
    expect(s.deadEnds).toEqual([]);
  });
});

describe('empty-shell: stale news, placeholder modules, a blank page', () => {
  const obs = load('empty-shell');

  it('6.d passes (no such feature) and no other verdict is disturbed', () => {
    for (const [clause, want] of Object.entries({ '4.1.1': 'pass', '4.2': 'pass', '5': 'pass', '6.d': 'pass' })) expect(verdict(obs, clause).verdict, clause).toBe(want);
  });

  it('signals: stale content and three dead ends with the entries that led there', () => {
    const s = computeSignals(obs, { crawlDate: CRAWL });
    expect(s.permissions).toEqual([]);
    expect(s.freshness).toMatchObject({ newestDate: '2023-06-12', state: 'news', stale: true, ageDays: 1268 });
    expect(s.freshness!.text).toContain('县政府召开第12次常务会议');
    expect(s.deadEnds).toEqual([
      { state: 'party', kind: 'empty', text: '敬请期待', entry: '智慧党建', from: 'home' },
      { state: 'services', kind: 'stub', text: '便民服务', entry: '便民服务', from: 'home' },
      { state: 'hall', kind: 'error', text: '网络异常，请稍后重试', entry: '办事大厅', from: 'home' },
    ]);
  });
});
