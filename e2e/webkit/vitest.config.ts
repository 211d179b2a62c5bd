import { defineConfig } from 'vitest/config';

// The WebKit browser tests: WebKitGTK's MiniBrowser (selenium-webdriver, WebKitWebDriver under xvfb-run).
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['e2e/webkit/**/*.webkit.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
});
