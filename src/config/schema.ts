import { z } from 'zod';

/** govapp.yaml / govapp.config.ts: per-app credentials, the safety policy, budgets, probes and detector options. */
export const credentialsSchema = z.strictObject({
  username: z.string().min(1),
  password: z.string().min(1),
  /** Locators of the fields and button when the heuristics cannot find them: resource-id or hint text. */
  usernameField: z.string().optional(),
  passwordField: z.string().optional(),
  submit: z.string().optional(),
  /** Stop after this many failed attempts, so a real account is never locked. */
  maxAttempts: z.number().int().min(1).max(3).default(2),
});

export const appConfigSchema = z.strictObject({
  credentials: credentialsSchema.optional(),
  maxActions: z.number().int().positive().optional(),
  maxMinutes: z.number().positive().optional(),
});

/** One mini-program or quick app (keyed by its name, appid or quick-app package): how the lab opens it. */
export const miniProgramConfigSchema = z.strictObject({
  /** A scheme link that opens it in its host (weixin://dl/business/?t=…, alipays://platformapi/startapp?appId=…). */
  link: z.string().regex(/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/, 'not a URL or scheme link').optional(),
  /** Ways to open it, in order (default: link when configured, else recent, then search). */
  open: z.array(z.enum(['link', 'recent', 'search'])).min(1).optional(),
  /** The mini-program's own login (never the host's account). */
  credentials: credentialsSchema.optional(),
  /** A vendor quick-app engine's container activity, as a regular expression (default: hapjs's LauncherActivity$LauncherN). */
  container: z
    .string()
    .min(1)
    .refine((v) => {
      try {
        new RegExp(v);
        return true;
      } catch {
        return false;
      }
    }, 'not a regular expression')
    .optional(),
});

export const configSchema = z.strictObject({
  apps: z.record(z.string(), appConfigSchema).default({}),
  /** Mini-programs and quick apps (docs/lab.md). */
  miniPrograms: z.record(z.string(), miniProgramConfigSchema).default({}),
  /** The safety policy (docs/safety.md). */
  safety: z
    .strictObject({
      /** `default` refuses dangerous controls; `strict` (observe-only) taps navigation only. */
      level: z.enum(['default', 'strict']).default('default'),
      /** Intent names (`submit`, `pay`, `toggle`…) or words (`提交`) allowed in a test environment. */
      allow: z.array(z.string().min(1)).default([]),
      /** Extra words to refuse. */
      deny: z.array(z.string().min(1)).default([]),
      unsafe: z.boolean().default(false),
    })
    .default({ level: 'default', allow: [], deny: [], unsafe: false }),
  crawl: z
    .strictObject({
      maxActions: z.number().int().positive().optional(),
      maxMinutes: z.number().positive().optional(),
      strategy: z.enum(['targeted', 'bfs', 'dfs', 'random']).optional(),
      seed: z.number().int().optional(),
      ocr: z.enum(['paddle', 'tesseract', 'off']).optional(),
      settleMs: z.number().int().nonnegative().optional(),
      /** How permission dialogs are answered (they are recorded either way). */
      permissions: z.enum(['allow', 'deny']).default('allow'),
    })
    .default({ permissions: 'allow' }),
  probes: z
    .strictObject({
      encoding: z.boolean().default(true),
      timerSeconds: z.number().positive().max(60).default(3),
      aiQuestion: z.string().min(1).default('你好，请简单介绍一下你能提供哪些服务？'),
    })
    .default({ encoding: true, timerSeconds: 3, aiQuestion: '你好，请简单介绍一下你能提供哪些服务？' }),
  /**
   * Detector options by detector id (`unit-name: { minOcrConfidence: 0.7 }`, docs/clauses.md);
   * each checked against that detector's own schema when the config is loaded (src/config/detectors.ts).
   */
  detectors: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
});

export type GovappConfig = z.infer<typeof configSchema>;
export type GovappConfigInput = z.input<typeof configSchema>;
export type Credentials = z.infer<typeof credentialsSchema>;
export type MiniProgramConfig = z.infer<typeof miniProgramConfigSchema>;

/** Typed helper for `govapp.config.ts`: `export default defineConfig({ ... })`. */
export function defineConfig(config: GovappConfigInput): GovappConfigInput {
  return config;
}
