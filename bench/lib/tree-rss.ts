import { readdirSync, readFileSync } from 'node:fs';

/** RSS (bytes) of this process and every process below it (the Appium servers), from /proc. */
export function treeRss(): number {
  try {
    const parent = new Map<number, number>();
    for (const d of readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue;
      try {
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      } catch {
        // exited meanwhile
      }
    }
    const tree = new Set([process.pid]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const [pid, ppid] of parent) {
        if (tree.has(pid) || !tree.has(ppid)) continue;
        tree.add(pid);
        grew = true;
      }
    }
    let kb = 0;
    for (const pid of tree) {
      try {
        const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
        if (m) kb += Number(m[1]);
      } catch {
        // exited meanwhile
      }
    }
    return kb * 1024;
  } catch {
    return process.memoryUsage().rss;
  }
}
