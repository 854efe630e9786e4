import detector from '../../detectors/in-app-reporting.ts';
import { run } from '../helpers/detector-tester.ts';

const page = (title: string, body: string) => `<hierarchy rotation="0" width="1080" height="2340">
  <node class="android.widget.FrameLayout" bounds="[0,0][1080,2340]">
    <node class="android.widget.TextView" text="${title}" resource-id="cn.gov.test:id/tv_title" bounds="[140,120][940,195]"/>
    ${body}
  </node>
</hierarchy>`;
const entry = (t: string) => `<node class="android.widget.LinearLayout" clickable="true" bounds="[0,618][1080,758]"><node class="android.widget.TextView" text="${t}" bounds="[160,658][700,718]"/></node>`;
const text = (t: string) => `<node class="android.widget.TextView" text="${t}" bounds="[60,800][1000,868]"/>`;

run(detector, {
  valid: [
    { name: 'a report entry', screens: [page('我的', entry('违法和不良信息举报'))], messageId: 'entry' },
    { name: 'a combined entry', screens: [page('服务', entry('投诉举报'))], messageId: 'entry' },
    { name: 'the 12377 hotline', screens: [page('关于', text('网络违法和不良信息举报电话：12377'))], messageId: 'contact' },
    { name: 'a reporting email', screens: [page('关于', text('举报邮箱：jubao@example.gov.cn'))], messageId: 'contact' },
  ],
  invalid: [
    {
      name: 'entry evidence',
      screens: [page('我的', entry('我要举报'))],
      verdict: 'pass',
      messageId: 'entry',
      evidence: [{ state: 's0', text: '我要举报', via: 'a11y', bounds: [160, 658, 700, 718] }],
    },
    { name: 'incident reporting (上报) is not 举报', screens: [page('首页', entry('问题上报'))], verdict: 'fail', messageId: 'none', evidence: [] },
    { name: 'a word in a headline is not a way to report', screens: [page('资讯', text('我市开通食品安全有奖举报渠道的通知发布'))], verdict: 'fail', messageId: 'none', evidence: [] },
    { name: 'nothing explored', screens: [], verdict: 'unknown', messageId: 'notExplored', evidence: [] },
  ],
});
