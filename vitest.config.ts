import { defineConfig } from 'vitest/config';

/**
 * Two tiers (README "Tests"): `fast` (`npm test`) is every `*.test.ts` but the end-to-end ones and
 * needs no Appium server; `e2e` (`npm run test:e2e`) is the `*.e2e.test.ts` files, which start a
 * real Appium server (the globalSetup, for this tier only), Chromium, tmux or `govapp` crawls.
 */
const E2E = ['test/**/*.e2e.test.ts', 'detectors/**/*.e2e.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: { name: 'fast', include: ['test/**/*.test.ts', 'detectors/**/*.test.ts'], exclude: E2E },
      },
      {
        extends: true,
        test: { name: 'e2e', include: E2E, globalSetup: ['test/setup/appium.ts'] },
      },
    ],
  },
});
