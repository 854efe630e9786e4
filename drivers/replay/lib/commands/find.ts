import { errors } from '@appium/base-driver';
import type { Element } from '@appium/types';
import type { ReplayDriver } from '../driver.ts';
import { elementId, elementRef, findNodes, InvalidSelector } from '../elements.ts';
import { resolveElement } from './element.ts';

/** Searches the current screen; an empty result waits up to the implicit wait, re-evaluating timers. */
async function findElOrElsImpl(this: ReplayDriver, strategy: string, selector: string, mult: true, context?: string): Promise<Element[]>;
async function findElOrElsImpl(this: ReplayDriver, strategy: string, selector: string, mult: false, context?: string): Promise<Element>;
async function findElOrElsImpl(this: ReplayDriver, strategy: string, selector: string, mult: boolean, context?: string): Promise<Element | Element[]> {
  const search = (): Element[] => {
    const ctx = context === undefined ? undefined : resolveElement(this, context).node.index;
    const view = this.runtime.view();
    try {
      return findNodes(view, strategy, selector, ctx).map((i) => elementRef(elementId(view, i)));
    } catch (e) {
      if (e instanceof InvalidSelector) throw new errors.InvalidSelectorError(e.message);
      throw e;
    }
  };
  let found = search();
  if (found.length === 0 && this.implicitWaitMs > 0) {
    try {
      await this.implicitWaitForCondition(async () => (found = search()).length > 0);
    } catch {
      // Timed out: answer with what there is (nothing).
    }
  }
  this.log.debug(`find ${strategy} ${JSON.stringify(selector)}: ${found.length} element(s)`);
  if (mult) return found;
  if (found.length === 0) throw new errors.NoSuchElementError(`no element found by ${strategy} ${JSON.stringify(selector)} on the current screen`);
  return found[0];
}

export const findElOrEls = findElOrElsImpl;
