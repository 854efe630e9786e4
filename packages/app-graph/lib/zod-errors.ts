import type { z } from 'zod';

/** `states[2].source` style path of a zod issue. */
export function issuePath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || '(root)';
}

/** The first issue of a zod error as `file: field: message`. */
export function firstIssue(file: string, error: z.ZodError): string {
  const issue = error.issues[0];
  return `${file}: ${issuePath(issue.path)}: ${issue.message}`;
}
