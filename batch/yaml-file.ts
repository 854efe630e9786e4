import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { z } from 'zod';
import { BadInputError } from '../src/errors.ts';
import { firstIssue } from '../src/zod-errors.ts';

/**
 * Reads a YAML config file and checks it against a zod schema. Every error is one BAD_CONFIG line
 * naming the file and, for schema errors, the field (`apps.yaml: apps[2].maxActions: …`).
 */
export function readYamlConfig<S extends z.ZodType>(file: string, schema: S): z.infer<S> {
  if (!existsSync(file)) throw new BadInputError('BAD_CONFIG', `${file}: no such file`);
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'), { prettyErrors: true });
  } catch (e) {
    throw new BadInputError('BAD_CONFIG', `${file}: not valid YAML: ${String((e as Error).message).split('\n')[0]}`, { cause: e });
  }
  const parsed = schema.safeParse(raw ?? {});
  if (!parsed.success) throw new BadInputError('BAD_CONFIG', firstIssue(file, parsed.error));
  return parsed.data;
}
