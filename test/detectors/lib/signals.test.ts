import { describe, expect, it } from 'vitest';
import { computeSignals } from '../../../detectors/lib/signals.ts';
import { datesIn } from '../../../detectors/lib/freshness.ts';
import { signalsSchema } from '../../../src/findings/schema.ts';
import { buildObservation, type CaseInput } from '../../helpers/detector-tester.ts';
import { graphObservation } from '../../helpers/graph-observation.ts';
import { SAMPLE_APPS, sampleApp } from '../../helpers/paths.ts';
import { PERMISSION_PACKAGE, permissionDialog } from '../../helpers/permission-dialog.ts';

const CRAWL = new Date('2026-12-01T10:00:00Z');
const page = (title: string, body: string) => `<hierarchy rotation="0" width="1080" height="2340">
  <node class="android.widget.FrameLayout" bounds="[0,0][1080,2340]">
    <node class="android.widget.TextView" text="${title}" resource-id="cn.gov.test:id/tv_title" bounds="[140,120][940,195]"/>
    <node class="android.widget.ImageView" content-desc="返回" clickable="true" bounds="[20,110][120,205]"/>
    ${body}
  </node>
</hierarchy>`;
const button = (text: string, y = 260) => `<node class="android.widget.Button" text="${text}" clickable="true" bounds="[60,${y}][1020,${y + 120}]"/>`;
const label = (text: string, y = 400) => `<node class="android.widget.TextView" text="${text}" bounds="[60,${y}][1020,${y + 70}]"/>`;
const signalsOf = (c: CaseInput) => computeSignals(buildObservation(c), { crawlDate: CRAWL });

describe('content dates', () => {
  it.each([
    ['2026-11-18 关于开展冬季消防安全检查的通知', ['2026-11-18']],
    ['2025年3月5日', ['2025-03-05']],
    ['2026/1/9 发布', ['2026-01-09']],
    ['11-20', ['2026-11-20']],
    ['12月25日', ['2025-12-25']], // after the crawl day this year → last year
    ['已签到 08:32  开始巡河', []],
    ['0571-12345678', []],
    ['3.2公里  问题0个', []],
    ['2026-13-40', []],
  ])('%s → %j', (text, want) => expect(datesIn(text, '2026-12-01')).toEqual(want));
});

describe('signals', () => {
  it('permissions: asked at launch, or by the action that opened the dialog, with the answer', () => {
    const s = signalsOf({
      screens: [
        { source: permissionDialog('允许“测试”获取此设备的位置信息吗？'), package: PERMISSION_PACKAGE, state: 'p1' },
        page('工作台', button('拍照上传')),
        { source: permissionDialog('允许“测试”拍摄照片和录制视频吗？'), package: PERMISSION_PACKAGE, state: 'p2' },
        { source: permissionDialog('允许“测试”在后台访问位置信息吗？', 'always'), package: PERMISSION_PACKAGE, state: 'p3' },
      ],
      actions: [
        { from: 'p1', to: 's1', label: '仅在使用该应用时允许', selector: { 'resource-id': 'com.android.permissioncontroller:id/permission_allow_foreground_only_button' } },
        { from: 's1', to: 'p2', label: '拍照上传', bounds: [60, 260, 1020, 380] },
        { from: 'p2', to: 's1', label: '不允许', selector: { 'resource-id': 'com.android.permissioncontroller:id/permission_deny_button' } },
        { from: 's1', to: 'p3', label: '轨迹上报' },
        { from: 'p3', to: 's1', label: '始终允许' },
      ],
    });
    expect(signalsSchema.safeParse(s).success).toBe(true);
    expect(s.permissions.map(({ permission, asked, state, answer }) => ({ permission, asked, state, answer }))).toEqual([
      { permission: 'android.permission.ACCESS_FINE_LOCATION', asked: 'launch', state: 'p1', answer: 'allow-foreground' },
      { permission: 'android.permission.CAMERA', asked: '拍照上传', state: 'p2', answer: 'deny' },
      { permission: 'android.permission.ACCESS_BACKGROUND_LOCATION', asked: '轨迹上报', state: 'p3', answer: 'allow-always' },
    ]);
  });

  it('freshness: the newest dated item, with its headline, against the crawl day; clocks and labelled dates are not content', () => {
    const s = signalsOf({
      screens: [
        page('通知公告', label('关于开展冬季消防安全检查的通知', 300) + label('2024-03-18', 380) + label('有效期至 2026-11-30', 500) + label('今天 10:30', 600)),
      ],
    });
    expect(s.freshness).toMatchObject({ newestDate: '2024-03-18', state: 's0', crawlDate: '2026-12-01', stale: true });
    expect(s.freshness!.text).toContain('关于开展冬季消防安全检查的通知');
    expect(s.freshness!.ageDays).toBe(988);
  });

  it('no dated content: no freshness', () => {
    expect(signalsOf({ screens: [page('首页', button('办事指南'))] }).freshness).toBeUndefined();
  });

  it('dead ends: empty, error, and a blank page, each with the entry that led there; a busy page with an empty section is none', () => {
    const s = signalsOf({
      screens: [
        page('首页', button('智慧党建') + button('便民缴费', 400) + button('政策解读', 540) + button('办事大厅', 680)),
        page('智慧党建', label('敬请期待', 1000)),
        page('便民缴费', label('网络异常，请稍后重试', 1000) + button('重新加载', 1100)),
        page('政策解读', ''),
        page('办事大厅', label('热门事项', 300) + button('社保查询', 400) + button('公积金查询', 540) + label('我的办件', 700) + label('暂无数据', 800) + label('服务指南', 900) + label('办事须知', 1000)),
      ],
      actions: [
        { from: 's0', to: 's1', label: '智慧党建', bounds: [60, 260, 1020, 380] },
        { from: 's0', to: 's2', label: '便民缴费', bounds: [60, 400, 1020, 520] },
        { from: 's0', to: 's3', label: '政策解读', bounds: [60, 540, 1020, 660] },
        { from: 's0', to: 's4', label: '办事大厅', bounds: [60, 680, 1020, 800] },
      ],
    });
    expect(s.deadEnds).toEqual([
      { state: 's1', kind: 'empty', text: '敬请期待', entry: '智慧党建', from: 's0' },
      { state: 's2', kind: 'error', text: '网络异常，请稍后重试', entry: '便民缴费', from: 's0' },
      { state: 's3', kind: 'stub', text: '政策解读', entry: '政策解读', from: 's0' },
    ]);
  });

  it('the public samples', () => {
    const got = Object.fromEntries(SAMPLE_APPS.map((a) => [a, computeSignals(graphObservation(sampleApp(a)).obs, { crawlDate: CRAWL })]));
    for (const s of Object.values(got)) expect(signalsSchema.safeParse(s).success).toBe(true);
    expect(got['river-patrol'].permissions).toMatchObject([{ permission: 'android.permission.ACCESS_FINE_LOCATION', asked: 'launch', state: 'perm', answer: 'allow-foreground' }]);
    expect(got['study-portal'].permissions).toEqual([]);
    expect(got['office-compliant'].permissions).toEqual([]);
    expect(got['study-portal'].freshness).toMatchObject({ newestDate: '2026-11-20', state: 'home', stale: false });
    expect(got['study-portal'].freshness!.text).toContain('省委常委会召开会议研究冬季安全生产');
    expect(got['river-patrol'].freshness).toMatchObject({ newestDate: '2026-11-21', state: 'home', stale: false });
    expect(got['river-patrol'].freshness!.text).toContain('清溪河城关段完成本周第3次巡河');
    // A meeting notice is dated content too: the newest date the office app shows.
    expect(got['office-compliant'].freshness).toMatchObject({ newestDate: '2026-11-27', state: 'meetings', stale: false });
    for (const a of SAMPLE_APPS) expect(got[a].deadEnds, a).toEqual([]);
  });
});
