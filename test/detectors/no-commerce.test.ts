import detector from '../../detectors/no-commerce.ts';
import { run } from '../helpers/detector-tester.ts';

const page = (title: string, body: string) => `<hierarchy rotation="0" width="1080" height="2340">
  <node class="android.widget.FrameLayout" bounds="[0,0][1080,2340]">
    <node class="android.widget.TextView" text="${title}" resource-id="cn.gov.test:id/tv_title" bounds="[140,120][940,195]"/>
    ${body}
  </node>
</hierarchy>`;
const button = (t: string, y = 260) => `<node class="android.widget.Button" text="${t}" clickable="true" bounds="[60,${y}][1020,${y + 120}]"/>`;
const text = (t: string, y = 400) => `<node class="android.widget.TextView" text="${t}" bounds="[60,${y}][900,${y + 60}]"/>`;

run(detector, {
  valid: [
    { name: 'government services only', screens: [page('首页', button('社保查询') + button('公积金', 400))], messageId: 'none' },
    { name: 'fees of a public service are not goods', screens: [page('缴费', text('不动产登记费 ¥80') + button('立即缴费', 600))] },
    { name: 'procurement notices and news words', screens: [page('公告', button('政府采购公告') + text('关于整治违法广告和直播带货乱象的通知', 500))] },
  ],
  invalid: [
    { name: 'a mall entry', screens: [page('首页', button('积分商城'))], verdict: 'fail', messageId: 'found', summary: /购物或付费入口“积分商城”/, evidence: [{ text: '积分商城', via: 'a11y' }] },
    { name: 'paid membership', screens: [page('我的', button('开通VIP会员'))], verdict: 'fail', messageId: 'found' },
    {
      name: 'an ad tag on a banner',
      screens: [page('首页', '<node class="android.widget.ImageView" content-desc="banner" bounds="[0,230][1080,600]"/><node class="android.widget.TextView" text="广告" bounds="[980,540][1060,590]"/>')],
      verdict: 'fail',
      messageId: 'found',
      summary: /广告“广告”/,
      evidence: [{ text: '广告', bounds: [980, 540, 1060, 590] }],
    },
    { name: 'a splash ad', screens: [page('', button('跳过广告 3s', 2100))], verdict: 'fail', messageId: 'found' },
    {
      name: 'priced goods',
      screens: [page('精品课程', text('党史学习精品课 ￥99.00') + text('已售 1203', 480))],
      verdict: 'fail',
      messageId: 'found',
      summary: /商品标价/,
    },
    { name: 'nothing explored', screens: [], verdict: 'unknown', messageId: 'notExplored' },
  ],
});
