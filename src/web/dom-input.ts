import { BadInputError } from '../errors.ts';
import { executeScript } from './browser-script.ts';
import type { DomTarget } from './locator.ts';

/**
 * Runs IN THE BROWSER: the form field a DomTarget names. A hit on a label or a wrapper resolves
 * to the field inside it (or the label's control), so a locator for "the 意见反馈 box" works
 * whether it names the textarea or its container. Null when nothing editable is there.
 */
export function findField(target: DomTarget, dpr: number): Element | null {
  const W = window as unknown as { __govappEls?: Element[] };
  let el: Element | null = null;
  if (target.kind === 'node') el = W.__govappEls?.[target.index] ?? null;
  else if (target.kind === 'css') el = document.querySelector(target.selector);
  else el = document.elementFromPoint(target.x / dpr, target.y / dpr);
  if (!el) return null;
  const FIELD = 'input:not([type=hidden]),textarea,select,[contenteditable=""],[contenteditable=true]';
  const isField = (e: Element) => e.matches(FIELD);
  if (isField(el)) return el;
  const control = (el.closest('label') as HTMLLabelElement | null)?.control;
  if (control) return control;
  return el.querySelector(FIELD) ?? (el.closest(FIELD) as Element | null);
}

const FIND_FIELD_SCRIPT = executeScript(findField);
const W3C_ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

async function fieldId(browser: WebdriverIO.Browser, target: DomTarget, dpr: number, what: string): Promise<string> {
  const ref = (await browser.execute(FIND_FIELD_SCRIPT, target, dpr)) as Record<string, string> | null;
  const id = ref?.[W3C_ELEMENT] ?? ref?.ELEMENT;
  if (!id) throw new BadInputError('BAD_ARGUMENT', `no text field at ${what}`);
  return id;
}

/** Replaces the field's text with `text`, typed key by key (WebDriver Element Send Keys), as a user would. */
export async function typeIntoField(browser: WebdriverIO.Browser, target: DomTarget, text: string, dpr: number, what: string): Promise<void> {
  const id = await fieldId(browser, target, dpr, what);
  await browser.elementClear(id);
  await browser.elementSendKeys(id, text);
}

export async function clearField(browser: WebdriverIO.Browser, target: DomTarget, dpr: number, what: string): Promise<void> {
  await browser.elementClear(await fieldId(browser, target, dpr, what));
}
