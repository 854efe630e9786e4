/** Times as inspectors read them: Beijing time (UTC+8, no DST), `2026-11-22 18:00:00（北京时间）`. */
export function beijingTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const bj = new Date(d.getTime() + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);
  return `${bj}（北京时间）`;
}
