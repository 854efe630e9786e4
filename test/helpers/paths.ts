import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The public sample apps, read from ../shared beside the checkout (never copied into the repo). */
export const SHARED_APPS = path.resolve(REPO, '../shared/fixtures/apps');
export const sampleApp = (name: string) => path.join(SHARED_APPS, name);
export const SAMPLE_APPS = ['study-portal', 'office-compliant', 'river-patrol'] as const;
export const FIXTURES = path.join(REPO, 'test/fixtures');
