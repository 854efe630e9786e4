import type { CrawlSubscriber } from '../src/lifecycle.ts';
import { screenTitle } from '../src/snapshot/title.ts';
import type { CrawlProgress } from './types.ts';

/**
 * The progress display's side of the lifecycle: every new screen and every action becomes a
 * CrawlProgress update (the CLI's live status line, the batch's progress), through `progress`,
 * which adds the counts, budget and OCR queue.
 */
export function progressSubscriber(progress: (p: Partial<CrawlProgress> & Pick<CrawlProgress, 'phase'>) => void): CrawlSubscriber {
  return {
    name: 'progress',
    onState: (screen) => progress({ phase: 'exploring', current: screen.state, title: screenTitle(screen.snapshot), newScreen: true }),
    onAction: (action) => progress({ phase: 'exploring', current: action.to }),
  };
}
