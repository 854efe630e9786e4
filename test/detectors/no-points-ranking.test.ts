import detector from '../../detectors/no-points-ranking.ts';
import { run } from '../helpers/detector-tester.ts';

const page = (title: string, body: string) => `<hierarchy rotation="0" width="1080" height="2340">
  <node class="android.widget.FrameLayout" bounds="[0,0][1080,2340]">
    <node class="android.widget.TextView" text="${title}" resource-id="cn.gov.test:id/tv_title" bounds="[140,120][940,195]"/>
    ${body}
  </node>
</hierarchy>`;
/** A list row: left text and right value on one line. */
const row = (left: string, right: string, y: number) =>
  `<node class="android.widget.LinearLayout" bounds="[0,${y}][1080,${y + 140}]">
     <node class="android.widget.TextView" text="${left}" bounds="[60,${y + 40}][500,${y + 100}]"/>
     <node class="android.widget.TextView" text="${right}" bounds="[790,${y + 42}][980,${y + 98}]"/>
   </node>`;
const rows = (items: [string, string][]) => items.map(([l, r], i) => row(l, r, 230 + i * 140)).join('\n');

run(detector, {
  valid: [
    { name: 'points without a ranking', screens: [page('我的', rows([['学习积分', '860'], ['学时', '36.5']]))], messageId: 'none' },
    {
      name: 'a ranking of water quality is not a points ranking',
      screens: [page('河段水质排名', rows([['1   清溪河', 'Ⅱ类'], ['2   白沙河', 'Ⅲ类'], ['3   石门溪', 'Ⅲ类']]))],
      messageId: 'none',
    },
    {
      name: 'a ranking of service windows by score',
      screens: [page('窗口服务排名', rows([['1   不动产登记窗口', '98.5分'], ['2   社保窗口', '97分']]))],
      messageId: 'none',
    },
    { name: 'a numbered list of dated records', screens: [page('巡护记录', rows([['11-21 清溪河城关段', '3.2公里'], ['11-19 清溪河城关段', '3.1公里']]))], messageId: 'none' },
    { name: 'news about rankings', screens: ['news-checkin-headlines.xml'], messageId: 'none' },
    {
      name: 'a wealth ranking beside a points programme is not a points ranking',
      screens: [page('我的资产', '<node class="android.widget.TextView" text="财富排名" bounds="[147,299][259,340]"/><node class="android.widget.TextView" text="超越 0％ 用户" bounds="[92,353][268,400]"/><node class="android.widget.TextView" text="万里通积分" clickable="true" bounds="[218,1093][303,1130]"/>')],
      messageId: 'none',
    },
    {
      name: 'a leaderboard ranked by returns, points on the same screen',
      screens: [page('收益排行榜', rows([['1   张三', '+35.2%'], ['2   李四', '+30.1%']]) + '<node class="android.widget.TextView" text="我的积分 860" bounds="[60,900][500,960]"/>')],
      messageId: 'none',
    },
    { name: 'a comparison with similar shows is not a ranking of users', screens: [page('演出详情', '<node class="android.widget.TextView" text="超过72%同类演出" bounds="[77,400][700,460]"/>')], messageId: 'none' },
  ],
  invalid: [
    {
      name: 'a leaderboard of users by points',
      screens: [page('积分排行榜', rows([['1   张三', '1280分'], ['2   李四', '1175分'], ['3   王五', '1003分']]))],
      verdict: 'fail',
      messageId: 'list',
      evidence: [{ state: 's0', text: '积分排行榜', via: 'a11y' }, { state: 's0', text: '1 张三  1280分', bounds: [60, 270, 980, 330] }, { state: 's0', text: '2 李四  1175分' }, { state: 's0', text: '3 王五  1003分' }],
    },
    {
      name: 'an untitled list ranked by study hours',
      screens: [page('本月', rows([['第1名 张三', '42学时'], ['第2名 李四', '40学时']]))],
      verdict: 'fail',
      messageId: 'list',
      summary: /按学时/,
      evidence: [{ state: 's0', text: '本月' }, { state: 's0', text: '第1名 张三  42学时' }, { state: 's0', text: '第2名 李四  40学时' }],
    },
    {
      name: 'ranking told as text next to credits',
      screens: ['points-ranking-text.xml'],
      verdict: 'fail',
      messageId: 'text',
      evidence: [{ state: 's0', text: '您已超过了 86% 的学员', via: 'a11y' }, { state: 's0', text: '本年学分', via: 'a11y' }],
    },
    {
      name: 'an entry naming a points ranking',
      screens: [page('我的', '<node class="android.widget.TextView" text="积分排名" clickable="true" bounds="[60,300][400,360]"/>')],
      verdict: 'fail',
      messageId: 'text',
      evidence: [{ state: 's0', text: '积分排名' }],
    },
    {
      name: 'a patrol points ranking is a special scenario',
      screens: [page('巡河积分排行', rows([['1   李河长', '320分'], ['2   王河长', '300分']]))],
      verdict: 'review',
      messageId: 'scenario',
      summary: /安全巡护/,
      evidence: [{ state: 's0', text: '巡河积分排行' }, { state: 's0', text: '1 李河长  320分' }, { state: 's0', text: '2 王河长  300分' }],
    },
    {
      name: 'a ranking of users whose measure is not shown',
      screens: [page('模拟', '<node class="android.widget.TextView" text="排行榜" clickable="true" bounds="[36,751][120,800]"/><node class="android.widget.TextView" text="更多牛人" clickable="true" bounds="[207,744][354,800]"/>')],
      verdict: 'review',
      messageId: 'unstated',
      evidence: [{ state: 's0', text: '排行榜' }],
    },
    { name: 'nothing explored', screens: [], verdict: 'unknown', messageId: 'notExplored', evidence: [] },
  ],
});
