import { describe, expect, it } from 'vitest';
import { DevicePool } from '../../batch/pool.ts';
import { fakeSlots } from './fakes.ts';

describe('DevicePool', () => {
  it('leases each slot to one holder at a time and spreads leases', async () => {
    const pool = new DevicePool(fakeSlots('a', 'b'));
    const l1 = await pool.acquire();
    const l2 = await pool.acquire();
    expect(new Set([l1!.slot.id, l2!.slot.id])).toEqual(new Set(['a', 'b']));
    let third: string | undefined;
    const p = pool.acquire().then((l) => (third = l!.slot.id));
    await Promise.resolve();
    expect(third).toBeUndefined();
    pool.release(l2!, { ok: true });
    await p;
    expect(third).toBe(l2!.slot.id);
    expect(l1!.appiumUrl).toBe(`http://127.0.0.1:1/${l1!.slot.id}`);
  });

  it('prefers a device the job has not failed on, and waits for it when busy', async () => {
    const pool = new DevicePool(fakeSlots('a', 'b'));
    const la = await pool.acquire({ avoid: new Set(['b']) });
    expect(la!.slot.id).toBe('a');
    pool.release(la!, { ok: true });
    const lb = await pool.acquire({ avoid: new Set(['a']) });
    expect(lb!.slot.id).toBe('b');
    // b busy, a free but avoided: wait for b rather than retry on a
    let got: string | undefined;
    const p = pool.acquire({ avoid: new Set(['a']) }).then((l) => (got = l!.slot.id));
    await new Promise((r) => setTimeout(r, 10));
    expect(got).toBeUndefined();
    pool.release(lb!, { ok: true });
    await p;
    expect(got).toBe('b');
  });

  it('falls back to an avoided device when every usable one is avoided', async () => {
    const pool = new DevicePool(fakeSlots('a'));
    const l = await pool.acquire({ avoid: new Set(['a']) });
    expect(l!.slot.id).toBe('a');
  });

  it('quarantines after K failures in a row; a success resets the count; neutral changes nothing', async () => {
    const seen: string[] = [];
    const pool = new DevicePool(fakeSlots('a', 'b'), { quarantineAfter: 2 });
    pool.onQuarantine((id, reason) => seen.push(`${id}: ${reason}`));
    const fail = async (id: string, outcome: { ok: boolean; neutral?: boolean } = { ok: false }) => {
      const l = await pool.acquire({ avoid: new Set(['a', 'b'].filter((x) => x !== id)) });
      expect(l!.slot.id).toBe(id);
      pool.release(l!, { ...outcome, reason: 'SESSION_FAILED' });
    };
    await fail('a');
    await fail('a', { ok: true });
    await fail('a');
    await fail('a', { ok: false, neutral: true });
    expect(seen).toEqual([]);
    await fail('a');
    expect(seen).toEqual(['a: 2 failures in a row; last: SESSION_FAILED']);
    expect(pool.usable).toBe(1);
    // a quarantined device is never leased again, even when it is the only one not avoided
    const l = await pool.acquire({ avoid: new Set(['b']) });
    expect(l!.slot.id).toBe('b');
    expect(pool.status().find((s) => s.id === 'a')).toMatchObject({ state: 'quarantined', failures: 3 });
  });

  it('resolves waiters with null when the last usable device is quarantined', async () => {
    const pool = new DevicePool(fakeSlots('a'), { quarantineAfter: 1 });
    const l = await pool.acquire();
    const waiting = pool.acquire();
    pool.release(l!, { ok: false });
    expect(await waiting).toBeNull();
    expect(await pool.acquire()).toBeNull();
  });

  it('stops waiting on abort and after close', async () => {
    const pool = new DevicePool(fakeSlots('a'));
    await pool.acquire();
    const ctrl = new AbortController();
    const w1 = pool.acquire({ signal: ctrl.signal });
    const w2 = pool.acquire();
    ctrl.abort();
    expect(await w1).toBeNull();
    pool.close();
    expect(await w2).toBeNull();
  });

  it('refuses a slot without an Appium URL or a duplicate id', () => {
    expect(() => new DevicePool([{ id: 'x', device: {} }])).toThrow(/no Appium URL/);
    expect(() => new DevicePool([...fakeSlots('x'), ...fakeSlots('x')])).toThrow(/duplicate/);
  });
});
