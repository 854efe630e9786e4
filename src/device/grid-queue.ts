/**
 * Session starts on a Selenium Grid 4 router. Grid queues a request while every matching slot is
 * busy and answers "New session request timed out" after its `session-request-timeout`; a node
 * that died but is not yet marked DOWN answers "Connection error (POST …/se/grid/node/session)".
 * Both mean "no slot right now", not "this request cannot work": the session start waits and asks
 * again, up to a deadline. A request no registered slot could ever match fails at once.
 */
import type { Capabilities } from './capabilities.ts';

/** The part of Grid's `GET /status` we read. */
export interface GridStatus {
  ready?: boolean;
  nodes: { availability?: string; uri?: string; slots?: { stereotype?: Record<string, unknown>; session?: unknown }[] }[];
}

/** `GET /status` of a server: Grid's when it lists `nodes`, else undefined (plain Appium, or no answer). */
export async function gridStatus(url: string, timeoutMs = 2000): Promise<GridStatus | undefined> {
  try {
    const res = await fetch(new URL('status', url.endsWith('/') ? url : url + '/'), { signal: AbortSignal.timeout(timeoutMs) });
    const body = (await res.json()) as { value?: { ready?: boolean; nodes?: unknown } };
    return Array.isArray(body.value?.nodes) ? (body.value as GridStatus) : undefined;
  } catch {
    return undefined;
  }
}

const TRANSIENT = /New session request timed out|Could not start a new session\. Connection error|Unable to execute request for an existing session|session request.*(rejected|queue)/i;

/** Whether a failed session start on Grid is worth asking again (queue timeout, a node just gone). */
export function isGridTransient(message: string): boolean {
  return TRANSIENT.test(message);
}

const same = (a: unknown, b: unknown) => (typeof a === 'string' && typeof b === 'string' ? a.toLowerCase() === b.toLowerCase() : a === b);

/**
 * Whether some registered slot's stereotype could take the request, by the rules of Grid's
 * DefaultSlotMatcher that matter here: `platformName` (and `browserName` when both name one) must
 * match; a prefixed capability the stereotype names is compared only when the request has it.
 */
export function gridCanMatch(status: GridStatus, caps: Capabilities): boolean {
  return status.nodes.some((n) =>
    (n.slots ?? []).some(({ stereotype: st = {} }) => {
      if (caps.platformName !== undefined && st.platformName !== undefined && !same(st.platformName, caps.platformName)) return false;
      if (caps.browserName && st.browserName && !same(st.browserName, caps.browserName)) return false;
      return Object.keys(st)
        .filter((k) => k.includes(':') && !/^(goog|moz|ms|safari|se):/.test(k) && caps[k] !== undefined)
        .every((k) => same(st[k], caps[k]));
    }),
  );
}

/** Waits between session-start attempts on a busy Grid: 1 s, 2 s, 4 s … capped at 15 s. */
export function queueBackoffMs(attempt: number): number {
  return Math.min(15_000, 1000 * 2 ** Math.min(attempt, 4));
}
