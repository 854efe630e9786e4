import detector from '../../detectors/unit-name.ts';
import { run } from '../helpers/detector-tester.ts';
import { webPage, webText } from './web-page.ts';

/** A portal article: the publishing department near the top, the dense footer tens of thousands of px below. */
const ARTICLE = webPage('关于做好冬季道路交通安全工作的通知', [
  webText('来源：某市交通运输局  发布时间：2026-11-20', { y: 200 }),
  webText('某市公安局交通警察支队', { y: 300, tag: 'div' }),
  webText('主办单位：某市人民政府办公厅  承办单位：某市大数据发展管理局', { y: 60200, footer: true, read: true }),
  webText('技术支持：某某数字科技有限公司  网站标识码：3301000001', { y: 60280, footer: true, read: true }),
]);

const page = (title: string, body: string) => `<hierarchy rotation="0" width="1080" height="2340">
  <node class="android.widget.FrameLayout" bounds="[0,0][1080,2340]">
    <node class="android.widget.TextView" text="${title}" resource-id="cn.gov.test:id/tv_title" bounds="[140,120][940,195]"/>
    ${body}
  </node>
</hierarchy>`;
const text = (t: string, bounds = '[60,738][700,806]') => `<node class="android.widget.TextView" text="${t}" bounds="${bounds}"/>`;
const LOGIN = `<hierarchy rotation="0" width="1080" height="2340">
  <node class="android.widget.FrameLayout" bounds="[0,0][1080,2340]">
    <node class="android.widget.ImageView" resource-id="cn.gov.test:id/iv_logo" bounds="[60,180][1020,560]"/>
    <node class="android.widget.EditText" hint="请输入用户名" clickable="true" bounds="[60,630][1020,760]"/>
    <node class="android.widget.EditText" hint="请输入密码" password="true" clickable="true" bounds="[60,790][1020,920]"/>
  </node>
</hierarchy>`;
const about = { activity: '.AboutActivity' };

run(detector, {
  valid: [
    { name: 'labelled host unit on the about page', screens: [{ source: page('关于我们', text('主办单位：某省委组织部')), ...about }], messageId: 'found' },
    { name: 'label and name in two elements', screens: [page('关于', text('使用单位', '[60,738][300,806]') + text('某市财政局', '[400,738][800,806]'))], messageId: 'found' },
    { name: 'a short name that is standard: 某市人民政府', screens: [page('关于', text('主办：某市人民政府  承办：某市大数据中心'))], messageId: 'found' },
    {
      name: 'the name in the login logo image, read by OCR',
      screens: [{ source: LOGIN, activity: '.LoginActivity', ocr: [{ text: '某市人民政府办公室', bounds: { x1: 200, y1: 420, x2: 880, y2: 500 }, confidence: 0.96 }] }],
      messageId: 'found',
    },
    { name: 'a vendor beside the host unit does not matter', screens: [page('关于', text('主办单位：某县人民政府') + text('技术支持：某某科技有限公司', '[60,816][700,884]'))], messageId: 'found' },
  ],
  invalid: [
    {
      name: 'the name cut off with an ellipsis',
      screens: [page('河湖巡护通', text('主办单位：某某县水利局河湖长制工作领导小组办…', '[149,2096][931,2140]'))],
      verdict: 'fail',
      messageId: 'truncated',
      evidence: [{ state: 's0', text: '主办单位：某某县水利局河湖长制工作领导小组办…', via: 'a11y', bounds: [149, 2096, 931, 2140] }],
    },
    {
      name: 'the name clipped at the screen edge',
      screens: [page('首页', text('主办单位：某自治区人民政府办公厅电子政务', '[300,2200][1080,2250]'))],
      verdict: 'fail',
      messageId: 'truncated',
      evidence: [{ state: 's0', text: '主办单位：某自治区人民政府办公厅电子政务' }],
    },
    {
      name: 'tiny text',
      screens: [page('关于', text('主办单位：某市人民政府', '[60,2280][400,2296]'))],
      verdict: 'review',
      messageId: 'small',
      summary: /16像素/,
      evidence: [{ state: 's0', text: '主办单位：某市人民政府' }],
    },
    {
      name: 'a low-confidence OCR read of the logo',
      screens: [{ source: LOGIN, activity: '.LoginActivity', ocr: [{ text: '某市人民政府', bounds: { x1: 200, y1: 420, x2: 880, y2: 500 }, confidence: 0.42 }] }],
      verdict: 'review',
      messageId: 'lowConfidence',
      evidence: [{ state: 's0', text: '某市人民政府', via: 'ocr' }],
    },
    {
      name: 'a labelled name that is not an organisation name',
      screens: [page('关于', text('主办单位：智慧城市'))],
      verdict: 'review',
      messageId: 'unrecognised',
      evidence: [{ state: 's0', text: '主办单位：智慧城市' }],
    },
    {
      name: 'H5 article: the host from the footer’s 主办 (noted as the footer), not the article’s 来源, the police squad in the header or the vendor',
      app: { package: 'http://127.0.0.1:8080' },
      screens: [{ source: ARTICLE, package: 'http://127.0.0.1:8080' }],
      verdict: 'pass',
      messageId: 'found',
      summary: /某市人民政府办公厅/,
      evidence: [{ state: 's0', text: '主办单位：某市人民政府办公厅 承办单位：某市大数据发展管理局', note: '来自页面页脚（位于首屏以下，滚动浏览整页后读取，不在本截图范围内）' }],
    },
    { name: 'only an operator (承办) named: review', screens: [page('关于', text('承办单位：某市大数据发展管理局'))], verdict: 'review', messageId: 'operatorOnly', evidence: [{ state: 's0', text: '承办单位：某市大数据发展管理局' }] },
    {
      name: 'an article source, an author and identifiers are not the host unit',
      screens: [page('首页', text('来源：某市交通运输局') + text('发布机构', '[60,900][300,968]') + text('某市财政局', '[400,900][800,968]') + text('浙公网安备 33010002000001号', '[60,1000][800,1068]'))],
      verdict: 'fail',
      messageId: 'none',
      evidence: [],
    },
    { name: 'only the vendor', screens: [{ source: 'about-vendor-only.xml', ...about }], verdict: 'fail', messageId: 'vendorOnly', evidence: [{ state: 's0', text: '技术支持：某某信息技术有限公司' }] },
    {
      name: 'none; organisation names in news sources, articles and contact lists are not the host unit',
      screens: [
        page('首页', text('2026-11-20  省委办公厅') + text('本次读书活动由市委宣传部主办，市图书馆承办。', '[60,900][1000,968]')),
        page('通讯录', '<node class="android.widget.TextView" text="市财政局" clickable="true" bounds="[160,270][400,330]"/>'),
      ],
      actions: [{ from: 's0', to: 's1', label: '通讯录' }],
      verdict: 'fail',
      messageId: 'none',
      evidence: [],
    },
    { name: 'nothing explored', screens: [], verdict: 'unknown', messageId: 'notExplored', evidence: [] },
  ],
});
