/**
 * The deadline every WebDriver request of a crawl runs under, derived from the remaining budget:
 * a request still waiting when the budget (plus a small grace) is spent is aborted, so a frozen
 * Appium server or device ends the crawl with DEVICE_UNRESPONSIVE instead of holding it for the
 * client's 240-s timeout per request. The crawl's own AbortSignal (Ctrl-C) aborts requests at once.
 */
export const REQUEST_GRACE_MS = 5_000;
/** What closing a session may take after the budget is spent (deleteSession). */
export const CLOSE_ALLOWANCE_MS = 3_000;

/**
 * Signals are plain AbortControllers held by their timers (not AbortSignal.timeout/any, whose
 * unreferenced composites the GC may collect before they fire, leaving a request waiting forever).
 */
export class RequestClock {
  /** Epoch ms after which no request may still be waiting. */
  private at: number;
  /** The controller new requests share, aborted by its timer at `at` (a new one when `at` moves). */
  private current: AbortController | undefined;
  private readonly live = new Set<AbortController>();

  constructor(
    private readonly budgetMs: number,
    private readonly stop?: AbortSignal,
    private readonly graceMs = REQUEST_GRACE_MS,
    private readonly now: () => number = Date.now,
  ) {
    this.at = this.now() + budgetMs + graceMs;
    stop?.addEventListener('abort', () => [...this.live].forEach((c) => c.abort(stop.reason)), { once: true });
  }

  /** Starts the budget afresh (when exploring begins, after the session opened); returns the budget's end. */
  startBudget(): number {
    const end = this.now() + this.budgetMs;
    this.moveTo(end + this.graceMs);
    return end;
  }

  /** Lets requests run for `ms` more from now (closing the session once the budget is spent). */
  allow(ms: number): void {
    this.moveTo(Math.max(this.at, this.now() + ms));
  }

  remainingMs(): number {
    return Math.max(0, this.at - this.now());
  }

  expired(): boolean {
    return this.remainingMs() === 0;
  }

  /** The signal for one request: aborted at the deadline, or when the crawl is stopped. */
  signal(): AbortSignal {
    if (!this.current || this.current.signal.aborted) {
      const c = new AbortController();
      this.live.add(c);
      const timer = setTimeout(() => c.abort(new Error('request deadline passed')), Math.max(1, this.remainingMs()));
      timer.unref(); // a waiting request keeps the process alive by itself; the timer must not
      c.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        this.live.delete(c);
      }, { once: true });
      if (this.stop?.aborted) c.abort(this.stop.reason);
      this.current = c;
    }
    return this.current.signal;
  }

  private moveTo(at: number): void {
    if (at === this.at) return;
    this.at = at;
    // Requests already sent keep their deadline; new ones get the new one.
    this.current = undefined;
  }
}

/** `a` and `b` joined without AbortSignal.any: aborted when either is. */
export function eitherSignal(a: AbortSignal, b: AbortSignal): AbortSignal {
  if (a.aborted) return a;
  if (b.aborted) return b;
  const c = new AbortController();
  const onA = () => c.abort(a.reason);
  const onB = () => c.abort(b.reason);
  a.addEventListener('abort', onA, { once: true });
  b.addEventListener('abort', onB, { once: true });
  c.signal.addEventListener('abort', () => {
    a.removeEventListener('abort', onA);
    b.removeEventListener('abort', onB);
  }, { once: true });
  return c.signal;
}
