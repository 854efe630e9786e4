import type { ChildProcess } from 'node:child_process';

/** Children to kill when this process exits, however it exits; `true` = kill its whole process group. */
const live = new Map<ChildProcess, boolean>();
let hooked = false;

/**
 * Kills `child` (with `group`, its detached process group) when this process exits, until the
 * child exits by itself. The one exit hook for every server a crawl or a test rig starts.
 */
export function killOnExit(child: ChildProcess, opts: { group?: boolean } = {}): void {
  live.set(child, opts.group ?? false);
  child.once('exit', () => live.delete(child));
  if (hooked) return;
  hooked = true;
  process.once('exit', () => {
    for (const [c, group] of live) {
      try {
        if (group && c.pid) process.kill(-c.pid, 'SIGKILL');
        else c.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
  });
}
