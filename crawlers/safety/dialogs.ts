import { ancestorsOf, descendantsOf, resourceIdWords, type Snapshot, type UiElement } from '../../src/snapshot/model.ts';
import { intentsInText, type Intent } from './intents.ts';
import { normalizeLabel } from './normalize.ts';

/**
 * Confirm dialogs: a message that asks the user to confirm a dangerous or irreversible act
 * (是否确认提交该申请？提交后不可撤回 / Are you sure you want to remove this device?). Whatever
 * the positive button says (确定, OK, 是, 继续, 好), it performs what the message names, so only
 * the negative button (取消, 暂不, Cancel) stays tappable. Pure.
 */
export interface ConfirmDialog {
  /** The element holding the message. */
  message: UiElement;
  text: string;
  /** What the dialog confirms: the first dangerous intent its message names (undefined: only "irreversible"). */
  intent?: Intent;
  /** The word that made it dangerous (an intent word, or the irreversibility phrase). */
  word: string;
  /** The smallest element around the message that holds its buttons. */
  container: UiElement;
}

const ASKS = /(是否|确定|确认|您确定|你确定|真的要|要.{0,12}吗|吗[?？]?$|[?？]|are you sure|do you (really )?want|would you like|confirm|really)/;
const IRREVERSIBLE =
  /(不可撤回|不可撤销|无法撤回|无法撤销|不能撤回|不能撤销|不可恢复|无法恢复|不能恢复|不可逆|将被删除|将被清空|永久|cannot be undone|can't be undone|can not be undone|permanently|irreversible|will be deleted|will be removed)/;
/** Verbs of dangerous acts as a confirm message phrases them, apart from their object (解除与该设备的绑定). */
const DANGEROUS_VERB =
  /(解除|解绑|绑定|删除|注销|退出|支付|付款|扣款|扣费|提交|清空|清除|撤回|撤销|移除|授权|开通|续费|发送|发布|上传|修改|重置|覆盖|remove|delete|submit|pay|unbind|log ?out|sign ?out|send|publish|reset|erase|clear|revoke|withdraw|unsubscribe|deactivate)/;
const LIST = /(RecyclerView|ListView|GridView)$/;
const MAX_MESSAGE = 160;

const NEGATIVE_TEXT =
  /^(取消|暂不|暂不\S{1,4}|再想想|我再想想|不了|否|不|返回|关闭|不同意|以后再说|稍后|稍后再说|下次再说|cancel|no|no thanks|not now|close|back|later|dismiss|keep)$/;
const NEGATIVE_ID = /^(cancel|close|dismiss|negative|no|back)$/;

/** The negative answer of a dialog (取消, 暂不提交, Cancel, an ✕ with id `iv_close`). */
export function isNegativeAnswer(textLabel: string, resourceId: string): boolean {
  const n = normalizeLabel(textLabel).replace(/[✕×x]$/, '').trim();
  if (n) return NEGATIVE_TEXT.test(n.replace(/ (?=[\p{Script=Han}])|(?<=[\p{Script=Han}]) /gu, ''));
  return resourceIdWords(resourceId).some((w) => NEGATIVE_ID.test(w));
}

function isInsideClickable(s: Snapshot, e: UiElement): boolean {
  return e.clickable || ancestorsOf(s, e).some((a) => a.clickable);
}

export function findConfirmDialogs(s: Snapshot): ConfirmDialog[] {
  const out: ConfirmDialog[] = [];
  for (const e of s.elements) {
    const text = e.text || e.contentDesc;
    if (!e.displayed || !text || text.length > MAX_MESSAGE || isInsideClickable(s, e)) continue;
    const ancestors = ancestorsOf(s, e);
    if (ancestors.some((a) => LIST.test(a.className))) continue;
    const n = normalizeLabel(text);
    const irreversible = IRREVERSIBLE.exec(n)?.[0];
    const asks = ASKS.test(n);
    const intent = asks ? intentsInText(text, { sentence: true })[0] : undefined;
    const verb = asks && !intent ? DANGEROUS_VERB.exec(n.replace(/ (?=\p{Script=Han})/gu, ''))?.[0] : undefined;
    if (!intent && !irreversible && !verb) continue;
    const container = ancestors.find((a) => descendantsOf(s, a).some((d) => d.clickable && d.enabled && d.displayed));
    if (!container) continue;
    out.push({ message: e, text, intent: intent?.intent, word: intent?.word ?? verb ?? irreversible!, container });
  }
  return out;
}

/** The confirm dialog whose buttons include `e`, if any. */
export function dialogAround(s: Snapshot, dialogs: readonly ConfirmDialog[], e: UiElement): ConfirmDialog | undefined {
  if (!dialogs.length) return undefined;
  const up = new Set(ancestorsOf(s, e).map((a) => a.id));
  return dialogs.find((d) => up.has(d.container.id));
}
