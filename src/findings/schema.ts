import { z } from 'zod';

/** findings/1 (../shared/spec/findings.md): the contract every reader of a crawl relies on. */
export const CLAUSES = ['4.1.1', '4.1.2', '4.1.3', '4.2', '4.3', '4.4', '5', '6.d', '6.h', '6.i', '7.3'] as const;
export type ClauseId = (typeof CLAUSES)[number];

export const VERDICTS = ['fail', 'pass', 'review', 'n/a', 'unknown'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const VIAS = ['a11y', 'ocr', 'probe', 'flow'] as const;
export type Via = (typeof VIAS)[number];

const bounds = z.tuple([z.number(), z.number(), z.number(), z.number()]);

/** Evidence: the spec's fields, plus optional extensions (`before`/`after` of a probe, `source` path, `note`). */
export const evidenceSchema = z.looseObject({
  state: z.string().min(1),
  screenshot: z.string().min(1),
  bounds: bounds.optional(),
  text: z.string().optional(),
  via: z.enum(VIAS),
});
export type Evidence = z.infer<typeof evidenceSchema> & {
  source?: string;
  note?: string;
  before?: string;
  after?: string;
  at?: string;
};

/** What a verdict rests on (findings.md "Absence needs coverage"). */
export const BASES = ['evidence', 'absence', 'probe'] as const;
export type Basis = (typeof BASES)[number];

export const clauseResultSchema = z.looseObject({
  clause: z.enum(CLAUSES),
  verdict: z.enum(VERDICTS),
  summary: z.string().min(1),
  evidence: z.array(evidenceSchema),
  basis: z.enum(BASES).optional(),
});
export type ClauseResult = z.infer<typeof clauseResultSchema> & { evidence: Evidence[] };

export const STOP_REASONS = ['explored', 'blocked', 'budget', 'error', 'interrupted'] as const;
export type StopReason = (typeof STOP_REASONS)[number];

/** One place the crawl could not get past (findings.md `run.coverage.walls`). */
export const wallSchema = z.looseObject({
  state: z.string().min(1),
  kind: z.string().min(1),
  text: z.string().optional(),
});
export type Wall = z.infer<typeof wallSchema>;

/** What the crawl saw and what it left (findings.md `run.coverage`). */
export const coverageSchema = z.looseObject({
  screens: z.number().int().nonnegative(),
  actionsTried: z.number().int().nonnegative(),
  actionsLeft: z.number().int().nonnegative(),
  refused: z.number().int().nonnegative(),
  walls: z.array(wallSchema),
});
export type Coverage = z.infer<typeof coverageSchema>;

/** One runtime permission the app asked for (findings.md `signals.permissions`). */
export const permissionSignalSchema = z.looseObject({
  permission: z.string().min(1),
  /** `launch` (before any user action) or the action that triggered it. */
  asked: z.string().min(1),
  state: z.string().min(1),
  answer: z.string().min(1),
});

/** The newest content date seen in lists and articles, against the crawl date (findings.md `signals.freshness`). */
export const freshnessSignalSchema = z.looseObject({
  newestDate: z.iso.date(),
  state: z.string().min(1),
  text: z.string(),
});

export const DEAD_END_KINDS = ['empty', 'error', 'stub'] as const;
export type DeadEndKind = (typeof DEAD_END_KINDS)[number];

/** A screen that leads nowhere: empty, an error, or a blank/placeholder page (findings.md `signals.deadEnds`). */
export const deadEndSignalSchema = z.looseObject({
  state: z.string().min(1),
  kind: z.enum(DEAD_END_KINDS),
  text: z.string(),
});

/** Figures beside the verdicts (findings.md "Signals"): permissions, freshness, dead ends. */
export const signalsSchema = z.looseObject({
  permissions: z.array(permissionSignalSchema),
  freshness: freshnessSignalSchema.optional(),
  deadEnds: z.array(deadEndSignalSchema),
});
export type PermissionSignal = z.infer<typeof permissionSignalSchema> & { seq?: number; message?: string };
export type FreshnessSignal = z.infer<typeof freshnessSignalSchema> & { crawlDate?: string; ageDays?: number; stale?: boolean };
export type DeadEndSignal = z.infer<typeof deadEndSignalSchema> & { entry?: string; from?: string };
export type Signals = z.infer<typeof signalsSchema> & {
  permissions: PermissionSignal[];
  freshness?: FreshnessSignal;
  deadEnds: DeadEndSignal[];
};

export const findingsSchema = z
  .looseObject({
    format: z.literal('findings/1'),
    app: z.looseObject({ package: z.string().min(1), label: z.string().optional(), versionName: z.string().optional() }),
    run: z.looseObject({
      startedAt: z.iso.datetime(),
      finishedAt: z.iso.datetime(),
      states: z.number().int().nonnegative(),
      actions: z.number().int().nonnegative(),
      stopReason: z.enum(STOP_REASONS),
      coverage: coverageSchema.optional(),
    }),
    clauses: z.array(clauseResultSchema),
    signals: signalsSchema.optional(),
  })
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.clauses.forEach((c, i) => {
      if (seen.has(c.clause)) ctx.addIssue({ code: 'custom', path: ['clauses', i, 'clause'], message: `clause ${c.clause} appears twice` });
      seen.add(c.clause);
    });
    for (const c of CLAUSES)
      if (!seen.has(c)) ctx.addIssue({ code: 'custom', path: ['clauses'], message: `clause ${c} is missing` });
  });
export type Findings = z.infer<typeof findingsSchema> & { clauses: ClauseResult[]; signals?: Signals };
