import { parseArgs, type ParseArgsConfig } from 'node:util';
import { BadInputError } from '../src/errors.ts';

/** One `govapp <name>` subcommand. `run` returns the process exit code. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(argv: string[]): Promise<number>;
}

/** util.parseArgs in strict mode, with its errors turned into one BAD_ARGUMENT line. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(
  command: string,
  argv: string[],
  options: T,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals });
  } catch (e) {
    throw new BadInputError('BAD_ARGUMENT', `${command}: ${(e as Error).message.split('\n')[0]}`, { cause: e });
  }
}

/** Parses a positive number option, naming the option on error. */
export function numberOption(name: string, value: string | undefined, { min = 0, integer = false } = {}): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || (integer && !Number.isInteger(n))) {
    throw new BadInputError('BAD_ARGUMENT', `--${name}: expected ${integer ? 'an integer' : 'a number'} ≥ ${min}, got "${value}"`);
  }
  return n;
}
