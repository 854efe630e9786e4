import { executeScript } from './browser-script.ts';

/** How far the document has been read: set on `window.__govappReadThrough` by `readThroughStep`. */
export interface ReadThrough {
  /** The document (URL) it belongs to: a route change of a single-page app starts over. */
  href: string;
  /** Document y (CSS px) down to which the viewport has been; text above it counts as seen. */
  readTo: number;
  /** `scrollHeight` when last read: a document that grew since is read again from there. */
  height: number;
  /** True once a read-through ended (the document's end, or the step limit). */
  done: boolean;
}

/**
 * Runs IN THE BROWSER: one step of reading a document through. `state` reports whether the
 * current document still needs reading (creating the record at the current scroll position;
 * a document that grew since its read needs another); `step` scrolls the window down by `arg`
 * viewport heights and records how far the viewport reached; `restore` scrolls back to y = `arg` and
 * closes the read.
 */
export function readThroughStep(op: 'state' | 'step' | 'restore', arg: number): ReadThrough & { y: number } {
  const W = window as unknown as Record<string, unknown>;
  const se = document.scrollingElement ?? document.documentElement;
  const here = () => window.scrollY + window.innerHeight;
  let st = W.__govappReadThrough as ReadThrough | undefined;
  if (!st || st.href !== location.href) st = { href: location.href, readTo: here(), height: se.scrollHeight, done: false };
  if (op === 'state' && st.done && se.scrollHeight > st.height + 1) st.done = false;
  if (op === 'step') {
    const before = window.scrollY;
    window.scrollBy({ left: 0, top: Math.max(100, arg * window.innerHeight), behavior: 'instant' as ScrollBehavior });
    st.readTo = Math.max(st.readTo, here());
    st.height = se.scrollHeight;
    st.done = window.scrollY <= before + 0.5 || here() >= se.scrollHeight - 1;
  }
  if (op === 'restore') st.done = true;
  if (op === 'restore') window.scrollTo({ left: window.scrollX, top: arg, behavior: 'instant' as ScrollBehavior });
  W.__govappReadThrough = st;
  return { ...st, y: window.scrollY };
}

export const READ_THROUGH_SCRIPT = executeScript(readThroughStep);

export interface ReadThroughOptions {
  /** Most steps per document (a step is 90 % of the viewport). Default 120 (~80 000 px on a phone). */
  maxSteps?: number;
  /** Pause after each step so scroll handlers and lazy loaders run. Default 40 ms. */
  pauseMs?: number;
  signal?: AbortSignal;
}

/**
 * Scrolls the current document to its end in viewport steps, once per document (again when it
 * grew), and back to where it was: the DOM walk then treats text the viewport has passed as seen
 * (`web-read`). Returns the number of steps taken (0 when the document was already read).
 */
export async function readThrough(browser: WebdriverIO.Browser, o: ReadThroughOptions = {}): Promise<number> {
  const run = (op: 'state' | 'step' | 'restore', arg: number) => browser.execute(READ_THROUGH_SCRIPT, op, arg) as Promise<ReadThrough & { y: number }>;
  const start = await run('state', 0);
  // Anything but a read state (a page that replaced `window.scrollBy`, a stand-in session) is left unread.
  if (typeof start?.y !== 'number' || start.done) return 0;
  const maxSteps = o.maxSteps ?? 120;
  const step = 0.9;
  let n = 0;
  for (let st = start; !st.done && n < maxSteps; n++) {
    if (o.signal?.aborted) break;
    st = await run('step', step);
    if (typeof st?.y !== 'number') break;
    if (!st.done) await new Promise((r) => setTimeout(r, o.pauseMs ?? 40));
  }
  await run('restore', start.y);
  return n;
}
