import type { DeviceOptions } from '../src/device/capabilities.ts';

/** One place a crawl can run: a device (or, on a hub, one unit of capacity) and its Appium server. */
export interface DeviceSlot {
  /** Label in logs, the journal and the summary; unique in a pool. */
  id: string;
  /** The Appium server (or hub) for this device; filled in when the batch starts a local one. */
  appiumUrl?: string;
  device: DeviceOptions;
  /** Shell command run before each lease is used (devices.yaml `reset`), e.g. restore a clean snapshot. */
  reset?: string;
}

/** A slot handed to one crawl until {@link DevicePool.release}. */
export interface Lease {
  readonly slot: DeviceSlot;
  readonly appiumUrl: string;
  readonly device: DeviceOptions;
  /** Increasing number of the lease in this pool, for logs. */
  readonly n: number;
}

export type SlotState = 'free' | 'busy' | 'quarantined';

export interface SlotStatus {
  id: string;
  state: SlotState;
  leases: number;
  failures: number;
  consecutiveFailures: number;
  quarantineReason?: string;
}

export interface PoolOptions {
  /** Quarantine a slot after this many failed leases in a row (default 3). */
  quarantineAfter?: number;
}

export type QuarantineListener = (slotId: string, reason: string) => void;

interface Waiter {
  avoid: ReadonlySet<string>;
  resolve: (lease: Lease | null) => void;
  cleanup: () => void;
}

/**
 * Leases one slot per crawl. `acquire` prefers a slot the job has not failed on (`avoid`), waits when
 * all such slots are busy, and falls back to an avoided slot only when every usable slot is avoided.
 * A slot whose leases fail `quarantineAfter` times in a row is quarantined: never leased again.
 * `acquire` resolves null when nothing usable is left, the pool is closed, or the signal aborts.
 */
export class DevicePool {
  private readonly slots: SlotStatus[];
  private readonly bySlot = new Map<string, DeviceSlot>();
  private readonly waiters: Waiter[] = [];
  private readonly quarantineAfter: number;
  private readonly listeners = new Set<QuarantineListener>();
  private closed = false;
  private leaseCount = 0;

  constructor(slots: DeviceSlot[], opts: PoolOptions = {}) {
    this.quarantineAfter = opts.quarantineAfter ?? 3;
    this.slots = slots.map((s) => ({ id: s.id, state: 'free', leases: 0, failures: 0, consecutiveFailures: 0 }));
    for (const s of slots) {
      if (this.bySlot.has(s.id)) throw new Error(`duplicate slot id ${s.id}`);
      if (!s.appiumUrl) throw new Error(`slot ${s.id} has no Appium URL`);
      this.bySlot.set(s.id, s);
    }
  }

  get size(): number {
    return this.slots.length;
  }

  /** Slots not quarantined (busy or free). */
  get usable(): number {
    return this.slots.filter((s) => s.state !== 'quarantined').length;
  }

  /** Calls `fn` whenever a slot is quarantined; returns the unsubscribe function. */
  onQuarantine(fn: QuarantineListener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  status(): SlotStatus[] {
    return this.slots.map((s) => ({ ...s }));
  }

  acquire(opts: { avoid?: ReadonlySet<string>; signal?: AbortSignal } = {}): Promise<Lease | null> {
    const avoid = opts.avoid ?? new Set<string>();
    if (this.closed || opts.signal?.aborted || this.usable === 0) return Promise.resolve(null);
    const now = this.pick(avoid);
    if (now) return Promise.resolve(this.lease(now));
    return new Promise((resolve) => {
      const onAbort = () => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        resolve(null);
      };
      const waiter: Waiter = { avoid, resolve, cleanup: () => opts.signal?.removeEventListener('abort', onAbort) };
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  /**
   * Gives the slot back. A failed lease counts towards quarantine, a good one resets the count, a
   * `neutral` one (the batch stopped it, or the app's input was bad) changes nothing.
   */
  release(lease: Lease, outcome: { ok: boolean; neutral?: boolean; reason?: string }): void {
    const s = this.slots.find((x) => x.id === lease.slot.id)!;
    if (s.state !== 'busy') return;
    s.state = 'free';
    if (outcome.neutral) {
      // nothing learnt about the device
    } else if (outcome.ok) s.consecutiveFailures = 0;
    else {
      s.failures++;
      s.consecutiveFailures++;
      if (s.consecutiveFailures >= this.quarantineAfter) this.quarantine(s.id, `${s.consecutiveFailures} failures in a row; last: ${outcome.reason ?? 'unknown'}`);
    }
    this.dispatch();
  }

  /** Takes a slot out of service for the rest of the batch (it is released first if leased). */
  quarantine(slotId: string, reason: string): void {
    const s = this.slots.find((x) => x.id === slotId);
    if (!s || s.state === 'quarantined') return;
    s.state = 'quarantined';
    s.quarantineReason = reason;
    for (const fn of this.listeners) fn(slotId, reason);
    this.dispatch();
  }

  /** Wakes every waiter with null; later acquires resolve null at once. */
  close(): void {
    this.closed = true;
    for (const w of this.waiters.splice(0)) {
      w.cleanup();
      w.resolve(null);
    }
  }

  private pick(avoid: ReadonlySet<string>): SlotStatus | undefined {
    const free = this.slots.filter((s) => s.state === 'free');
    const usableNotAvoided = this.slots.filter((s) => s.state !== 'quarantined' && !avoid.has(s.id));
    // Only avoided slots are left: better a retry on the same device than none.
    const candidates = usableNotAvoided.length > 0 ? free.filter((s) => !avoid.has(s.id)) : free;
    // Spread work: the least-used free slot first.
    return candidates.sort((a, b) => a.leases - b.leases)[0];
  }

  private lease(s: SlotStatus): Lease {
    s.state = 'busy';
    s.leases++;
    const slot = this.bySlot.get(s.id)!;
    return { slot, appiumUrl: slot.appiumUrl!, device: slot.device, n: ++this.leaseCount };
  }

  private dispatch(): void {
    if (this.usable === 0) {
      this.close();
      return;
    }
    for (let i = 0; i < this.waiters.length; ) {
      const w = this.waiters[i];
      const s = this.pick(w.avoid);
      if (!s) {
        i++;
        continue;
      }
      this.waiters.splice(i, 1);
      w.cleanup();
      w.resolve(this.lease(s));
    }
  }
}
