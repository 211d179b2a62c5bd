import { defineConfig } from 'vitest/config';

// The Firefox browser tests: real firefox-esr (WebDriver BiDi, puppeteer-core) against the same pages and
// emulator as the Chromium tests. A separate run from the unit tests: one browser, one test at a time.
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['e2e/firefox/**/*.firefox.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    // A real call on a shared machine now and then misses a timing by a hair: one more try, and `npm test` names
    // a test that passed only then.
    retry: 1,
    hookTimeout: 90_000,
  },
});
