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
 * One AbortController per request, held by its own timer and by the clock until it fires or the
 * crawl stops (not AbortSignal.timeout/any, whose unreferenced composites the GC may collect before
 * they fire, leaving a request waiting forever; and no listener piles up on a shared signal).
 */
export class RequestClock {
  /** Epoch ms after which no request may still be waiting. */
  private at: number;
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
    this.at = end + this.graceMs;
    return end;
  }

  /** Lets requests run for `ms` more from now (closing the session once the budget is spent). */
  allow(ms: number): void {
    this.at = Math.max(this.at, this.now() + ms);
  }

  remainingMs(): number {
    return Math.max(0, this.at - this.now());
  }

  expired(): boolean {
    return this.remainingMs() === 0;
  }

  /** The signal for one request: aborted at the deadline, when the crawl is stopped, or with `also`. */
  signal(also?: AbortSignal): AbortSignal {
    const c = new AbortController();
    if (this.stop?.aborted) c.abort(this.stop.reason);
    else if (also?.aborted) c.abort(also.reason);
    if (c.signal.aborted) return c.signal;
    this.live.add(c);
    const timer = setTimeout(() => c.abort(new Error('request deadline passed')), Math.max(1, this.remainingMs()));
    timer.unref(); // a waiting request keeps the process alive by itself; the timer must not
    const onAlso = () => c.abort(also!.reason);
    also?.addEventListener('abort', onAlso, { once: true });
    c.signal.addEventListener('abort', () => {
      clearTimeout(timer);
      this.live.delete(c);
      also?.removeEventListener('abort', onAlso);
    }, { once: true });
    return c.signal;
  }
}
