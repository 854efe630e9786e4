import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { evaluateGate, parseFailOn } from '../../reports/gate.ts';
import { reportGate } from '../summary.ts';
import { readFindings } from '../../reports/bundle-data.ts';
import { finalizeBundle } from '../../reports/finalize.ts';
import { BadInputError, describeError } from '../../src/errors.ts';
import { readManifest } from '../../src/bundle/manifest.ts';
import { loadPrivateKey } from '../../src/bundle/sign.ts';
import { checkBeforeReissue } from '../../src/bundle/reissue.ts';
import { parseCommandArgs, type Command } from '../command.ts';

const USAGE = `usage: govapp report <bundle dir> [--pdf] [--junit <file>] [--fail-on fail|review|incomplete] [--sign-key <key.pem>] [--zip <file>]

Re-renders a bundle's report.html, annotated screenshots (evidence/) and reproduction specs (repro/)
from its findings.json. The previous manifest moves to history/ and a new one is written.

  --pdf                also print report.pdf with headless Chromium
  --junit <file>       write JUnit XML (one test case per clause)
  --fail-on <level>    exit 3 when a clause is fail (fail) or fail/review/unknown (review), or the
                       crawl was incomplete (incomplete); levels combine: fail,incomplete
  --sign-key <file>    sign the new manifest with this Ed25519 PEM private key (manifest.sig)
  --zip <file>         pack the finished bundle into one zip (verify it with govapp verify <file>)
  --force              re-issue a bundle that does not verify against its manifest; the failed
                       verification is kept in history/ and the new manifest says so

The bundle is verified first: one that does not match its manifest (or has none) is refused with
exit status 5 unless --force. Symbolic links, FIFOs and devices in it are always refused.`;

export const BUNDLE_OPTIONS = {
  pdf: { type: 'boolean' },
  junit: { type: 'string' },
  'fail-on': { type: 'string' },
  'sign-key': { type: 'string' },
  zip: { type: 'string' },
} as const;

/** `report` and `analyze` also take `--force`: re-issue a bundle that does not verify (recorded in history/). */
export const REISSUE_OPTIONS = { ...BUNDLE_OPTIONS, force: { type: 'boolean' } } as const;

/** The bundle directory argument: an existing directory with findings.json. */
export function bundleDirArgument(command: string, positionals: string[]): string {
  if (positionals.length !== 1) throw new BadInputError('BAD_ARGUMENT', `${command}: give exactly one bundle directory`);
  const dir = path.resolve(positionals[0]);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new BadInputError('BAD_BUNDLE', `${positionals[0]}: not a bundle directory${/\.zip$/i.test(dir) ? ' (unpack the zip first)' : ''}`);
  }
  return dir;
}

export const command: Command = {
  name: 'report',
  summary: 're-render the HTML report (and PDF, JUnit, repro specs) of an evidence bundle',
  usage: USAGE,
  async run(argv) {
    const { values, positionals } = parseCommandArgs('report', argv, REISSUE_OPTIONS, true);
    const dir = bundleDirArgument('report', positionals);
    const failOn = parseFailOn(values['fail-on']);
    if (values['sign-key']) loadPrivateKey(values['sign-key']); // a bad key fails before the bundle is touched
    const reissued = await checkBeforeReissue(dir, 'report', Boolean(values.force));
    const findings = readFindings(dir);
    // The findings are unchanged: keep the rule versions that produced them.
    const previous = existsSync(path.join(dir, 'manifest.json')) ? await readManifest(dir).catch(() => undefined) : undefined;
    const rules = previous && Object.keys(previous.rules).length ? previous.rules : undefined;
    const { failures } = await finalizeBundle(dir, findings, {
      reason: 'report',
      pdf: values.pdf,
      junit: values.junit,
      signKey: values['sign-key'],
      zip: values.zip,
      meta: { ...(rules ? { rules } : {}), ...(reissued ? { reissued } : {}) },
    });
    for (const f of failures) process.stderr.write(`govapp: report: ${f.subscriber} failed: ${describeError(f.error)}\n`);
    process.stdout.write(`${path.join(dir, 'report.html')}${values.pdf ? `\n${path.join(dir, 'report.pdf')}` : ''}\n`);
    if (failures.length) return 1;
    const gate = evaluateGate(findings, failOn);
    reportGate(failOn, gate);
    return gate.exitCode;
  },
};
