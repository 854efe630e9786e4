import detector from '../../detectors/filing-number.ts';
import { run } from '../helpers/detector-tester.ts';
import { webPage, webText } from './web-page.ts';

const H5_FOOTER = (line: string) =>
  webPage('某市人民政府门户网站', [webText('网站标识码：3301000001  浙公网安备 33010002000001号', { y: 40100, footer: true, read: true }), webText(line, { y: 40180, footer: true, read: true })]);

const page = (title: string, body: string) => `<hierarchy rotation="0" width="1080" height="2340">
  <node class="android.widget.FrameLayout" bounds="[0,0][1080,2340]">
    <node class="android.widget.TextView" text="${title}" resource-id="cn.gov.test:id/tv_title" bounds="[140,120][940,195]"/>
    ${body}
  </node>
</hierarchy>`;
const text = (t: string, bounds = '[60,894][998,962]') => `<node class="android.widget.TextView" text="${t}" bounds="${bounds}"/>`;
const LOGIN_IMAGE_FOOTER = `<hierarchy rotation="0" width="1080" height="2340">
  <node class="android.widget.FrameLayout" bounds="[0,0][1080,2340]">
    <node class="android.widget.ImageView" resource-id="cn.gov.test:id/iv_footer" bounds="[100,2200][980,2290]"/>
  </node>
</hierarchy>`;

run(detector, {
  valid: [
    { name: 'on the about page', screens: [page('关于我们', text('备案号：苏ICP备2024012345号-1A'))], messageId: 'found' },
    { name: 'label and number in separate elements', screens: [page('关于', text('App备案号', '[60,894][300,962]') + text('浙ICP备2023001234号-2A', '[400,894][998,962]'))], messageId: 'found' },
    {
      name: 'read by OCR from an image footer, with noise',
      screens: [{ source: LOGIN_IMAGE_FOOTER, ocr: [{ text: '粤 lCP 各 2O23001234 号-1A', bounds: { x1: 160, y1: 2210, x2: 920, y2: 2270 }, confidence: 0.88 }] }],
      messageId: 'found',
    },
  ],
  invalid: [
    {
      name: 'H5 app: the website ICP filing far below the fold is the applicable number, noted as the footer',
      screens: [H5_FOOTER('浙ICP备05070602号-1')],
      verdict: 'pass',
      messageId: 'foundWebsite',
      evidence: [{ state: 's0', text: '浙ICP备05070602号-1', note: '来自页面页脚（位于首屏以下，滚动浏览整页后读取，不在本截图范围内）' }],
    },
    { name: 'H5 app: 公网安备 and 标识码 alone are not a filing number', screens: [H5_FOOTER('版权所有：某市人民政府办公厅')], verdict: 'fail', messageId: 'none', evidence: [] },
    { name: 'H5 app: a website number cut off still fails', screens: [H5_FOOTER('浙ICP备0507…')], verdict: 'fail', messageId: 'cutOff', evidence: [{ state: 's0', text: '浙ICP备0507…' }] },
    {
      name: 'evidence carries the bounds',
      screens: [page('关于我们', text('备案号：苏ICP备2024012345号-1A'))],
      verdict: 'pass',
      evidence: [{ text: '备案号：苏ICP备2024012345号-1A', via: 'a11y', bounds: [60, 894, 998, 962], state: 's0' }],
      messageId: 'found',
    },
    { name: 'cut off with an ellipsis', screens: [page('关于', text('备案号：苏ICP备20240…'))], verdict: 'fail', messageId: 'cutOff', evidence: [{ state: 's0', text: '备案号：苏ICP备20240…' }] },
    { name: 'clipped at the screen edge', screens: [page('关于', text('ICP备案：苏ICP备2024012345号-1A', '[420,2228][1080,2270]'))], verdict: 'fail', messageId: 'cutOff', evidence: [{ state: 's0', text: 'ICP备案：苏ICP备2024012345号-1A' }] },
    { name: 'a website number, not the app filing', screens: [page('关于', text('京ICP备05070218号-1'))], verdict: 'review', messageId: 'website', evidence: [{ state: 's0', text: '京ICP备05070218号-1' }] },
    { name: 'none', screens: [page('关于', text('版本 2.3.0'))], verdict: 'fail', messageId: 'none', evidence: [] },
    { name: 'nothing explored', screens: [], verdict: 'unknown', messageId: 'notExplored', evidence: [] },
  ],
});
