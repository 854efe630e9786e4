import { isGovappError, isInputErrorCode } from './errors.ts';

/**
 * Every exit status of `govapp`, in one place: `--help`, the README's table and the tests read
 * this module. 0–3 are as they always were; 4 and 5 were added for crawls that broke off and for
 * bundles that do not verify.
 */
export const EXIT = {
  /** The command did its job (a crawl completed, whatever the verdicts; a bundle verified). */
  OK: 0,
  /** A runtime failure: Appium unreachable, a device lost before the crawl began, a disk full or read-only. */
  RUNTIME: 1,
  /** Bad input: an argument, config, app-graph, page source or bundle that cannot be used (`BAD_*`). */
  BAD_INPUT: 2,
  /** `--fail-on` gate tripped: a clause has the verdict it names. */
  GATE: 3,
  /** The crawl broke off (stopReason `error`, e.g. the device stopped answering); its partial bundle is written. */
  BROKE_OFF: 4,
  /** Integrity failure: `verify` found the bundle changed, or `report`/`analyze` refused to re-issue it. */
  INTEGRITY: 5,
  /** Interrupted (Ctrl-C / SIGTERM); a crawl's partial bundle is written with stopReason `interrupted`. */
  INTERRUPTED: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The table shown by `govapp --help` and in the README (code, meaning). */
export const EXIT_TABLE: readonly [ExitCode, string][] = [
  [EXIT.OK, 'complete: the crawl finished (whatever the verdicts), the bundle verified'],
  [EXIT.RUNTIME, 'runtime failure: Appium unreachable, session failed, disk full or read-only (`govapp: CODE: …`)'],
  [EXIT.BAD_INPUT, 'bad input: argument, config, app-graph, page source or bundle (`govapp: BAD_*: …` naming the file or field)'],
  [EXIT.GATE, 'gate tripped: `--fail-on` found a clause with that verdict'],
  [EXIT.BROKE_OFF, 'incomplete: the crawl broke off (stopReason `error`); the partial bundle is written'],
  [EXIT.INTEGRITY, 'integrity failure: the bundle does not match its manifest or signature (`verify`; `report`/`analyze` refuse without `--force`)'],
  [EXIT.INTERRUPTED, 'interrupted: Ctrl-C or SIGTERM; the partial bundle is written (stopReason `interrupted`)'],
];

/** The exit-status section of `--help` texts. */
export function exitCodesHelp(): string {
  return ['exit status:', ...EXIT_TABLE.map(([code, text]) => `  ${String(code).padStart(3)}  ${text.replace(/`/g, '')}`)].join('\n');
}

/** The exit status for an error that ended a command. */
export function exitCodeForError(e: unknown): ExitCode {
  if (!isGovappError(e)) return EXIT.RUNTIME;
  if (e.code === 'INTEGRITY_FAILED') return EXIT.INTEGRITY;
  return isInputErrorCode(e.code) ? EXIT.BAD_INPUT : EXIT.RUNTIME;
}
