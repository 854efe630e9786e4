import detector from '../../detectors/no-proof-of-work-upload.ts';
import { run } from '../helpers/detector-tester.ts';
import { PERMISSION_PACKAGE, permissionDialog } from '../helpers/permission-dialog.ts';

const page = (title: string, body: string) => `<hierarchy rotation="0" width="1080" height="2340">
  <node class="android.widget.FrameLayout" bounds="[0,0][1080,2340]">
    <node class="android.widget.TextView" text="${title}" resource-id="cn.gov.test:id/tv_title" bounds="[140,120][940,195]"/>
    ${body}
  </node>
</hierarchy>`;
const button = (text: string, y = 260) => `<node class="android.widget.Button" text="${text}" clickable="true" bounds="[60,${y}][1020,${y + 120}]"/>`;
const label = (text: string, y = 400) => `<node class="android.widget.TextView" text="${text}" bounds="[60,${y}][1020,${y + 70}]"/>`;
const picker = (desc: string, y = 600) => `<node class="android.widget.ImageView" content-desc="${desc}" clickable="true" bounds="[60,${y}][300,${y + 240}]"/>`;
const input = (hint: string, y = 500) => `<node class="android.widget.EditText" hint="${hint}" clickable="true" bounds="[60,${y}][1020,${y + 90}]"/>`;


run(detector, {
  valid: [
    { name: 'ordinary service home page', screens: [page('某市政务服务', button('办事指南') + button('我的', 400))], messageId: 'none' },
    {
      name: 'a citizen attaching pictures to feedback is not proof of work',
      screens: [page('意见反馈', input('请描述您的问题') + picker('上传图片') + button('提交', 900))],
      messageId: 'none',
    },
    { name: 'changing an avatar', screens: [page('个人资料', button('更换头像') + button('拍照', 400))], messageId: 'none' },
    { name: 'uploading ID papers for a service application', screens: [page('社保卡申领', button('上传身份证照片') + label('请按要求上传', 420))], messageId: 'none' },
    { name: 'a patrol track being recorded is a status, not an upload control', screens: [page('巡护任务', label('已签到 08:32  开始巡河') + label('巡河轨迹记录中…', 500))], messageId: 'none' },
    { name: 'a headline about 工作留痕 is not a function', screens: [page('要闻', label('我市持续整治“指尖上的形式主义”，不再要求基层拍照上传工作留痕'))], messageId: 'none' },
    { name: 'no in-app screen', screens: [{ source: permissionDialog('允许“测试”拍摄照片和录制视频吗？'), package: PERMISSION_PACKAGE }], verdict: 'unknown', messageId: 'notExplored' },
  ],
  invalid: [
    {
      name: 'a 拍照上传 button on a work log',
      screens: [page('工作日志', input('今日工作内容') + button('拍照上传', 700))],
      verdict: 'fail',
      messageId: 'proof',
      evidence: [{ text: '拍照上传', via: 'a11y', state: 's0', bounds: [60, 700, 1020, 820] }],
    },
    {
      name: '上传现场照片 is proof of work by its wording',
      screens: [page('走访记录', button('上传现场照片'))],
      verdict: 'fail',
      messageId: 'proof',
      summary: /“上传现场照片”要求上传/,
      evidence: [{ state: 's0', text: '上传现场照片' }],
    },
    {
      name: 'a photo check-in: 定位打卡 leads, through a camera permission, to a 拍照 button',
      screens: [
        page('工作台', button('定位打卡')),
        { source: permissionDialog('允许“测试”拍摄照片和录制视频吗？'), package: PERMISSION_PACKAGE, state: 'perm' },
        page('定位打卡', label('当前位置：城关镇政府') + button('拍照', 700)),
      ],
      actions: [
        { from: 's0', to: 'perm', label: '定位打卡', bounds: [60, 260, 1020, 380] },
        { from: 'perm', to: 's2', label: '仅在使用该应用时允许', selector: { 'resource-id': 'com.android.permissioncontroller:id/permission_allow_foreground_only_button' } },
      ],
      verdict: 'fail',
      messageId: 'proofPermission',
      summary: /申请相机权限/,
      evidence: [
        { text: '拍照', via: 'a11y', state: 's2' },
        { via: 'flow', state: 'perm', text: '允许“测试”拍摄照片和录制视频吗？' },
      ],
    },
    {
      name: 'a required picker on a task report form (必传)',
      screens: [page('任务反馈', label('*现场图片（必传）', 500) + picker('添加图片'))],
      verdict: 'fail',
      messageId: 'proof',
      evidence: [{ state: 's0', text: '添加图片', via: 'a11y' }],
    },
    {
      name: 'a track report entry outside any special scenario',
      screens: [page('网格工作', button('轨迹上报'))],
      verdict: 'fail',
      messageId: 'proof',
      evidence: [{ state: 's0', text: '轨迹上报' }],
    },
    {
      name: 'an optional photo on a work record needs a person to judge necessity',
      screens: [page('工作记录', input('记录内容') + picker('添加照片'))],
      verdict: 'review',
      messageId: 'necessity',
      evidence: [{ state: 's0', text: '添加照片', via: 'a11y' }],
    },
    {
      name: 'a patrol track upload is a special scenario (安全巡护)',
      screens: [page('巡河任务', button('巡河轨迹上报'))],
      verdict: 'review',
      messageId: 'scenario',
      summary: /安全巡护/,
      evidence: [{ state: 's0', text: '巡河轨迹上报', via: 'a11y' }],
    },
    {
      name: 'the tap that led to the form names the scenario (隐患排查)',
      screens: [page('工作台', button('隐患排查')), page('问题登记', button('上传现场照片'))],
      actions: [{ from: 's0', to: 's1', label: '隐患排查', bounds: [60, 260, 1020, 380] }],
      verdict: 'review',
      messageId: 'scenario',
      summary: /风险隐患排查/,
      evidence: [{ state: 's1', text: '上传现场照片' }],
    },
    {
      name: 'outside a scenario fails even when another upload sits in one',
      screens: [page('巡河任务', button('巡河轨迹上报')), page('考勤', button('拍照打卡'))],
      verdict: 'fail',
      messageId: 'proof',
      summary: /拍照打卡/,
      evidence: [{ text: '拍照打卡', state: 's1' }, { text: '巡河轨迹上报', state: 's0' }],
    },
    {
      name: 'OCR text of a camera button (no accessibility label)',
      screens: [
        {
          source: page('工作日志', '<node class="android.widget.ImageView" clickable="true" bounds="[60,700][1020,820]"/>'),
          ocr: [{ text: '拍照上传', bounds: { x1: 400, y1: 730, x2: 680, y2: 790 }, confidence: 0.95 }],
        },
      ],
      verdict: 'fail',
      messageId: 'proof',
      evidence: [{ state: 's0', text: '拍照上传', via: 'ocr' }],
    },
  ],
});
