import type { SeekEntry } from '../seek.ts';

/**
 * The about page (关于我们, 版本信息): where apps show their host unit (4.2) and filing number (5),
 * often with the copyright line. Both clauses seek it through this one entry, so the crawler
 * counts one kind of control for them.
 */
export const ABOUT_PAGE: SeekEntry = {
  name: 'about',
  weight: 9,
  words: ['关于', '版本信息', '主办单位', '版权'],
  ids: ['about', 'copyright'],
  // One about page is usually all there is.
  decay: 0.4,
};
