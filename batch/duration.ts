/** A duration for people: `850 ms`, `42 s`, `3 min 20 s`, `2 h 5 min`. */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s} s`;
  const m = Math.floor(s / 60);
  return m < 120 ? `${m} min${s % 60 ? ` ${s % 60} s` : ''}` : `${Math.floor(m / 60)} h ${m % 60} min`;
}
