import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Rect } from '../../src/geometry.ts';
import { area } from '../../src/geometry.ts';
import { parsePageSource } from '../../src/snapshot/parse.ts';

/** One bench screenshot and the texts known to be drawn on it. */
export interface CorpusScreen {
  name: string;
  file: string;
  set: 'fixture' | 'synthetic';
  truth: { text: string; bounds: Rect }[];
}

/** Icon-like classes whose content-desc is a spoken label (e.g. 返回 on a back arrow), not drawn text. */
const ICON_CLASS = /Image(View|Button)$/;

/**
 * Ground truth of a recorded screen from its page source: every displayed element's `text`
 * (its `hint` when the text is empty: the placeholder is what is drawn) and the `content-desc` of
 * elements that have no text and are not icons. Text that is only in the image (logos, status bar)
 * is not in the page source and therefore not scored.
 */
export function truthFromPageSource(xml: string, file: string): CorpusScreen['truth'] {
  const snap = parsePageSource(xml, file);
  const out: CorpusScreen['truth'] = [];
  for (const e of snap.elements) {
    if (!e.displayed || area(e.bounds) === 0) continue;
    const text = e.text.trim() || e.hint.trim() || (ICON_CLASS.test(e.className) ? '' : e.contentDesc.trim());
    if (text) out.push({ text, bounds: e.bounds });
  }
  return out;
}

/** The recorded screens under `root` (`<app>/states/<state>.png` with `<state>.xml`). */
export async function fixtureScreens(root: string): Promise<CorpusScreen[]> {
  const out: CorpusScreen[] = [];
  for (const app of (await readdir(root)).sort()) {
    const dir = path.join(root, app, 'states');
    const files = await readdir(dir).catch(() => [] as string[]);
    for (const png of files.filter((f) => f.endsWith('.png')).sort()) {
      const xmlFile = path.join(dir, png.replace(/\.png$/, '.xml'));
      const xml = await readFile(xmlFile, 'utf8').catch(() => undefined);
      if (xml === undefined) continue;
      out.push({ name: `${app}/${png.replace(/\.png$/, '')}`, file: path.join(dir, png), set: 'fixture', truth: truthFromPageSource(xml, xmlFile) });
    }
  }
  return out;
}
