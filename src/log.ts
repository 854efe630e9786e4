import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import { prettyFactory } from 'pino-pretty';

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
  /**
   * Send console output here instead of stderr, one formatted line per call (the CLI's live
   * status region prints it above the status line): `pretty` lines, or `brief` ones (level mark
   * and message only, for a person watching a crawl).
   */
  sink?: { write(line: string): void; style: 'pretty' | 'brief' };
}

const BRIEF_MARK: Record<number, string> = { 40: '⚠', 50: '✗', 60: '✗' };

/** `⚠ message: error` for a person at a terminal; the full record is in the log file. */
export function briefLine(rec: { level?: number; msg?: string; err?: unknown; code?: unknown }): string {
  const err = typeof rec.err === 'string' ? rec.err : (rec.err as { message?: string } | undefined)?.message;
  const mark = BRIEF_MARK[rec.level ?? 30] ?? '·';
  return `${mark} ${rec.msg ?? ''}${rec.code ? ` (${String(rec.code)})` : ''}${err ? `: ${err}` : ''}`;
}

/** A pino destination that formats each JSON record and hands it to `sink` as one line. */
function sinkStream(sink: NonNullable<LoggerOptions['sink']>): Writable {
  const pretty = sink.style === 'pretty' ? prettyFactory({ colorize: true, translateTime: 'HH:MM:ss', ignore: 'pid,hostname' }) : undefined;
  return new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n')) {
        if (!line) continue;
        try {
          const rec = JSON.parse(line);
          sink.write(pretty ? pretty(rec).trimEnd() : briefLine(rec));
        } catch {
          sink.write(line);
        }
      }
      done();
    },
  });
}

/** The one root logger of a process; crawls take `log.child({ app, session, device })`. */
export function createLogger(opts: LoggerOptions = {}): Logger {
  const level = opts.level ?? process.env.GOVAPP_LOG_LEVEL ?? 'info';
  const streams: pino.StreamEntry[] = [];
  if (!opts.quiet && opts.sink) {
    streams.push({ level: level as pino.Level, stream: sinkStream(opts.sink) });
  } else if (!opts.quiet) {
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
