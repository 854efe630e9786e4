import type { CrawlSubscriber } from '../lifecycle.ts';
import type { BundleWriter } from './writer.ts';

/**
 * The bundle writer as a lifecycle subscriber: every screen's page source and screenshot, every
 * action (and the transition it recorded), every refusal and probe result go into the bundle as
 * they happen. Registered first, so later subscribers see the files already written. A write that
 * fails is OUT_NOT_WRITABLE, which ends the crawl (src/lifecycle.ts `isSevere`).
 */
export function bundleRecorder(writer: BundleWriter): CrawlSubscriber {
  return {
    name: 'bundle',
    onState: (screen, files) => writer.addScreen(screen, files.source, files.png),
    onAction: (action, transition) => writer.addAction(action, transition),
    onRefusal: (entry) => writer.addSkipped(entry),
    onProbe: (probe) => writer.addProbe(probe),
  };
}
