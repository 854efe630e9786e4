import detector from '../../detectors/gb18030.ts';
import type { ProbeResult } from '../../src/observation.ts';
import { PROBE_STRING } from '../../src/probes/gb18030.ts';
import { run } from '../helpers/detector-tester.ts';

const FORM = `<hierarchy rotation="0" width="1080" height="2340">
  <node class="android.widget.FrameLayout" bounds="[0,0][1080,2340]">
    <node class="android.widget.TextView" text="意见反馈" resource-id="cn.gov.test:id/tv_title" bounds="[140,120][940,195]"/>
    <node class="android.widget.EditText" hint="请输入" clickable="true" bounds="[60,338][1020,698]"/>
  </node>
</hierarchy>`;
const probe = (readBack: string, typed = PROBE_STRING): ProbeResult => ({
  kind: 'encoding',
  state: 's0',
  bounds: { x1: 60, y1: 338, x2: 1020, y2: 698 },
  locator: 'cn.gov.test:id/et_feedback',
  typed,
  readBack,
});
const supplementaryAs = (r: string) => Array.from(PROBE_STRING).map((ch) => (ch.codePointAt(0)! > 0xffff ? r : ch)).join('');

run(detector, {
  valid: [
    { name: 'every probe character comes back', screens: [FORM], probes: [probe(PROBE_STRING)], messageId: 'intact' },
  ],
  invalid: [
    {
      name: 'characters beyond the BMP come back as ?',
      screens: [FORM],
      probes: [probe(supplementaryAs('?'))],
      verdict: 'fail',
      messageId: 'broken',
      summary: /8个字符丢失或被替换（涉及二级、三级字符）.*三级字符𠀀（U\+20000）/,
      evidence: [{ via: 'probe', state: 's0', bounds: [60, 338, 1020, 698], before: PROBE_STRING, after: supplementaryAs('?'), text: supplementaryAs('?') }],
    },
    {
      name: 'level-3 characters dropped',
      screens: [FORM],
      probes: [probe('龦㐀𬌗𠅤')],
      verdict: 'fail',
      messageId: 'broken',
      summary: /三级字符.*丢失/,
      evidence: [{ state: 's0', via: 'probe', text: '龦㐀𬌗𠅤' }],
    },
    {
      name: 'one broken probe among intact ones fails',
      screens: [FORM],
      probes: [probe(PROBE_STRING), probe(supplementaryAs('□'))],
      verdict: 'fail',
      messageId: 'broken',
      evidence: [{ state: 's0', via: 'probe', text: supplementaryAs('□'), after: supplementaryAs('□') }],
    },
    { name: 'no probe ran', screens: [FORM], verdict: 'unknown', messageId: 'noProbe', evidence: [] },
    { name: 'a probe without level-3 characters', screens: [FORM], probes: [probe('龦㐀', '龦㐀')], verdict: 'unknown', messageId: 'noLevel3', evidence: [{ state: 's0', via: 'probe', text: '龦㐀' }] },
  ],
});
