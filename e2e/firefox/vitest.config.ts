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
    hookTimeout: 90_000,
  },
});
