import { lstatSync, readdirSync } from 'node:fs';
import { BadInputError } from '../errors.ts';

/** Files that make a directory an evidence bundle (a finished or broken-off crawl). */
const BUNDLE_MARKERS = ['findings.json', 'crawl.jsonl', 'manifest.json'];
/** How many of a directory's entries an error names. */
const SHOWN = 3;

/**
 * A crawl writes its bundle into a new or empty directory only: every file in it is hashed into
 * the manifest, so unrelated files must never end up "attested" beside the evidence, and an
 * earlier crawl is never mixed with a new one. Checked before anything starts or is written.
 */
export function assertFreshOutDir(dir: string, flag = '--out'): void {
  let entries: string[];
  try {
    const st = lstatSync(dir);
    if (!st.isDirectory()) throw new BadInputError('BAD_ARGUMENT', `${flag} ${dir}: exists and is not a directory; choose an empty or new directory`);
    entries = readdirSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  if (!entries.length) return;
  if (entries.some((f) => BUNDLE_MARKERS.includes(f))) {
    throw new BadInputError('BAD_ARGUMENT', `${flag} ${dir}: already holds a crawl; choose an empty or new directory`);
  }
  const named = entries.sort().slice(0, SHOWN).join(', ') + (entries.length > SHOWN ? ` and ${entries.length - SHOWN} more` : '');
  throw new BadInputError('BAD_ARGUMENT', `${flag} ${dir}: not empty and not an evidence bundle (holds ${named}); choose an empty or new directory`);
}
