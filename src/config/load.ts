import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import YAML from 'yaml';
import { BadInputError } from '../errors.ts';
import { firstIssue } from '../zod-errors.ts';
import { configSchema, type GovappConfig } from './schema.ts';
import { checkDetectorOptions, type DetectorOptionSchemas } from './detectors.ts';

export const DEFAULT_CONFIG: GovappConfig = configSchema.parse({});

export interface LoadConfigOptions {
  /** The detectors' option schemas: `detectors:` entries are checked against them (otherwise only their shape). */
  detectors?: DetectorOptionSchemas;
}

/** Loads govapp.yaml / .json / .config.ts; every error names the file and the field. */
export async function loadConfig(file: string | undefined, opts: LoadConfigOptions = {}): Promise<GovappConfig> {
  if (!file) return DEFAULT_CONFIG;
  const abs = path.resolve(file);
  if (!existsSync(abs)) throw new BadInputError('BAD_CONFIG', `${file}: config file not found`);
  let raw: unknown;
  try {
    if (/\.(ts|mts|js|mjs)$/.test(abs)) raw = (await import(pathToFileURL(abs).href)).default;
    else if (/\.json$/.test(abs)) raw = JSON.parse(readFileSync(abs, 'utf8'));
    else raw = YAML.parse(readFileSync(abs, 'utf8'), { prettyErrors: true });
  } catch (e) {
    throw new BadInputError('BAD_CONFIG', `${file}: cannot be read: ${String((e as Error).message).split('\n')[0]}`, { cause: e });
  }
  const parsed = configSchema.safeParse(raw ?? {});
  if (!parsed.success) throw new BadInputError('BAD_CONFIG', firstIssue(file, parsed.error));
  if (opts.detectors) checkDetectorOptions(file, parsed.data.detectors, opts.detectors);
  return parsed.data;
}
