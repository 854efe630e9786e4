import detector from '../../detectors/ai-label.ts';
import type { ProbeResult } from '../../src/observation.ts';
import { run } from '../helpers/detector-tester.ts';

const page = (title: string, body: string) => `<hierarchy rotation="0" width="1080" height="2340">
  <node class="android.widget.FrameLayout" bounds="[0,0][1080,2340]">
    <node class="android.widget.TextView" text="${title}" resource-id="cn.gov.test:id/tv_title" bounds="[140,120][940,195]"/>
    ${body}
  </node>
</hierarchy>`;
const HOME = page('协同办公', '<node class="android.widget.LinearLayout" clickable="true" bounds="[795,270][1050,490]"><node class="android.widget.TextView" text="智能助手" bounds="[805,410][1040,465]"/></node>');
const ANSWER = '您好，申请公务用车需在本系统“公务用车”模块提交申请，经部门负责人审批后由车管中心统一派车。';
const question = `<node class="android.widget.TextView" text="如何申请公务用车？" bounds="[600,270][1020,378]"/>`;
const answer = (y = 459) => `<node class="android.widget.TextView" text="${ANSWER}" resource-id="cn.gov.test:id/tv_answer" bounds="[60,${y}][960,${y + 224}]"/>`;
const label = (t: string, y: number) => `<node class="android.widget.TextView" text="${t}" bounds="[60,${y}][400,${y + 51}]"/>`;
const tapAi = [{ from: 's0', to: 's1', label: '智能助手', bounds: [795, 270, 1050, 490] as [number, number, number, number] }];
const askProbe = (answered: boolean): ProbeResult => ({ kind: 'ai-question', state: 's1', question: '如何申请公务用车？', answerState: answered ? 's1' : undefined, answered });

run(detector, {
  valid: [
    { name: 'no AI service', screens: [page('首页', '<node class="android.widget.Button" text="办事指南" clickable="true" bounds="[60,260][1020,380]"/>')], verdict: 'n/a', messageId: 'noService' },
    { name: 'label above the answer', screens: [HOME, page('智能助手', question + label('内容由AI生成', 408) + answer())], actions: tapAi, messageId: 'labelled' },
    { name: 'label inside the answer text', screens: [HOME, page('智能助手', question + `<node class="android.widget.TextView" text="${ANSWER}（以上内容由人工智能生成）" bounds="[60,459][960,720]"/>`)], actions: tapAi, messageId: 'labelled' },
    { name: 'label below the answer', screens: [HOME, page('智能问答', question + answer() + label('本回答由AI生成，仅供参考', 700))], actions: tapAi, messageId: 'labelled' },
    {
      name: 'a labelled AI summary on an article page',
      screens: [page('政策解读', label('以下摘要由AI生成', 300) + `<node class="android.widget.TextView" text="${ANSWER}" bounds="[60,360][1000,560]"/>`)],
      messageId: 'labelled',
    },
  ],
  invalid: [
    {
      name: 'a probe answer screen where the question is not shown',
      screens: [HOME, page('智能助手', answer())],
      actions: tapAi,
      probes: [askProbe(true)],
      verdict: 'fail',
      messageId: 'unlabelled',
      evidence: [{ state: 's1', via: 'probe', text: ANSWER, before: '如何申请公务用车？' }],
    },
    {
      name: 'an answer without a label',
      screens: [HOME, page('智能助手', question + answer())],
      actions: tapAi,
      verdict: 'fail',
      messageId: 'unlabelled',
      evidence: [{ state: 's1', text: ANSWER, via: 'a11y', bounds: [60, 459, 960, 683] }],
    },
    {
      name: 'a chat screen reached without a seen entry; greetings and the question are not answers',
      screens: ['ai-chat-unlabelled.xml'],
      verdict: 'fail',
      messageId: 'unlabelled',
      evidence: [{ state: 's0', text: '灵活就业人员可持身份证到户籍地或居住地医保经办机构办理参保登记，也可通过本应用“医保服务”在线办理，按月或按年缴费。' }],
    },
    {
      // GB 45438 allows the label prominently in the interaction interface, not only beside the answer.
      name: 'a label elsewhere on the interaction screen',
      screens: [HOME, page('智能助手', label('内容由AI生成', 240) + question + answer(1500))],
      actions: tapAi,
      verdict: 'pass',
      messageId: 'labelled',
      evidence: [{ state: 's1', text: ANSWER }, { state: 's1', text: '内容由AI生成' }],
    },
    {
      name: 'a contact whose name contains “AI” is a person, not an AI service',
      screens: [page('通讯录', '<node class="android.widget.TextView" text="老熊玩AI" clickable="true" bounds="[176,1433][354,1490]"/><node class="android.widget.TextView" text="AI劳模姐|零碳园区" clickable="true" bounds="[176,1600][500,1660]"/>')],
      verdict: 'n/a',
      messageId: 'noService',
      evidence: [],
    },
    {
      name: 'the probe asked and the answer came with a label',
      screens: [HOME, page('智能助手', question + label('内容由AI生成', 408) + answer())],
      actions: tapAi,
      probes: [askProbe(true)],
      verdict: 'pass',
      messageId: 'labelled',
      evidence: [
        { state: 's1', via: 'probe', text: ANSWER, before: '如何申请公务用车？' },
        { state: 's1', via: 'a11y', text: '内容由AI生成' },
      ],
    },
    {
      name: 'an introduction with no question asked is not an answer',
      screens: [HOME, page('智能助手', '<node class="android.widget.TextView" text="智能助手可为您解答社保、医保、公积金等政策问题，请在下方输入。" bounds="[60,260][1000,380]"/>')],
      actions: tapAi,
      verdict: 'unknown',
      messageId: 'noAnswer',
      evidence: [{ state: 's0', text: '智能助手' }],
    },
    {
      name: 'an AI entry whose answers were never seen',
      screens: [HOME, page('智能助手', '<node class="android.widget.TextView" text="您好，我是智能助手，有什么可以帮您？" bounds="[60,260][900,330]"/>')],
      actions: tapAi,
      verdict: 'unknown',
      messageId: 'noAnswer',
      evidence: [{ text: '智能助手', state: 's0' }],
    },
    { name: 'the probe got no answer', screens: [HOME], probes: [askProbe(false)], verdict: 'unknown', messageId: 'noAnswer', evidence: [{ state: 's0', text: '智能助手' }] },
    { name: 'nothing explored', screens: [], verdict: 'unknown', messageId: 'notExplored', evidence: [] },
  ],
});
