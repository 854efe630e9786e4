import type { ObservedScreen, ScreenText } from '../../src/observation.ts';
import { isSystemWindowPackage } from '../../src/snapshot/model.ts';
import { norm } from './text.ts';

/**
 * What the app shows on a screen: texts and OCR, without input placeholders (`hint`), empty strings
 * and the texts of system windows a multi-window dump carries beside the app (status bar,
 * keyboard, gesture bar, launcher). Its own module so that `screens.ts` and `conversation.ts`
 * both build on it without importing each other.
 */
export function contentTexts(screen: ObservedScreen): ScreenText[] {
  return screen.texts.filter((t) => t.kind !== 'hint' && norm(t.text) !== '' && !inSystemWindow(screen, t));
}

function inSystemWindow(screen: ObservedScreen, t: ScreenText): boolean {
  const pkg = t.elementId === undefined ? '' : (screen.snapshot.elements[t.elementId]?.package ?? '');
  return pkg !== screen.package && isSystemWindowPackage(pkg);
}
