import { containsButtonPhrase, isButton, SKIP_COUNTDOWN_RE } from '../src/snapshot/dialog-words.ts';
import { GovappError } from '../src/errors.ts';
import { center } from '../src/geometry.ts';
import { labelOf, type Snapshot, type UiElement } from '../src/snapshot/model.ts';
import type { Task, TaskProvider } from './explorer.ts';
import { selectorFor } from './actions.ts';
import type { StateNode } from './graph.ts';
import { DEFAULT_SAFETY, judgeControl, screenSafety, type SafetyPolicy } from './safety.ts';

/**
 * System dialogs and popups that stand between the crawler and the app: each kind is answered
 * once per screen with the button that keeps the crawl going, and the other buttons are not
 * explored (they lead to the same place or out of the app).
 *
 * - permission dialogs: recorded (which permission, when — evidence for data minimisation),
 *   then answered "while using the app" (or denied, by configuration);
 * - privacy-policy consent: agreed once;
 * - update prompts: postponed, never "update now";
 * - ads and splash screens with a skip button: skipped;
 * - crash / ANR dialogs: closed, and counted.
 */
export type DialogKind = 'permission' | 'consent' | 'update' | 'skip' | 'crash';

export interface PermissionRequest {
  state: string;
  atMs: number;
  message: string;
  permission: string;
  answer: string;
}

const PERMISSION_PKG = /permissioncontroller|packageinstaller/;
const PERMISSION_WORDS: Array<[RegExp, string]> = [
  [/位置|定位|location/i, 'location'],
  [/相机|拍照|拍摄|camera/i, 'camera'],
  [/麦克风|录音|录制音频|microphone|record audio/i, 'microphone'],
  [/通讯录|联系人|contacts/i, 'contacts'],
  [/电话|通话|phone call|make and manage phone calls/i, 'phone'],
  [/短信|sms/i, 'sms'],
  [/照片|媒体|文件|存储|相册|photos|media|files|storage/i, 'storage/media'],
  [/日历|calendar/i, 'calendar'],
  [/通知|notifications?/i, 'notifications'],
  [/附近的设备|蓝牙|nearby devices|bluetooth/i, 'nearby devices'],
  [/身体活动|physical activity/i, 'activity recognition'],
  [/身体传感器|body sensors/i, 'body sensors'],
];

const CONSENT_TEXT = /(隐私政策|隐私协议|用户协议|个人信息保护|服务协议|privacy policy)/i;
const UPDATE_TEXT = /(发现新版本|版本更新|新版本|升级提示|立即更新|立即升级|update available|new version)/i;
const CRASH_TEXT = /(已停止运行|屡次停止运行|没有响应|无响应|keeps stopping|has stopped|isn.?t responding)/i;

/** Which buttons answer each kind of dialog (words: src/snapshot/dialog-words.ts). */
const ANSWERS = {
  allow: (l: string) => containsButtonPhrase(l, 'allowWhileUsing') || isButton(l, 'allow'),
  deny: (l: string) => isButton(l, 'deny'),
  consent: (l: string) => isButton(l, 'agree'),
  update: (l: string) => isButton(l, 'later', 'close'),
  skip: (l: string) => isButton(l, 'skip') || SKIP_COUNTDOWN_RE.test(l),
  crash: (l: string) => isButton(l, 'closeApp', 'confirm', 'close'),
};

function clickables(s: Snapshot): UiElement[] {
  return s.elements.filter((e) => e.clickable && e.enabled && e.displayed);
}

function screenText(s: Snapshot): string {
  return s.elements.map((e) => e.text || e.contentDesc).filter(Boolean).join(' ');
}

/** Which dialog this screen is, and the button that answers it; undefined for ordinary screens. */
export function classifyDialog(s: Snapshot, pkg: string, permissionAnswer: 'allow' | 'deny' = 'allow'): { kind: DialogKind; button: UiElement } | undefined {
  const text = screenText(s);
  const buttons = clickables(s);
  const find = (answers: (label: string) => boolean) => buttons.find((b) => answers(labelOf(s, b).replace(/\s+/g, ' ').trim()));
  if (PERMISSION_PKG.test(pkg) || buttons.some((b) => /permission_(allow|deny)/.test(b.resourceId))) {
    const byId = buttons.find((b) => (permissionAnswer === 'allow' ? /permission_allow_foreground_only_button|permission_allow_button/ : /permission_deny_button/).test(b.resourceId));
    const button = byId ?? find(ANSWERS[permissionAnswer]);
    return button ? { kind: 'permission', button } : undefined;
  }
  if (CRASH_TEXT.test(text) && (pkg === 'android' || /aerr_|anr_/.test(buttons.map((b) => b.resourceId).join(' ')))) {
    const button = buttons.find((b) => /aerr_close|anr_close/.test(b.resourceId)) ?? find(ANSWERS.crash);
    return button ? { kind: 'crash', button } : undefined;
  }
  if (CONSENT_TEXT.test(text)) {
    const button = find(ANSWERS.consent);
    if (button) return { kind: 'consent', button };
  }
  if (UPDATE_TEXT.test(text)) {
    const button = find(ANSWERS.update);
    if (button) return { kind: 'update', button };
  }
  const skip = find(ANSWERS.skip);
  if (skip) return { kind: 'skip', button: skip };
  return undefined;
}

export function permissionOf(message: string): string {
  return PERMISSION_WORDS.find(([re]) => re.test(message))?.[1] ?? 'other';
}

/** Crashes tolerated before the crawl is ended as a crash loop. */
const MAX_CRASHES = 3;

export class DialogTasks implements TaskProvider {
  readonly permissions: PermissionRequest[] = [];
  readonly answered: Array<{ kind: DialogKind; state: string; button: string; atMs: number }> = [];
  private readonly done = new Set<string>();
  crashes = 0;

  constructor(
    private readonly permissionAnswer: 'allow' | 'deny' = 'allow',
    private readonly policy: SafetyPolicy = DEFAULT_SAFETY,
  ) {}

  next(node: StateNode, screen: Parameters<TaskProvider['next']>[1], snapshot: Snapshot): Task | undefined {
    const dialog = classifyDialog(snapshot, screen.package, this.permissionAnswer);
    // Permission and crash dialogs are answered every time they show; the others once per screen.
    if (!dialog || (this.done.has(node.key) && dialog.kind !== 'permission' && dialog.kind !== 'crash')) return undefined;
    // The app's own popups are answered only with a button the safety policy lets through (a
    // "consent" that also confirms closing the account is not consent); system dialogs always.
    if (dialog.kind !== 'permission' && dialog.kind !== 'crash' && !judgeControl(this.policy, screenSafety(snapshot), dialog.button).allowed) return undefined;
    this.done.add(node.key);
    return {
      name: `dialog:${dialog.kind}`,
      run: async (ctx) => {
        const label = labelOf(snapshot, dialog.button);
        if (dialog.kind === 'permission') {
          const message = snapshot.elements.find((e) => /permission_message/.test(e.resourceId))?.text ?? screenText(snapshot);
          this.permissions.push({ state: node.key, atMs: ctx.elapsedMs(), message, permission: permissionOf(message), answer: label });
        }
        if (dialog.kind === 'crash' && ++this.crashes >= MAX_CRASHES) {
          throw new GovappError('APP_CRASH_LOOP', `the app crashed ${this.crashes} times (last: "${screenText(snapshot).slice(0, 60)}")`);
        }
        this.answered.push({ kind: dialog.kind, state: node.key, button: label, atMs: ctx.elapsedMs() });
        // The other buttons of a dialog are not worth exploring, nor is backing out of it: a dialog
        // answered each time it shows would otherwise draw the crawler back to it for ever.
        for (const a of node.actions) node.tried.add(a.key);
        node.backTried = true;
        const selector = selectorFor(snapshot, dialog.button, clickables(snapshot));
        const p = center(dialog.button.bounds);
        await ctx.act(
          {
            kind: 'tap',
            from: node,
            edge: node.actions.find((a) => a.elementId === dialog.button.id)?.key,
            details: { selector, label, bounds: dialog.button.bounds, detail: `answer ${dialog.kind} dialog` },
            transition: (to) => ({ from: node.key, on: selector, to, replace: true }),
          },
          () => ctx.device.tap(p.x, p.y, ctx.signal),
        );
        ctx.log.info({ kind: dialog.kind, state: node.key, button: label }, 'answered a dialog');
      },
    };
  }
}
