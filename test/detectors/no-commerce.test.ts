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
const at = (t: string, x1: number, y: number, x2: number, extra = '') => `<node class="android.widget.TextView" text="${t}" bounds="[${x1},${y}][${x2},${y + 60}]"${extra}/>`;
/** A status-bar window beside the app, as multi-window dumps carry it. */
const statusBar = (t: string) =>
  `<node class="android.widget.FrameLayout" package="com.android.systemui" bounds="[0,0][1080,80]"><node class="android.widget.ImageView" package="com.android.systemui" content-desc="${t}" bounds="[100,0][160,80]"/></node>`;
const withWindow = (page: string, window: string) => page.replace('<hierarchy rotation="0" width="1080" height="2340">', `<hierarchy rotation="0" width="1080" height="2340">${window}`);
/** A chat screen: a message list above a composer. */
const chat = (messages: string[], toolbar = '') =>
  page(
    '工作群',
    `<node class="androidx.recyclerview.widget.RecyclerView" scrollable="true" bounds="[0,230][1080,1900]">${messages
      .map((m, i) => `<node class="android.widget.TextView" text="${m}" clickable="true" bounds="[160,${300 + i * 200}][900,${460 + i * 200}]"/>`)
      .join('')}</node>${toolbar}<node class="android.widget.EditText" text="" clickable="true" bounds="[40,2100][900,2200]"/>`,
  );

run(detector, {
  valid: [
    { name: 'government services only', screens: [page('首页', button('社保查询') + button('公积金', 400))], messageId: 'none' },
    { name: 'fees of a public service are not goods', screens: [page('缴费', text('不动产登记费 ¥80') + button('立即缴费', 600))], messageId: 'none' },
    { name: 'procurement notices and news words', screens: [page('公告', button('政府采购公告') + text('关于整治违法广告和直播带货乱象的通知', 500))], messageId: 'none' },
    { name: 'social insurance and housing-fund loans are public services', screens: [page('办事', button('社会保险') + button('公积金贷款', 400) + button('医保基金监管', 540))], messageId: 'none' },
    { name: 'a shopping notification in the status bar window is not the app’s', screens: [withWindow(page('首页', button('办事指南')), statusBar('淘宝通知：限时抢购 立即购买'))], messageId: 'none' },
  ],
  invalid: [
    { name: 'a mall entry', screens: [page('首页', button('积分商城'))], verdict: 'fail', messageId: 'found', summary: /购物或付费入口“积分商城”/, evidence: [{ state: 's0', text: '积分商城', via: 'a11y' }] },
    { name: 'paid membership', screens: [page('我的', button('开通VIP会员'))], verdict: 'fail', messageId: 'found', evidence: [{ state: 's0', text: '开通VIP会员' }] },
    {
      name: 'an ad tag on a banner',
      screens: [page('首页', '<node class="android.widget.ImageView" content-desc="banner" bounds="[0,230][1080,600]"/><node class="android.widget.TextView" text="广告" bounds="[980,540][1060,590]"/>')],
      verdict: 'fail',
      messageId: 'found',
      summary: /广告“广告”/,
      evidence: [{ state: 's0', text: '广告', bounds: [980, 540, 1060, 590] }],
    },
    { name: 'a splash ad', screens: [page('', button('跳过广告 3s', 2100))], verdict: 'fail', messageId: 'found', evidence: [{ state: 's0', text: '跳过广告 3s' }] },
    {
      name: 'priced goods',
      screens: [page('精品课程', text('党史学习精品课 ￥99.00') + text('已售 1203', 480))],
      verdict: 'fail',
      messageId: 'found',
      summary: /商品标价/,
      evidence: [{ state: 's0', text: '党史学习精品课 ￥99.00' }],
    },
    { name: 'securities trading entries', screens: [page('交易', button('买入') + button('卖出', 400) + button('撤单', 540))], verdict: 'fail', messageId: 'found', summary: /证券或借贷交易入口“买入”/, evidence: [{ state: 's0', text: '买入' }, { state: 's0', text: '卖出' }, { state: 's0', text: '撤单' }] },
    { name: 'credit cards and loans', screens: [page('我的', button('信用卡') + button('贷款', 400))], verdict: 'fail', messageId: 'found', summary: /金融产品“信用卡”/, evidence: [{ state: 's0', text: '信用卡' }, { state: 's0', text: '贷款' }] },
    { name: 'a trade price', screens: [page('调仓历史', text('参考成交价 83.060'))], verdict: 'fail', messageId: 'found', summary: /商品标价/, evidence: [{ state: 's0', text: '参考成交价 83.060' }] },
    {
      name: 'a price split over two nodes (¥ | 999) beside sale wording',
      screens: [page('选择票档', at('¥', 77, 2000, 103) + at('999', 103, 2000, 220) + text('每笔订单限购3张，按付款顺序配票', 1800))],
      verdict: 'fail',
      messageId: 'found',
      evidence: [{ state: 's0', text: '¥', bounds: [77, 2000, 103, 2060] }],
    },
    { name: 'a payment-collection tool needs judgement', screens: [page('工作台', button('发起收款'))], verdict: 'review', messageId: 'payment', evidence: [{ state: 's0', text: '发起收款' }] },
    {
      name: 'goods with prices in a member’s chat message are not the app’s own offer',
      screens: [chat(['群友：新鲜玉米 29.9元一箱 包邮到家', '好的'])],
      verdict: 'review',
      messageId: 'posted',
      evidence: [{ state: 's0', text: '群友：新鲜玉米 29.9元一箱 包邮到家' }],
    },
    { name: 'nothing explored', screens: [], verdict: 'unknown', messageId: 'notExplored', evidence: [] },
  ],
});
