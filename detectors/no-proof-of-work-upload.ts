import { z } from 'zod';
import type { Evidence } from '../src/findings/schema.ts';
import type { CrawlObservation, ObservedScreen, ScreenText } from '../src/observation.ts';
import { defineDetector } from './define.ts';
import { screenEvidence, textEvidence } from './lib/evidence.ts';
import { flowsVia, pathLabels, screensByState, type Flow } from './lib/flows.ts';
import { permissionRequest, PERMISSION_WORDS_ZH, type PermissionRequest } from './lib/permissions.ts';
import { findScenario, scenarioContext, type ScenarioMatch } from './lib/scenario.ts';
import { appScreens, contentTexts, rowsOf, screenName, screenTitle } from './lib/screens.ts';
import { charLength, findTerm, quote, squash } from './lib/text.ts';

/**
 * 6.d: "不得要求基层工作人员非必要上传工作照片、截图、视频、轨迹等留痕材料". Wording of government apps
 * for proof-of-work uploads (拍照上传, 上传现场照片, 工作留痕, 轨迹上报, 拍照打卡) — words, never app names.
 */

/** A control that uploads or takes media or a track: 拍照上传, 上传照片, 添加图片, 轨迹上报, a camera button. */
const MEDIA_UPLOAD_RE =
  /(拍照|拍摄|照片|图片|相片|截图|截屏|视频|录像|影像|轨迹)\S{0,4}(上传|上报|提交|回传)|(上传|上报|提交|回传|添加|选择)\S{0,4}(照片|图片|相片|截图|视频|录像|影像|轨迹)|^(拍照|拍摄|相机|录像|录视频)$/;

/** Wording that makes the upload a proof of work in itself: 留痕, 现场照片, 工作照片, 轨迹上报, 拍照打卡, 水印相机. */
const PROOF_RE =
  /留痕|现场(照片|图片|相片|视频|拍照)|工作(照片|图片|截图|视频)|轨迹(上报|上传|回传)|(上报|上传|回传)\S{0,4}轨迹|巡(查|河|护|检|逻|林|山)轨迹|拍照(打卡|签到|考勤)|(打卡|签到|考勤)(照片|拍照|截图)|定位拍照|水印(相机|照片)/;

/** Taking the photo or video live (not attaching a saved one): on a work record, proof of presence. */
const LIVE_CAPTURE_RE = /^(拍照|拍摄|相机|录像|录视频)|(拍照|拍摄|录像)(上传|上报|提交|回传)/;

/** What the media is for: a work record or a check-in (the context of a control, not the whole screen). */
const WORK_TERMS = [
  '工作', '任务', '巡查', '巡河', '巡护', '巡检', '巡逻', '打卡', '签到', '考勤', '日志', '台账', '走访', '督查', '检查',
  '值班', '现场', '留痕', '日报', '周报', '月报', '网格', '入户', '上报', '整改', '处置',
] as const;
/** A check-in the media is tied to: a photo taken to check in proves presence (定位打卡 with a photo). */
const CHECK_IN_TERMS = ['打卡', '签到', '考勤'] as const;

/** Uploads that are not proof of work: a citizen's attachment to feedback or an application, an avatar, ID papers. */
const NOT_WORK_TERMS = ['头像', '身份证', '证件', '营业执照', '反馈', '投诉', '建议', '举报', '意见', '申请材料', '办事材料', '证明材料'] as const;

/** Marks that the upload is required: 必传, 必填, 请上传, 至少上传N张, a leading asterisk. */
const REQUIRED_RE = /必传|必填|必须上传|请上传|需上传|须上传|至少上传|^\*/;

const PROOF_PERMISSIONS = new Set(['android.permission.CAMERA', 'android.permission.ACCESS_FINE_LOCATION', 'android.permission.ACCESS_COARSE_LOCATION', 'android.permission.ACCESS_BACKGROUND_LOCATION']);

interface Finding {
  screen: ObservedScreen;
  control: ScreenText;
  /** Proof of work by its own wording, by a check-in it belongs to, or marked required. */
  proof: boolean;
  scenario?: ScenarioMatch;
  /** Camera or location permission asked when the feature opened (on the way to it or by the control). */
  permission?: { request: PermissionRequest; flow?: Flow };
}

/** Short labels of a form (not headlines): what a control on it is for. */
const formLabels = (screen: ObservedScreen) => contentTexts(screen).filter((t) => !t.clickable && charLength(t.text) <= 16).map((t) => t.text);

/** The camera/location permission asked on the way to `screen` (its launch path) or by tapping `control`. */
function permissionFor(obs: CrawlObservation, screen: ObservedScreen, control: ScreenText): Finding['permission'] {
  const byState = screensByState(obs);
  for (const flow of flowsVia(obs, screen, control)) {
    const request = permissionRequest(obs, flow.to);
    if (request && PROOF_PERMISSIONS.has(request.permission)) return { request, flow };
  }
  const bySeq = new Map(obs.actions.map((a) => [a.seq, a]));
  for (const seq of [...screen.path].reverse()) {
    const to = bySeq.get(seq)?.to;
    const dialog = to ? byState.get(to) : undefined;
    const request = dialog ? permissionRequest(obs, dialog) : undefined;
    if (request && request.asked !== 'launch' && PROOF_PERMISSIONS.has(request.permission)) return { request };
  }
  return undefined;
}

export default defineDetector({
  meta: {
    id: 'no-proof-of-work-upload',
    clause: '6.d',
    title: '不得要求非必要上传工作照片、截图、视频、轨迹',
    messages: {
      proof: '{{screen}}的“{{control}}”要求上传照片、截图、视频或轨迹作为工作留痕',
      proofPermission: '{{screen}}的“{{control}}”要求上传照片、截图、视频或轨迹作为工作留痕，打开时申请{{permission}}权限',
      scenario: '发现工作留痕上传功能“{{control}}”，位于{{scenario}}场景（依据“{{term}}”），属标准允许的特殊场景，需人工确认其必要性',
      necessity: '{{screen}}的“{{control}}”可为工作记录上传照片、视频或轨迹，未见强制要求，是否必要需人工确认',
      none: '已遍历{{count}}个应用内页面，未发现要求上传工作照片、截图、视频或轨迹的功能',
      notExplored: '未观察到应用内页面，无法判断是否要求上传工作照片、截图、视频或轨迹',
    },
    // Upload forms sit behind the app's ordinary work entries: general exploration reaches them.
    seek: { entries: [] },
  },
  options: z.object({
    /** Longest text (characters) still taken for a control rather than a sentence. */
    maxControlLength: z.number().int().positive().default(16),
  }),
  detect(app, ctx) {
    const screens = appScreens(app);
    if (screens.length === 0) return ctx.report({ verdict: 'unknown', messageId: 'notExplored' });

    const findings: Finding[] = [];
    for (const screen of screens) {
      const labels = formLabels(screen);
      const title = screenTitle(screen)?.text ?? '';
      const path = pathLabels(app, screen);
      for (const control of contentTexts(screen)) {
        if (!control.clickable || charLength(control.text) > ctx.options.maxControlLength) continue;
        const text = squash(control.text);
        const ownProof = PROOF_RE.test(text);
        if (!ownProof && !MEDIA_UPLOAD_RE.test(text)) continue;
        if (findTerm(control.text, NOT_WORK_TERMS) || (findTerm(title, NOT_WORK_TERMS) && !findTerm(title, WORK_TERMS))) continue;
        const context = [control.text, title, ...labels, ...path];
        if (!ownProof && !context.some((c) => findTerm(c, WORK_TERMS))) continue;
        const row = rowsOf(screen).find((r) => r.texts.includes(control))?.text ?? '';
        const required = [row, ...labels].some((l) => REQUIRED_RE.test(squash(l)));
        const proof = ownProof || required || LIVE_CAPTURE_RE.test(text) || context.some((c) => PROOF_RE.test(squash(c)) || !!findTerm(c, CHECK_IN_TERMS));
        const permission = permissionFor(app, screen, control);
        const scenario = findScenario(scenarioContext(app, screen, [control.text, ...labels], permission?.flow));
        if (findings.some((f) => f.screen === screen && squash(f.control.text) === text)) continue;
        findings.push({ screen, control, proof, scenario, permission });
      }
    }

    const evidenceOf = (f: Finding): Evidence[] => {
      const own = textEvidence(f.screen, f.control);
      if (!f.permission) return [own];
      const dialog = app.screens.find((s) => s.state === f.permission!.request.state);
      const perm = dialog ? [screenEvidence(dialog, 'flow', { text: f.permission.request.message })] : [];
      return [own, ...perm];
    };
    const dataOf = (f: Finding) => ({
      screen: screenName(f.screen),
      control: quote(f.control.text),
      ...(f.permission ? { permission: PERMISSION_WORDS_ZH[f.permission.request.permission] ?? f.permission.request.permission } : {}),
    });
    const plain = findings.filter((f) => !f.scenario);
    const proofs = plain.filter((f) => f.proof);
    if (proofs.length) {
      const first = proofs.find((f) => f.permission) ?? proofs[0];
      const rest = findings.filter((f) => f !== first);
      return ctx.report({ verdict: 'fail', messageId: first.permission ? 'proofPermission' : 'proof', data: dataOf(first), evidence: [first, ...rest].flatMap(evidenceOf) });
    }
    if (plain.length) {
      const first = plain[0];
      return ctx.report({ verdict: 'review', messageId: 'necessity', data: dataOf(first), evidence: [first, ...findings.filter((f) => f !== first)].flatMap(evidenceOf) });
    }
    if (findings.length) {
      const first = findings[0];
      const scenario = first.scenario!;
      return ctx.report({
        verdict: 'review',
        messageId: 'scenario',
        data: { control: quote(first.control.text), scenario: scenario.scenario, term: scenario.term },
        evidence: findings.flatMap(evidenceOf),
      });
    }
    ctx.report({ verdict: 'pass', messageId: 'none', data: { count: screens.length } });
  },
});
