import { existsSync } from 'node:fs';
import path from 'node:path';
import { GovappError } from '../errors.ts';
import { writeJsonAtomic } from '../fs/atomic.ts';
import { listBundleEntries, specialEntryError } from './manifest-hash.ts';
import { MANIFEST_FILE, type Reissue } from './manifest-schema.ts';
import { verifyBundle, type VerifyResult } from './manifest-verify.ts';

/**
 * Before `report` or `analyze` rewrites a bundle: it must verify against its manifest, or the new
 * manifest would launder whatever was changed. On a mismatch (or no manifest at all) they refuse with
 * INTEGRITY_FAILED; with `--force` the failed verification is recorded in
 * `history/verify-<time>.json` and the new manifest carries `reissued`, which `verify` reports.
 * Links, FIFOs and devices are refused even with `--force`: writing a bundle through them escapes it.
 */
export async function checkBeforeReissue(dir: string, command: string, force: boolean): Promise<Reissue | undefined> {
  const { special } = await listBundleEntries(dir);
  if (special.length) throw specialEntryError(dir, special[0]);
  let result: VerifyResult | undefined;
  let problem: string;
  if (!existsSync(path.join(dir, MANIFEST_FILE))) problem = `no ${MANIFEST_FILE}, so it cannot be verified`;
  else {
    result = await verifyBundle(dir);
    // A bundle once re-issued over a failed verification stays marked so through every later re-issue.
    if (result.ok) return result.manifest.reissued;
    problem = `does not verify against its manifest (${result.missing.length} missing, ${result.added.length} added, ${result.changed.length} changed${result.signature === 'invalid' ? ', signature invalid' : ''})`;
  }
  if (!force) {
    throw new GovappError('INTEGRITY_FAILED', `${dir}: ${problem}; ${command} refuses to re-issue it (run govapp verify ${dir}; --force re-issues it and records this in history/)`);
  }
  const at = new Date().toISOString();
  const rel = `history/verify-${at.replace(/[:.]/g, '-')}.json`;
  writeJsonAtomic(path.join(dir, rel), {
    format: 'verify-record/1',
    at,
    command,
    ok: false,
    problem,
    ...(result
      ? { manifestCreatedAt: result.manifest.createdAt, missing: result.missing, added: result.added, changed: result.changed, signature: result.signature }
      : { manifest: 'absent' }),
  });
  return { over: 'unverified', at, by: command, record: rel };
}
