import detector from '../../detectors/no-online-time.ts';
import type { ProbeResult } from '../../src/observation.ts';
import { run } from '../helpers/detector-tester.ts';

const page = (title: string, body: string) => `<hierarchy rotation="0" width="1080" height="2340">
  <node class="android.widget.FrameLayout" bounds="[0,0][1080,2340]">
    <node class="android.widget.TextView" text="${title}" resource-id="cn.gov.test:id/tv_title" bounds="[140,120][940,195]"/>
    ${body}
  </node>
</hierarchy>`;
const text = (t: string, y = 300, id = '') => `<node class="android.widget.TextView" text="${t}" resource-id="${id}" bounds="[60,${y}][700,${y + 68}]"/>`;

const timer = (samples: [number, string][]): ProbeResult => ({
  kind: 'timer',
  state: 's0',
  elementId: 2,
  bounds: { x1: 60, y1: 300, x2: 700, y2: 368 },
  samples: samples.map(([atMs, t]) => ({ atMs, text: t })),
});

run(detector, {
  valid: [
    { name: 'clock times, timestamps, relative times and service hours', screens: ['schedule-times.xml'], messageId: 'none' },
    { name: 'a check-in time is a clock time', screens: [page('巡护任务', text('已签到 08:32  开始巡河'))], messageId: 'none' },
    { name: 'course length and credit hours are not a counter of the user', screens: [page('课程', text('课程时长 45分钟') + text('专题课程 · 6学时', 400))], messageId: 'none' },
    {
      name: 'a clock sampled twice does not make a counter',
      screens: [page('首页', text('23:21'))],
      probes: [timer([[0, '23:21'], [60_000, '23:22']])],
      messageId: 'none',
    },
    {
      name: 'a counter that did not move with the wall clock',
      screens: [page('播放', text('00:10:00'))],
      probes: [timer([[0, '00:10:00'], [3000, '00:10:00']])],
      messageId: 'none',
    },
  ],
  invalid: [
    {
      name: 'a study-time statistic under a statistics heading, not ticking',
      screens: [page('我的', text('学习统计', 300) + '<node class="android.widget.TextView" text="今日" bounds="[60,400][300,460]"/><node class="android.widget.TextView" text="32分钟" bounds="[60,470][300,530]"/><node class="android.widget.TextView" text="本月" bounds="[400,400][700,460]"/><node class="android.widget.TextView" text="320分钟" bounds="[400,470][700,530]"/>')],
      verdict: 'fail',
      messageId: 'counter',
      summary: /学习统计/,
      evidence: [{ state: 's0', text: '学习统计  32分钟' }, { state: 's0', text: '学习统计  320分钟' }],
    },
    {
      name: 'a study-time counter',
      screens: [page('课程学习', text('本次学习时长 00:12:31', 300, 'cn.gov.test:id/study_time'))],
      verdict: 'fail',
      messageId: 'counter',
      evidence: [{ state: 's0', text: '本次学习时长 00:12:31', via: 'a11y', bounds: [60, 300, 700, 368] }],
    },
    {
      name: 'label and value in separate elements of one row',
      screens: [page('我的', '<node class="android.widget.TextView" text="累计在线" bounds="[60,300][300,360]"/><node class="android.widget.TextView" text="36小时20分" bounds="[760,300][980,360]"/>')],
      verdict: 'fail',
      messageId: 'counter',
      evidence: [{ state: 's0', text: '累计在线  36小时20分' }],
    },
    {
      name: 'a stat card: value above its label',
      screens: [
        page(
          '学习统计',
          `<node class="android.widget.LinearLayout" bounds="[60,300][500,500]">
             <node class="android.widget.TextView" text="125分钟" bounds="[80,310][480,400]"/>
             <node class="android.widget.TextView" text="今日学习" bounds="[80,410][480,460]"/>
           </node>`,
        ),
      ],
      verdict: 'fail',
      messageId: 'counter',
      evidence: [{ state: 's0', text: '今日学习  125分钟' }],
    },
    {
      name: 'a counter seen ticking with wall time',
      screens: [page('课程学习', text('本次学习时长 00:00:01'))],
      probes: [timer([[10_000, '本次学习时长 00:00:01'], [13_000, '本次学习时长 00:00:04']])],
      verdict: 'fail',
      messageId: 'ticking',
      summary: /3秒内由“本次学习时长 00:00:01”变为“本次学习时长 00:00:04”/,
      // The evidence pair (both samples), then the counter as the screen showed it.
      evidence: [
        { via: 'probe', state: 's0', bounds: [60, 300, 700, 368], text: '本次学习时长 00:00:01', before: '本次学习时长 00:00:01', after: '本次学习时长 00:00:04' },
        { via: 'probe', state: 's0', bounds: [60, 300, 700, 368], text: '本次学习时长 00:00:04', before: '本次学习时长 00:00:01', after: '本次学习时长 00:00:04' },
        { state: 's0', via: 'a11y', text: '本次学习时长 00:00:01' },
      ],
    },
    {
      name: 'an unlabelled HH:MM:SS that ticks is a counter',
      screens: [page('在线课堂', text('00:05:10'))],
      probes: [timer([[0, '00:05:10'], [5000, '00:05:15']])],
      verdict: 'fail',
      messageId: 'ticking',
      evidence: [
        { state: 's0', via: 'probe', text: '00:05:10' },
        { state: 's0', via: 'probe', text: '00:05:15' },
      ],
    },
    { name: 'nothing explored', screens: [], verdict: 'unknown', messageId: 'notExplored', evidence: [] },
  ],
});
