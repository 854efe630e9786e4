import { z } from 'zod';

/** app-graph/1 (../shared/spec/app-graph.md). Unknown keys are kept: the format leaves room to extend. */
export const selectorSchema = z.record(z.string(), z.string());

export const stateSchema = z.looseObject({
  id: z.string().min(1),
  activity: z.string().optional(),
  package: z.string().optional(),
  source: z.string().min(1),
  screenshot: z.string().min(1),
  dynamic: z
    .array(z.looseObject({ on: selectorSchema, text: z.string() }))
    .optional(),
});

export const transitionSchema = z.looseObject({
  from: z.string().min(1),
  to: z.string().min(1),
  on: selectorSchema.optional(),
  gesture: z.enum(['scroll-down', 'scroll-up', 'scroll-left', 'scroll-right']).optional(),
  key: z.enum(['back']).optional(),
  after: z.number().nonnegative().optional(),
  replace: z.boolean().optional(),
  when: z.record(z.string(), z.string()).optional(),
  else: z.string().optional(),
});

const codePoint = z.string().regex(/^U\+[0-9A-Fa-f]{4,6}$/, 'expected a code point such as "U+20000"');

export const appGraphSchema = z.looseObject({
  format: z.literal('app-graph/1'),
  app: z.looseObject({
    package: z.string().min(1),
    label: z.string().optional(),
    versionName: z.string().optional(),
    versionCode: z.union([z.string(), z.number()]).optional(),
    launchActivity: z.string().optional(),
  }),
  device: z.looseObject({
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    density: z.number().optional(),
    platformVersion: z.string().optional(),
    model: z.string().optional(),
  }),
  start: z.string().min(1),
  states: z.array(stateSchema).min(1),
  transitions: z.array(transitionSchema).default([]),
  input: z
    .looseObject({
      unsupported: z.array(z.tuple([codePoint, codePoint])).default([]),
      replacement: z.string().default('?'),
    })
    .optional(),
});

export type AppGraph = z.infer<typeof appGraphSchema>;
export type AppGraphState = z.infer<typeof stateSchema>;
export type AppGraphTransition = z.infer<typeof transitionSchema>;
export type Selector = z.infer<typeof selectorSchema>;
