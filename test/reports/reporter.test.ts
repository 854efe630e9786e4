import { describe, expect, it, vi } from 'vitest';
import { runHook, type Reporter } from '../../reports/reporter.ts';
import { defaultReporters } from '../../reports/index.ts';

describe('reporter hooks', () => {
  it('calls hooks in order, logs and skips a failing one, and keeps going', async () => {
    const calls: string[] = [];
    const reporters: Reporter[] = [
      { name: 'a', onAction: async (a) => void calls.push(`a:${a.seq}`) },
      { name: 'broken', onAction: () => { throw new Error('boom'); } },
      { name: 'no-hook' },
      { name: 'c', onAction(a) { calls.push(`c:${a.seq}:${this.name}`); } },
    ];
    const warn = vi.fn();
    const failures = await runHook(reporters, 'onAction', [{ seq: 3, kind: 'back', from: 'x', outcome: 'moved', startedMs: 0, durationMs: 1 }], { warn });
    expect(calls).toEqual(['a:3', 'c:3:c']);
    expect(failures).toEqual([expect.objectContaining({ reporter: 'broken', hook: 'onAction' })]);
    expect(warn).toHaveBeenCalledOnce();
    expect(warn.mock.calls[0][1]).toMatch(/broken.*onAction/);
  });

  it('default reporters: annotations before html, junit only when asked', () => {
    expect(defaultReporters().map((r) => r.name)).toEqual(['annotations', 'html', 'repro']);
    expect(defaultReporters({ junit: 'x.xml' }).map((r) => r.name)).toEqual(['annotations', 'html', 'repro', 'junit']);
  });
});
