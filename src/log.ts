import pino, { type Logger } from 'pino';

export type { Logger };

/** Paths pino blanks out wherever they appear: credentials never reach a log. */
export const REDACT_PATHS = [
  'password', '*.password', '*.*.password', 'credentials', '*.credentials', 'pwd', '*.pwd',
  'capabilities["appium:password"]', 'token', '*.token', 'secret', '*.secret',
];

export interface LoggerOptions {
  level?: string;
  /** Also write JSON lines to this file (the bundle's logs/crawl.log), at debug level. */
  file?: string;
  /** Pretty, human output on stderr (default: when stderr is a TTY). */
  pretty?: boolean;
  /** No console output at all (tests, benchmarks). */
  quiet?: boolean;
}

/** The one root logger of a process; crawls take `log.child({ app, session, device })`. */
export function createLogger(opts: LoggerOptions = {}): Logger {
  const level = opts.level ?? process.env.GOVAPP_LOG_LEVEL ?? 'info';
  const streams: pino.StreamEntry[] = [];
  if (!opts.quiet) {
    const pretty = opts.pretty ?? Boolean(process.stderr.isTTY);
    streams.push({
      level: level as pino.Level,
      stream: pretty
        ? pino.transport({ target: 'pino-pretty', options: { destination: 2, colorize: true, translateTime: 'HH:MM:ss', ignore: 'pid,hostname' } })
        : pino.destination(2),
    });
  }
  // Synchronous: the bundle's log is complete at a crash and when the manifest hashes it.
  if (opts.file) streams.push({ level: 'debug', stream: pino.destination({ dest: opts.file, mkdir: true, sync: true }) });
  const minLevel = opts.file ? (pino.levels.values[level] < pino.levels.values.debug ? level : 'debug') : level;
  return pino({ level: minLevel, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: undefined }, pino.multistream(streams));
}

/** A logger that drops everything. */
export const silentLogger: Logger = pino({ level: 'silent' });
