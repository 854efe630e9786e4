/**
 * Button labels of dialogs, gates and prompts (privacy consent, update prompts, permission
 * dialogs, splash ads, crash dialogs, launch popups), by what pressing them does. The one list of
 * these words: the crawler answers dialogs with them (crawlers/dialogs.ts), the targeted strategy
 * takes them for ways past a gate, and the detectors recognise a consent prompt by them
 * (detectors/lib/screens.ts).
 */
export const DIALOG_BUTTONS = {
  /** Agree to a privacy policy or user agreement. */
  agree: ['同意', '同意并继续', '同意并进入', '我同意', '已阅读并同意', '接受', 'agree', 'accept'],
  /** Refuse it (usually leaves the app). */
  decline: ['不同意', '暂不同意', '不同意并退出'],
  /** Acknowledge a notice. */
  gotIt: ['我知道了', '知道了'],
  /** Confirm (a notice, or whatever the dialog asks: only with the safety policy's consent). */
  confirm: ['好的', '确定', 'ok'],
  /** Postpone (an update, a login, a reminder). */
  later: ['以后再说', '稍后再说', '稍后', '下次再说', '暂不', '暂不更新', '暂不升级', '暂不登录', '不再提示', '忽略', 'later', 'not now'],
  /** Skip a splash ad or a guide (a countdown form: {@link SKIP_COUNTDOWN_RE}). */
  skip: ['跳过', '跳过广告', 'skip', 'skip ad'],
  /** Go on without an account. */
  guest: ['游客', '游客访问', '游客登录', '先逛逛', '随便看看'],
  /** Enter the app from a guide or welcome page. */
  enter: ['进入', '立即进入', '立即体验', '开始使用'],
  /** Grant a runtime permission for as long as the app is used (labels contain these, {@link containsButtonPhrase}). */
  allowWhileUsing: ['仅在使用该应用时允许', '仅在使用此应用时允许', '仅在使用该应用期间允许', '仅在使用此应用期间允许', '仅在使用应用期间允许', '使用时允许', '使用应用时允许', 'while using the app'],
  /** Grant it this once. */
  allowOnce: ['仅限这一次', 'only this time'],
  /** Grant it. */
  allow: ['允许', '始终允许', 'allow'],
  /** Refuse it. */
  deny: ['不允许', '拒绝', '禁止', "don't allow", 'don’t allow', 'dont allow', 'deny'],
  /** Close or cancel a dialog. */
  close: ['关闭', '取消', '×', '✕', 'x', 'close', 'cancel'],
  /** Close an app that crashed or stopped responding. */
  closeApp: ['关闭应用', 'close app'],
} as const satisfies Record<string, readonly string[]>;

export type DialogButtonKind = keyof typeof DIALOG_BUTTONS;

/** A skip button with its countdown: 跳过 5s, 跳过3秒, 5 跳过. */
export const SKIP_COUNTDOWN_RE = /^(跳过\s*\d+\s*[sS秒]?|\d+\s*[sS秒]?\s*跳过)$/;

const collapse = (label: string) => label.replace(/\s+/g, ' ').trim().toLowerCase();

/** The label, whitespace collapsed, is one of the buttons of these kinds (case-insensitive). */
export function isButton(label: string, ...kinds: DialogButtonKind[]): boolean {
  const l = collapse(label);
  return kinds.some((k) => DIALOG_BUTTONS[k].some((w) => w.toLowerCase() === l));
}

/** The label contains one of the phrases of these kinds (Android's "Allow only while using the app"). */
export function containsButtonPhrase(label: string, ...kinds: DialogButtonKind[]): boolean {
  const l = collapse(label);
  return kinds.some((k) => DIALOG_BUTTONS[k].some((w) => l.includes(w.toLowerCase())));
}
