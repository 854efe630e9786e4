import detector from '../../detectors/complaint-channel.ts';
import { run } from '../helpers/detector-tester.ts';
import { webPage, webText } from './web-page.ts';

const page = (title: string, body: string) => `<hierarchy rotation="0" width="1080" height="2340">
  <node class="android.widget.FrameLayout" bounds="[0,0][1080,2340]">
    <node class="android.widget.TextView" text="${title}" resource-id="cn.gov.test:id/tv_title" bounds="[140,120][940,195]"/>
    ${body}
  </node>
</hierarchy>`;
const entry = (t: string, y = 618) =>
  `<node class="android.widget.LinearLayout" clickable="true" bounds="[0,${y}][1080,${y + 140}]"><node class="android.widget.TextView" text="${t}" bounds="[160,${y + 40}][500,${y + 100}]"/></node>`;
const text = (t: string, y = 800) => `<node class="android.widget.TextView" text="${t}" bounds="[60,${y}][900,${y + 68}]"/>`;
const FORM = page('意见反馈', '<node class="android.widget.EditText" hint="请输入您的意见建议" clickable="true" bounds="[60,338][1020,698]"/><node class="android.widget.Button" text="提交" clickable="true" bounds="[60,728][1020,848]"/>');
const SEARCH = page('留言列表', '<node class="android.widget.EditText" hint="搜索留言" clickable="true" bounds="[60,240][1020,340]"/>');

run(detector, {
  valid: [
    {
      name: 'an entry leading to a form',
      screens: [page('我的', entry('意见反馈')), FORM],
      actions: [{ from: 's0', to: 's1', label: '意见反馈', bounds: [0, 618, 1080, 758] }],
      messageId: 'form',
    },
    { name: 'a complaint form reached some other way', screens: [page('首页', entry('服务')), page('投诉建议', '<node class="android.widget.EditText" text="" clickable="true" bounds="[60,338][1020,698]"/>')], messageId: 'formScreen' },
    { name: 'a landline', screens: [page('关于', text('客服电话：0571-12345678'))], messageId: 'contact' },
    { name: 'a mobile number', screens: [page('联系我们', text('联系人手机 13912345678'))], messageId: 'contact' },
    { name: 'an email address', screens: [page('关于', text('意见邮箱：service@example.gov.cn'))], messageId: 'contact' },
    { name: 'a fax number', screens: [page('关于', text('传真：010-66001234'))], messageId: 'contact' },
    { name: 'the 12345 hotline', screens: [page('首页', text('政务服务便民热线 12345'))], messageId: 'contact' },
    {
      name: 'a suggestion mailbox on a call-for-suggestions page (no complaint word beside the address)',
      screens: [webPage('关于公开征求《某市养犬管理规定（征求意见稿）》意见的公告', [webText('1.电子邮件：请发送至专用邮箱 yjzj@gaj.example.gov.cn', { y: 900 })])],
      messageId: 'contact',
    },
    {
      name: 'a number under a 投诉电话 heading',
      screens: [webPage('办事指南', [webText('投诉电话：', { y: 900, tag: 'h3' }), webText('0571-87001234', { y: 980 })])],
      messageId: 'contact',
    },
    { name: 'a complaint line on an ordinary page', screens: [page('办事指南', text('投诉电话：0571-87654321'))], messageId: 'contact' },
    { name: 'a supervision line', screens: [page('首页', text('监督电话 010-66001234'))], messageId: 'contact' },
    { name: 'an email for soliciting opinions', screens: [page('通知公告', text('征求意见邮箱：yijian@example.gov.cn'))], messageId: 'contact' },
    { name: 'a 400 number in separate elements of one row', screens: [page('帮助', '<node class="android.widget.TextView" text="服务热线" bounds="[60,300][300,360]"/><node class="android.widget.TextView" text="400-800-1234" bounds="[600,300][980,360]"/>')], messageId: 'contact' },
  ],
  invalid: [
    {
      name: 'the form flow carries the entry and the input as evidence',
      screens: [page('我的', entry('留言咨询')), FORM],
      actions: [{ from: 's0', to: 's1', label: '留言咨询', bounds: [0, 618, 1080, 758] }],
      verdict: 'pass',
      messageId: 'form',
      evidence: [
        { state: 's0', text: '留言咨询', via: 'a11y' },
        { state: 's1', text: '请输入您的意见建议', via: 'flow', bounds: [60, 338, 1020, 698] },
      ],
    },
    {
      name: 'an entry never opened',
      screens: [page('我的', entry('我要投诉'))],
      verdict: 'review',
      messageId: 'entryOnly',
      evidence: [{ state: 's0', text: '我要投诉', via: 'a11y' }],
    },
    {
      name: 'an entry that led to a list with a search box only',
      screens: [page('我的', entry('网上留言')), SEARCH],
      actions: [{ from: 's0', to: 's1', label: '网上留言', bounds: [0, 618, 1080, 758] }],
      verdict: 'review',
      messageId: 'entryOnly',
      evidence: [{ state: 's0', text: '网上留言' }],
    },
    {
      name: 'incident reporting (上报) is not a complaint channel',
      screens: [page('河湖巡护通', entry('问题上报')), page('问题上报', '<node class="android.widget.EditText" hint="请描述问题" clickable="true" bounds="[60,338][1020,698]"/>')],
      actions: [{ from: 's0', to: 's1', label: '问题上报', bounds: [0, 618, 1080, 758] }],
      verdict: 'fail',
      messageId: 'none',
      evidence: [],
    },
    { name: 'a duty line is operational, even on a contact page', screens: [page('联系我们', text('值班电话：0571-87000000'))], verdict: 'fail', messageId: 'none', evidence: [] },
    { name: 'a booking number is operational', screens: [page('场馆预约', text('预约电话：0571-88888888'))], verdict: 'fail', messageId: 'none', evidence: [] },
    { name: 'a shop’s customer service on a product page', screens: [page('商品详情', text('客服电话：400-800-1234'))], verdict: 'fail', messageId: 'none', evidence: [] },
    { name: 'advice addressed to the user is not a suggestion entry', screens: [page('我的资产', entry('3 条优化建议'))], verdict: 'fail', messageId: 'none', evidence: [] },
    {
      name: 'a chat message mentioning a complaint is not an entry',
      screens: [
        page(
          '工作群',
          '<node class="androidx.recyclerview.widget.RecyclerView" scrollable="true" bounds="[0,230][1080,1900]"><node class="android.widget.TextView" text="对 被人恶意投诉了" clickable="true" bounds="[106,828][431,880]"/></node><node class="android.widget.EditText" text="" bounds="[40,2100][900,2200]"/>',
        ),
      ],
      verdict: 'fail',
      messageId: 'none',
      evidence: [],
    },
    {
      name: 'a heading that asks for nothing does not make its numbers complaint channels; the next heading ends a suggestion section',
      screens: [
        webPage('办事指南', [webText('监督电话', { y: 700, tag: 'h3' }), webText('报警电话：110', { y: 760 }), webText('办理地点', { y: 900, tag: 'h3' }), webText('0571-87001234', { y: 980 })]),
      ],
      verdict: 'fail',
      messageId: 'none',
      evidence: [],
    },
    { name: 'an unlabelled number is not a published contact', screens: [page('公告', text('编号 0571-12345678'))], verdict: 'fail', messageId: 'none', evidence: [] },
    { name: 'nothing explored', screens: [], verdict: 'unknown', messageId: 'notExplored', evidence: [] },
  ],
});
