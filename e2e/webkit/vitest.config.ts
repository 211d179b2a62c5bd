import { defineConfig } from 'vitest/config';

// The WebKit browser tests: WebKitGTK's MiniBrowser (selenium-webdriver, WebKitWebDriver under xvfb-run).
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['e2e/webkit/**/*.webkit.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    // A real call on a shared machine now and then misses a timing by a hair: one more try, and `npm test` names
    // a test that passed only then.
    retry: 1,
    hookTimeout: 90_000,
  },
});
