import { errors } from '@appium/base-driver';
import type { Rect } from '@appium/types';
import type { ReplayDriver } from '../driver.ts';
import { attributeOf, centerOf, parseElementId, rectOf } from '../elements.ts';
import { isEditable } from '../text-input.ts';
import type { ScreenView, ViewNode } from '../view.ts';

/** The node behind an element id on the screen shown now; stale when that screen is gone. */
export function resolveElement(driver: ReplayDriver, id: string): { view: ScreenView; node: ViewNode } {
  const ref = parseElementId(id);
  if (!ref) throw new errors.NoSuchElementError(`no element with id ${JSON.stringify(id)}`);
  const view = driver.runtime.view();
  const node = ref.key === view.key ? view.nodes[ref.index] : undefined;
  if (!node) throw new errors.StaleElementReferenceError(`element ${id} belongs to a screen that is no longer shown`);
  return { view, node };
}

function editable(driver: ReplayDriver, id: string): ViewNode {
  const { node } = resolveElement(driver, id);
  if (!isEditable(node.attrs.class)) throw new errors.InvalidElementStateError(`element ${id} (${node.attrs.class}) does not take text input`);
  return node;
}

export async function getText(this: ReplayDriver, elementId: string): Promise<string> {
  return resolveElement(this, elementId).node.attrs.text ?? '';
}

export async function getAttribute(this: ReplayDriver, name: string, elementId: string): Promise<string | null> {
  return attributeOf(resolveElement(this, elementId).node, name);
}

export async function getProperty(this: ReplayDriver, name: string, elementId: string): Promise<string | null> {
  return this.getAttribute(name, elementId);
}

export async function getName(this: ReplayDriver, elementId: string): Promise<string> {
  return resolveElement(this, elementId).node.attrs.class;
}

export async function getElementRect(this: ReplayDriver, elementId: string): Promise<Rect> {
  return rectOf(resolveElement(this, elementId).node);
}

export async function elementDisplayed(this: ReplayDriver, elementId: string): Promise<boolean> {
  return resolveElement(this, elementId).node.attrs.displayed === 'true';
}

export async function elementEnabled(this: ReplayDriver, elementId: string): Promise<boolean> {
  return resolveElement(this, elementId).node.attrs.enabled === 'true';
}

export async function elementSelected(this: ReplayDriver, elementId: string): Promise<boolean> {
  return resolveElement(this, elementId).node.attrs.selected === 'true';
}

/** Taps the element's centre, exactly as a pointer tap there would. */
export async function click(this: ReplayDriver, elementId: string): Promise<void> {
  const { node } = resolveElement(this, elementId);
  const { width, height } = rectOf(node);
  if (width === 0 || height === 0) throw new errors.ElementNotInteractableError(`element ${elementId} has no area on the screen`);
  const { x, y } = centerOf(node);
  this.log.info(this.runtime.tap(x, y));
}

/** Appends to the field's text, as UiAutomator2's setValue does. */
export async function setValue(this: ReplayDriver, keys: string | string[], elementId: string): Promise<void> {
  const node = editable(this, elementId);
  const stored = this.runtime.type(node.index, Array.isArray(keys) ? keys.join('') : String(keys), 'append');
  // Never the typed value (it may be a password): its length only, at debug.
  this.log.debug(`type into ${node.attrs['resource-id'] || node.index}: now ${Array.from(stored).length} characters`);
}

export async function clear(this: ReplayDriver, elementId: string): Promise<void> {
  const node = editable(this, elementId);
  this.runtime.type(node.index, '', 'replace');
}

export async function mobileReplaceElementValue(this: ReplayDriver, elementId: string, text: string): Promise<void> {
  const node = editable(this, elementId);
  this.runtime.type(node.index, String(text), 'replace');
}
