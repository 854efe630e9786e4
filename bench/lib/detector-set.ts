import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DetectorSet } from './real-corpus.ts';

/**
 * The detectors, parser and text merge of a checkout, loaded by path: the working tree itself, or
 * an older commit extracted with `git archive` into <repo>/tmp/bench-real/<rev>/ (ignored by git;
 * module resolution still finds the repo's node_modules).
 */
export async function loadDetectorSet(root: string, label: string): Promise<DetectorSet> {
  const load = (rel: string) => import(pathToFileURL(path.join(root, rel)).href);
  const [index, define, parse, merge] = await Promise.all([
    load('detectors/index.ts'),
    load('detectors/define.ts'),
    load('src/snapshot/parse.ts'),
    load('src/ocr/merge.ts'),
  ]);
  return {
    label,
    detectors: index.detectors,
    runDetector: define.runDetector,
    // Older checkouts only parse text; decode as UTF-8 for them.
    parse: parse.parsePageSourceBytes ?? ((bytes: Buffer, file: string) => parse.parsePageSource(bytes.toString('utf8'), file)),
    mergeTexts: merge.mergeTexts,
  };
}

/** Extracts `rev`'s detectors/ and src/ into the repo's tmp/ once; returns that root. */
export function checkoutAt(repo: string, rev: string): string {
  const sha = execFileSync('git', ['-C', repo, 'rev-parse', '--short', rev], { encoding: 'utf8' }).trim();
  const dir = path.join(repo, 'tmp/bench-real', sha);
  if (!existsSync(path.join(dir, 'detectors/index.ts'))) {
    mkdirSync(dir, { recursive: true });
    const tar = execFileSync('git', ['-C', repo, 'archive', '--format=tar', sha, 'detectors', 'src']);
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
  }
  return dir;
}
