import { describeError } from '../src/errors.ts';
import type { Command } from './command.ts';
import { EXIT, exitCodeForError, exitCodesHelp } from '../src/exit-codes.ts';

/** Every subcommand, loaded on demand so `govapp verify` does not pay for Appium or OCR imports. */
const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  crawl: { summary: 'crawl one app (app-graph dir, APK, package or URL) into an evidence bundle', load: async () => (await import('./commands/crawl.ts')).command },
  batch: { summary: 'crawl many apps over a device pool (resumable) with a batch summary', load: async () => (await import('./commands/batch.ts')).command },
  analyze: { summary: 're-run the current detectors on a recorded bundle (no device)', load: async () => (await import('./commands/analyze.ts')).command },
  report: { summary: 're-render a bundle\'s report (HTML, --pdf, --junit, repro specs)', load: async () => (await import('./commands/report.ts')).command },
  verify: { summary: 'check a bundle (dir or .zip) against its manifest and signature', load: async () => (await import('./commands/verify.ts')).command },
};

export function usage(): string {
  const rows = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(9)} ${c.summary}`);
  return ['usage: govapp <command> [options]', '', 'commands:', ...rows, '', 'Run `govapp help <command>` (or `govapp <command> --help`) for its options and examples.', '', exitCodesHelp()].join('\n');
}

/** Runs the CLI; returns the exit code. Errors become one `govapp: CODE: message` line on stderr. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(usage() + '\n');
    return name ? EXIT.OK : EXIT.BAD_INPUT;
  }
  if (name === '--version') {
    const { TOOL_VERSION } = await import('../src/version.ts');
    process.stdout.write(TOOL_VERSION + '\n');
    return 0;
  }
  if (name === 'help') {
    const topic = rest[0];
    if (!topic) {
      process.stdout.write(usage() + '\n');
      return 0;
    }
    const helped = COMMANDS[topic];
    if (!helped) {
      process.stderr.write(`govapp: BAD_ARGUMENT: no help for "${topic}" (try: ${Object.keys(COMMANDS).join(', ')})\n`);
      return 2;
    }
    process.stdout.write((await helped.load()).usage + '\n\n' + exitCodesHelp() + '\n');
    return 0;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    process.stderr.write(`govapp: BAD_ARGUMENT: unknown command "${name}" (try: ${Object.keys(COMMANDS).join(', ')})\n`);
    return EXIT.BAD_INPUT;
  }
  try {
    const command = await entry.load();
    if (rest.includes('--help') || rest.includes('-h')) {
      process.stdout.write(command.usage + '\n\n' + exitCodesHelp() + '\n');
      return EXIT.OK;
    }
    return await command.run(rest);
  } catch (e) {
    process.stderr.write(`govapp: ${describeError(e)}\n`);
    if (process.env.GOVAPP_DEBUG && e instanceof Error) process.stderr.write((e.stack ?? '') + '\n');
    return exitCodeForError(e);
  }
}
