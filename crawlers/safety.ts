import { accessibleLabelParts, descendantsOf, type LabelSource, type Snapshot, type UiElement } from '../src/snapshot/model.ts';
import { dialogAround, findConfirmDialogs, isNegativeAnswer, type ConfirmDialog } from './safety/dialogs.ts';
import { INTENTS, intentsInIdWords, intentsInText, isIntent, type Intent, type IntentMatch } from './safety/intents.ts';
import { isTab, navigationKind, type NavigationKind } from './safety/navigation.ts';
import { compactLabel, normalizeLabel } from './safety/normalize.ts';
import { classifyPasswordForm, type PasswordFormKind } from './forms.ts';

/**
 * The safety policy: on a real government app a crawl must never commit data or change the
 * account. A control is judged on everything a person perceives of it (own text, content-desc,
 * hint, descendants, resource-id words, and OCR text inside its bounds), normalised, by the
 * intent it names; checkable controls are never toggled; the positive answer of a dialog that
 * confirms a dangerous or irreversible act is refused whatever it says. `strict` (observe-only)
 * taps navigation only. Every refusal carries its reason and the text that triggered it.
 * Pure: judging never touches a device.
 */
export type SafetyLevel = 'default' | 'strict';

export interface SafetyPolicy {
  level: SafetyLevel;
  /**
   * Intents (`submit`, `pay`, `toggle`…) or words (`提交`) the user allows in a test environment.
   * A word allows every match whose word contains it or is contained in it (提交 allows 提交申请).
   */
  allow: string[];
  /** Extra words to refuse. */
  deny: string[];
  /** Allow everything (test environments only). */
  unsafe: boolean;
}

export const DEFAULT_SAFETY: SafetyPolicy = { level: 'default', allow: [], deny: [], unsafe: false };

/** Why a control was refused: a dangerous intent, or one of the policy's own reasons. */
export type RefusalKind = Intent | 'confirm' | 'denied' | 'not-navigation' | 'unlabelled' | 'host-control';

/** Where the triggering text was read. */
export type TriggerSource = LabelSource | 'ocr' | 'class' | 'dialog';

export interface SafetyVerdict {
  allowed: boolean;
  /** Set when refused. */
  intent?: RefusalKind;
  reason?: string;
  /** The word (or class) that matched. */
  word?: string;
  /** The text that triggered the refusal, as the screen shows it. */
  text?: string;
  source?: TriggerSource;
}

export interface LabelSegment {
  source: TriggerSource;
  text: string;
}

const ALLOWED: SafetyVerdict = { allowed: true };
const CHECKABLE_CLASS = /(Switch|SwitchCompat|SwitchMaterial|CheckBox|ToggleButton|RadioButton|CheckedTextView|Chip)$/;

/** Per-screen context of a judgement, computed once per snapshot. */
export interface ScreenSafety {
  snapshot: Snapshot;
  dialogs: ConfirmDialog[];
  /** A password form that is not a login form (change-password, register, reset): its buttons commit it. */
  credentialForm?: { kind: PasswordFormKind; why: string };
}

export function screenSafety(s: Snapshot): ScreenSafety {
  const form = classifyPasswordForm(s);
  return { snapshot: s, dialogs: findConfirmDialogs(s), ...(form && form.kind !== 'login' ? { credentialForm: { kind: form.kind, why: form.why } } : {}) };
}

/** Buttons that commit whatever form they sit under (确定 on a change-password form changes it). */
const COMMITS_FORM = /^(确定|确认|提交|保存|完成|下一步|确认修改|立即注册|注册|ok|done|save|next|confirm|continue|register|sign up)$/;

/**
 * Whether the user allows a match. A word allows matches whose word contains it or is contained
 * in it; for resource-id words (English) it allows the intent the word itself names, so that
 * `allow: [提交]` also lets through the 提交 button whose id is `btn_submit`.
 */
function allows(policy: SafetyPolicy, intent: RefusalKind, word: string | undefined, source?: TriggerSource): boolean {
  for (const a of policy.allow) {
    const name = a.trim().toLowerCase();
    if (name === intent || (intent === 'toggle' && name === 'switch')) return true;
    if (!word || isIntent(name)) continue;
    const w = compactLabel(a);
    const m = compactLabel(word);
    if (w && (m.includes(w) || w.includes(m))) return true;
    if (source === 'resource-id' && intentsInText(a).some((x) => x.intent === intent)) return true;
  }
  return false;
}

function refuse(intent: RefusalKind, word: string | undefined, text: string, source: TriggerSource, reason?: string): SafetyVerdict {
  return { allowed: false, intent, reason: reason ?? (isIntent(intent) ? INTENTS[intent].reason : intent), word, text, source };
}

function firstRefused(policy: SafetyPolicy, matches: IntentMatch[], text: string, source: TriggerSource): SafetyVerdict | undefined {
  const m = matches.find((x) => !allows(policy, x.intent, x.word, source));
  return m && refuse(m.intent, m.word, text, source);
}

/**
 * Judges pieces of a label (a11y texts, OCR texts, resource-id words): the first dangerous
 * intent the policy does not allow, or allowed.
 */
export function judgeSegments(policy: SafetyPolicy, segments: readonly LabelSegment[]): SafetyVerdict {
  if (policy.unsafe) return ALLOWED;
  for (const seg of segments) {
    if (seg.source !== 'resource-id') {
      const c = compactLabel(seg.text);
      const d = policy.deny.find((w) => w.trim() && c.includes(compactLabel(w)));
      if (d) return refuse('denied', d, seg.text, seg.source, 'denied by configuration');
    }
    const matches = seg.source === 'resource-id' ? intentsInIdWords(seg.text.split(' ')) : intentsInText(seg.text);
    const v = firstRefused(policy, matches, seg.text, seg.source);
    if (v) return v;
  }
  return ALLOWED;
}

export function labelSegments(s: Snapshot, e: UiElement): LabelSegment[] {
  return accessibleLabelParts(s, e).map((p) => ({ source: p.source, text: p.text }));
}

/** Whether the label has any text a person can read (not only resource-id words). */
export function hasTextLabel(segments: readonly LabelSegment[]): boolean {
  return segments.some((p) => p.source !== 'resource-id' && normalizeLabel(p.text) !== '');
}

/** A checkable control, or a clickable row that holds one (a 自动续费 row with its CheckBox). */
export function checkableIn(s: Snapshot, e: UiElement): UiElement | undefined {
  if (e.checkable || CHECKABLE_CLASS.test(e.className)) return e;
  return descendantsOf(s, e).find((d) => d.displayed && (d.checkable || CHECKABLE_CLASS.test(d.className)));
}

export interface ControlJudgement extends SafetyVerdict {
  /** The label's text had nothing to read (an icon): OCR inside its bounds decides, when on. */
  unlabelled: boolean;
  navigation?: NavigationKind;
}

/**
 * Judges one control as a person would see it. `extra` adds segments read elsewhere (OCR text
 * inside its bounds). Order: configuration deny-words, checkable, intents of every label piece,
 * confirm dialogs around it, and at `strict` anything that is not navigation.
 */
export function judgeControl(policy: SafetyPolicy, screen: ScreenSafety, e: UiElement, extra: readonly LabelSegment[] = []): ControlJudgement {
  const s = screen.snapshot;
  const segments = [...labelSegments(s, e), ...extra];
  const unlabelled = !hasTextLabel(segments);
  const label = segments.filter((p) => p.source !== 'resource-id').map((p) => p.text.trim()).join(' ');
  const navigation = navigationKind(s, e, label);
  const out = (v: SafetyVerdict): ControlJudgement => ({ ...v, unlabelled, navigation });
  if (policy.unsafe) return out(ALLOWED);
  const checkable = checkableIn(s, e);
  // A tab bar built of RadioButtons is navigation, not a setting.
  if (checkable && !(checkable === e && isTab(s, e)) && !allows(policy, 'toggle', undefined)) {
    const word = checkable.className.split('.').pop() || 'checkable';
    return out(refuse('toggle', word, label || word, 'class', checkable === e ? 'toggles a setting' : 'toggles a setting inside this row'));
  }
  const byLabel = judgeSegments(policy, segments);
  if (!byLabel.allowed) return out(byLabel);
  const form = screen.credentialForm;
  if (form && COMMITS_FORM.test(normalizeLabel(label).replace(/ (?=\p{Script=Han})|(?<=\p{Script=Han}) /gu, ''))) {
    const intent: Intent = form.kind === 'register' ? 'submit' : 'security';
    if (!allows(policy, intent, label)) return out(refuse(intent, label, label, 'text', `commits a ${form.kind} form (${form.why})`));
  }
  const dialog = dialogAround(s, screen.dialogs, e);
  if (dialog && !isNegativeAnswer(label, e.resourceId) && !allows(policy, dialog.intent ?? 'confirm', dialog.word)) {
    return out(refuse('confirm', dialog.word, dialog.text, 'dialog', `confirms "${dialog.text.slice(0, 40)}"${dialog.intent ? ` (${INTENTS[dialog.intent].reason})` : ''}`));
  }
  if (policy.level === 'strict' && !navigation) return out(refuse('not-navigation', undefined, label, 'class', 'strict safety: taps navigation only'));
  return out(ALLOWED);
}
