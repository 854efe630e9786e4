import { BadInputError } from '../../src/errors.ts';
import { formatVerifyResult, verifyBundle } from '../../src/bundle/manifest-verify.ts';
import { loadPublicKey } from '../../src/bundle/sign.ts';
import { parseCommandArgs, type Command } from '../command.ts';
import { EXIT } from '../../src/exit-codes.ts';
import { stripBidi } from '../../src/escape.ts';

const USAGE = `usage: govapp verify <bundle dir | bundle.zip> [--pub-key <key.pem>] [--json]

Re-hashes every file of an evidence bundle against its manifest.json and reports each file that is
missing, added or changed. With --pub-key, also checks manifest.sig (Ed25519) against that key.

  --pub-key <file>   PEM public key (SPKI) the bundle must be signed with
  --json             print the result as JSON

Symbolic links, FIFOs and devices in a bundle are reported (never followed or opened). A zip is read
from its central directory, each entry once, inflated by streaming within size caps.

Exit status: 0 when the bundle is intact (and validly signed, with --pub-key); 5 when it is not;
2 when it is not a bundle at all (or a zip that cannot be read safely).`;

export const command: Command = {
  name: 'verify',
  summary: 'check an evidence bundle (dir or .zip) against its manifest and signature',
  usage: USAGE,
  async run(argv) {
    const { values, positionals } = parseCommandArgs('verify', argv, { 'pub-key': { type: 'string' }, json: { type: 'boolean' } }, true);
    if (positionals.length !== 1) throw new BadInputError('BAD_ARGUMENT', 'verify: give exactly one bundle directory or .zip');
    const publicKey = values['pub-key'] ? loadPublicKey(values['pub-key']) : undefined;
    const result = await verifyBundle(positionals[0], { publicKey });
    if (values.json) {
      const { manifest, ...rest } = result;
      process.stdout.write(JSON.stringify({ ...rest, files: manifest.files.length, createdAt: manifest.createdAt }, null, 2) + '\n');
    } else {
      process.stdout.write(stripBidi(formatVerifyResult(result).join('\n')) + '\n');
    }
    return result.ok ? EXIT.OK : EXIT.INTEGRITY;
  },
};
