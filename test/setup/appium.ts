import type { TestProject } from 'vitest/node';
import { startAppium } from '../../src/appium/server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    appiumUrl: string;
  }
}

/** One real Appium 3 server for the whole test run; tests reach it with `inject('appiumUrl')`. */
export default async function setup(project: TestProject) {
  const server = await startAppium({ logFile: 'test-artifacts/appium.log', logLevel: 'info' });
  project.provide('appiumUrl', server.url);
  return async () => {
    await server.stop();
  };
}
