import type { CrawlObservation, ObservedAction, ObservedScreen } from '../../src/observation.ts';
import { display } from './text.ts';

/**
 * Android runtime-permission dialogs seen by a crawl, read from the observation alone (so a
 * recorded bundle gives the same answer as the live crawl): which permission, when it was asked
 * (at launch or by which action) and how the crawler answered. Pure.
 */
export type PermissionAnswer = 'allow-foreground' | 'allow-once' | 'allow-always' | 'allow' | 'deny' | 'unanswered';

export interface PermissionRequest {
  /** Android permission name, e.g. android.permission.CAMERA (`other` when the message names none). */
  permission: string;
  /** `launch` (before any user action) or the label of the action that brought the dialog up. */
  asked: string;
  /** State key of the dialog. */
  state: string;
  answer: PermissionAnswer;
  /** Sequence number of the action that brought the dialog up (absent when asked at launch). */
  seq?: number;
  /** The dialog's question as shown. */
  message: string;
}

const PERMISSION_PKG = /permissioncontroller|packageinstaller/;

/** Message wording → Android permission, most specific first (background before any location). */
const PERMISSIONS: ReadonlyArray<[RegExp, string]> = [
  [/后台|始终|一律|all the time|background/i, 'android.permission.ACCESS_BACKGROUND_LOCATION'],
  [/大致位置|approximate location/i, 'android.permission.ACCESS_COARSE_LOCATION'],
  [/位置|定位|location/i, 'android.permission.ACCESS_FINE_LOCATION'],
  [/拍摄|拍照|相机|照相|camera|take pictures/i, 'android.permission.CAMERA'],
  [/录音|录制音频|麦克风|record audio|microphone/i, 'android.permission.RECORD_AUDIO'],
  [/通讯录|联系人|contacts/i, 'android.permission.READ_CONTACTS'],
  [/通话记录|call logs?/i, 'android.permission.READ_CALL_LOG'],
  [/拨打电话|电话|phone calls?/i, 'android.permission.CALL_PHONE'],
  [/短信|sms/i, 'android.permission.READ_SMS'],
  [/日历|calendar/i, 'android.permission.READ_CALENDAR'],
  [/通知|notifications?/i, 'android.permission.POST_NOTIFICATIONS'],
  [/附近的设备|蓝牙|nearby devices|bluetooth/i, 'android.permission.BLUETOOTH_CONNECT'],
  [/身体活动|physical activity/i, 'android.permission.ACTIVITY_RECOGNITION'],
  [/身体传感器|body sensors/i, 'android.permission.BODY_SENSORS'],
  [/照片和视频|照片|视频|相册|photos|videos/i, 'android.permission.READ_MEDIA_IMAGES'],
  [/音乐|音频|music|audio/i, 'android.permission.READ_MEDIA_AUDIO'],
  [/文件|存储|媒体|files|storage|media/i, 'android.permission.READ_EXTERNAL_STORAGE'],
];

/** How a report names a permission, in the inspector's words. */
export const PERMISSION_WORDS_ZH: Readonly<Record<string, string>> = {
  'android.permission.ACCESS_BACKGROUND_LOCATION': '后台位置',
  'android.permission.ACCESS_COARSE_LOCATION': '大致位置',
  'android.permission.ACCESS_FINE_LOCATION': '位置',
  'android.permission.CAMERA': '相机',
  'android.permission.RECORD_AUDIO': '麦克风',
  'android.permission.READ_CONTACTS': '通讯录',
  'android.permission.READ_CALL_LOG': '通话记录',
  'android.permission.CALL_PHONE': '电话',
  'android.permission.READ_SMS': '短信',
  'android.permission.READ_CALENDAR': '日历',
  'android.permission.POST_NOTIFICATIONS': '通知',
  'android.permission.BLUETOOTH_CONNECT': '附近的设备',
  'android.permission.ACTIVITY_RECOGNITION': '身体活动',
  'android.permission.BODY_SENSORS': '身体传感器',
  'android.permission.READ_MEDIA_IMAGES': '照片和视频',
  'android.permission.READ_MEDIA_AUDIO': '音乐和音频',
  'android.permission.READ_EXTERNAL_STORAGE': '文件和存储',
  other: '其他',
};

/** Button (resource id or label) → answer; the "while using" button before the plain allow. */
const ANSWERS: ReadonlyArray<[RegExp, PermissionAnswer]> = [
  [/allow_foreground_only|仅在使用|使用(该|此)?应用(期间|时)|使用时允许|while using/i, 'allow-foreground'],
  [/allow_one_time|仅限这一次|本次允许|only this time/i, 'allow-once'],
  [/allow_always|始终允许|一律允许|allow all the time/i, 'allow-always'],
  [/deny|不允许|拒绝|禁止|don.?t allow/i, 'deny'],
  [/allow|允许/i, 'allow'],
];

export function isPermissionDialog(screen: ObservedScreen): boolean {
  if (screen.inApp) return false;
  return PERMISSION_PKG.test(screen.package) || screen.snapshot.elements.some((e) => /permission_(allow|deny)/.test(e.resourceId));
}

export function permissionOfMessage(message: string): string {
  return PERMISSIONS.find(([re]) => re.test(message))?.[1] ?? 'other';
}

function dialogMessage(screen: ObservedScreen): string {
  const els = screen.snapshot.elements;
  const own = els.find((e) => /permission_message/.test(e.resourceId))?.text;
  return display(own ?? els.filter((e) => !e.clickable && e.text).map((e) => e.text).join(' '));
}

function answerOf(a: ObservedAction | undefined): PermissionAnswer {
  if (!a) return 'unanswered';
  const said = `${a.selector?.['resource-id'] ?? ''} ${a.label ?? a.selector?.text ?? ''}`;
  return ANSWERS.find(([re]) => re.test(said))?.[1] ?? 'unanswered';
}

/** Actions a user would call their own: taps, typing and swipes on the app's screens (not waits, launches, dialog answers). */
function isUserAction(obs: CrawlObservation, a: ObservedAction): boolean {
  if (a.kind !== 'tap' && a.kind !== 'type' && a.kind !== 'swipe') return false;
  return obs.screens.find((s) => s.state === a.from)?.inApp ?? false;
}

/** The permission request a dialog screen stands for; undefined when the screen is no permission dialog. */
export function permissionRequest(obs: CrawlObservation, screen: ObservedScreen): PermissionRequest | undefined {
  if (!isPermissionDialog(screen)) return undefined;
  const message = dialogMessage(screen);
  const bySeq = new Map(obs.actions.map((a) => [a.seq, a]));
  const pathActions = screen.path.map((seq) => bySeq.get(seq)).filter((a): a is ObservedAction => !!a);
  // The action that first brought the dialog up is the last of its launch path; none: asked at launch.
  const trigger = pathActions.at(-1);
  const launch = !trigger || !isUserAction(obs, trigger);
  const answer = answerOf(obs.actions.find((a) => a.from === screen.state && a.kind === 'tap' && a.to !== screen.state));
  return {
    permission: permissionOfMessage(message),
    asked: launch ? 'launch' : (trigger.label ?? trigger.selector?.text ?? trigger.selector?.['content-desc'] ?? `#${trigger.seq}`),
    state: screen.state,
    answer,
    ...(launch ? {} : { seq: trigger.seq }),
    message,
  };
}

/** Every permission dialog of the crawl, in the order first seen. */
export function permissionRequests(obs: CrawlObservation): PermissionRequest[] {
  return obs.screens.map((s) => permissionRequest(obs, s)).filter((r): r is PermissionRequest => !!r);
}
