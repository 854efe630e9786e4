import { execFile } from 'node:child_process';
import type { Logger } from 'pino';
import type { DeviceSlot } from './pool.ts';

/** `'…'` for the shell. */
const shq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * The device's reset command with `{udid}`, `{avd}` and `{id}` filled in (shell-quoted), e.g.
 * `scripts/emulator-snapshot.sh load --serial {udid}` → `… --serial 'emulator-5554'`.
 */
export function resetCommandFor(slot: DeviceSlot): string | undefined {
  if (!slot.reset) return undefined;
  return slot.reset.replace(/\{(udid|avd|id)\}/g, (_, k: 'udid' | 'avd' | 'id') => shq((k === 'id' ? slot.id : slot.device[k]) ?? ''));
}

/**
 * Runs the device's reset (devices.yaml `reset`) before a lease is used: back to a clean snapshot
 * between two apps. Non-zero exit or timeout = the device is not fit (a device failure, no attempt used).
 */
export function runReset(slot: DeviceSlot, opts: { cwd: string; timeoutMs?: number; log: Logger }): Promise<boolean> {
  const cmd = resetCommandFor(slot);
  if (!cmd) return Promise.resolve(true);
  return new Promise((resolve) => {
    execFile('bash', ['-c', cmd], { cwd: opts.cwd, timeout: opts.timeoutMs ?? 300_000, env: { ...process.env, GOVAPP_DEVICE: slot.id } }, (err, _stdout, stderr) => {
      if (err) opts.log.warn({ device: slot.id, cmd, err: err.message, stderr: stderr.slice(-2000) }, 'device reset failed');
      else opts.log.info({ device: slot.id, cmd }, 'device reset');
      resolve(!err);
    });
  });
}
