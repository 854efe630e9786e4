import type { Credentials } from '../src/config/schema.ts';
import type { Wall } from '../src/findings/schema.ts';
import type { ObservedScreen } from '../src/observation.ts';
import { labelOf } from '../src/snapshot/model.ts';
import { findLoginForm } from './forms.ts';

/**
 * Login walls (findings.md `run.coverage.walls`, kind `login`): every screen of the app that
 * showed a login form, when the crawl never got past one — no credentials were configured, or
 * every attempt failed. One successful login means the part behind it was reached.
 */
/** Login-form label per screen (a recorded screen never changes; interim findings ask after every screen). */
const formLabels = new WeakMap<ObservedScreen, string | null>();

function loginFormLabel(s: ObservedScreen, credentials: Credentials | undefined): string | null {
  let label = formLabels.get(s);
  if (label === undefined) {
    const form = findLoginForm(s.snapshot, credentials ?? {});
    formLabels.set(s, (label = form ? labelOf(s.snapshot, form.submit).trim().slice(0, 30) : null));
  }
  return label;
}

export function loginWalls(screens: readonly ObservedScreen[], credentials: Credentials | undefined, status: { succeeded: boolean }): Wall[] {
  if (status.succeeded) return [];
  const reason = credentials ? 'login-failed' : 'no-credentials';
  const walls: Wall[] = [];
  for (const s of screens) {
    // Variants (`s3-down1`) share their state's wall.
    if (!s.inApp || walls.some((w) => s.state.startsWith(`${w.state}-`))) continue;
    const label = loginFormLabel(s, credentials);
    if (label !== null) walls.push({ state: s.state, kind: 'login', ...(label ? { text: label } : {}), reason });
  }
  return walls;
}
