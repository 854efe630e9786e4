import detector from '../../detectors/no-check-in.ts';
import { run } from '../helpers/detector-tester.ts';

const page = (title: string, body: string) => `<hierarchy rotation="0" width="1080" height="2340">
  <node class="android.widget.FrameLayout" bounds="[0,0][1080,2340]">
    <node class="android.widget.TextView" text="${title}" resource-id="cn.gov.test:id/tv_title" bounds="[140,120][940,195]"/>
    ${body}
  </node>
</hierarchy>`;
const button = (text: string, y = 260) => `<node class="android.widget.Button" text="${text}" clickable="true" bounds="[60,${y}][1020,${y + 120}]"/>`;
const label = (text: string, y = 400) => `<node class="android.widget.TextView" text="${text}" bounds="[60,${y}][1020,${y + 70}]"/>`;

const PERMISSION = `<hierarchy rotation="0" width="1080" height="2340">
  <node class="android.widget.Button" package="com.android.permissioncontroller" text="每次打卡时允许" clickable="true" bounds="[100,1049][980,1159]"/>
</hierarchy>`;

run(detector, {
  valid: [
    { name: 'ordinary home page', screens: [page('某市政务服务', button('办事指南') + button('我的', 400))], messageId: 'none' },
    { name: 'check-in words in news headlines and articles are not functions', screens: ['news-checkin-headlines.xml'], messageId: 'none' },
    { name: 'a non-clickable word in a notice', screens: [page('通知', label('请于周五前完成会议签到表的整理工作并报送办公室'))], messageId: 'none' },
    { name: 'an article quoting a confirmation', screens: [page('解读', label('不得再以“已打卡”“签到成功”等截图作为考核依据，切实为基层减负松绑'))], messageId: 'none' },
  ],
  invalid: [
    {
      name: 'a check-in button',
      screens: [page('某市政务服务', button('每日签到'))],
      verdict: 'fail',
      messageId: 'entry',
      evidence: [{ text: '每日签到', via: 'a11y', state: 's0', bounds: [60, 260, 1020, 380] }],
    },
    {
      name: 'a check-in entry whose tap confirms the check-in',
      screens: [page('学习平台', button('学习打卡')), page('学习打卡', label('打卡成功'))],
      actions: [{ from: 's0', to: 's1', label: '学习打卡', bounds: [60, 260, 1020, 380] }],
      verdict: 'fail',
      messageId: 'entryConfirmed',
      summary: /点击后显示“打卡成功”/,
      evidence: [
        { text: '学习打卡', via: 'a11y', state: 's0' },
        { text: '打卡成功', via: 'flow', state: 's1' },
      ],
    },
    {
      name: 'an image button named by content-desc',
      screens: [page('首页', '<node class="android.widget.ImageView" content-desc="签到领积分" clickable="true" bounds="[900,110][1040,200]"/>')],
      verdict: 'fail',
      messageId: 'entry',
      evidence: [{ state: 's0', text: '签到领积分', via: 'a11y' }],
    },
    {
      name: 'a confirmation without a seen entry',
      screens: [page('个人中心', label('今日已打卡，连续打卡5天'))],
      verdict: 'fail',
      messageId: 'confirmed',
      evidence: [{ state: 's0', text: '今日已打卡，连续打卡5天', via: 'a11y' }],
    },
    {
      name: 'duty check-in is a special scenario',
      screens: [page('值班管理', button('值班签到'))],
      verdict: 'review',
      messageId: 'scenario',
      summary: /值班值守/,
      evidence: [{ state: 's0', text: '值班签到', via: 'a11y' }],
    },
    {
      name: 'the screen title names the scenario',
      screens: [page('应急抢险任务', button('到岗打卡'))],
      verdict: 'review',
      messageId: 'scenario',
      summary: /应急抢险/,
      evidence: [{ state: 's0', text: '到岗打卡' }],
    },
    {
      name: 'the tap that led to the screen names the scenario',
      screens: [page('工作台', button('隐患排查')), page('今日任务', button('签到'))],
      actions: [{ from: 's0', to: 's1', label: '隐患排查', bounds: [60, 260, 1020, 380] }],
      verdict: 'review',
      messageId: 'scenario',
      summary: /风险隐患排查/,
      evidence: [{ state: 's1', text: '签到' }],
    },
    {
      name: 'an ordinary check-in beside an exempt one still fails',
      screens: [page('工作台', button('巡查打卡') + button('每日签到', 400))],
      verdict: 'fail',
      messageId: 'entry',
      evidence: [{ state: 's0', text: '每日签到' }],
    },
    {
      name: 'only a system permission dialog was seen',
      screens: [{ source: PERMISSION, package: 'com.android.permissioncontroller' }],
      verdict: 'unknown',
      messageId: 'notExplored',
      evidence: [],
    },
  ],
});
