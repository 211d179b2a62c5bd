import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { findChromium } from '../scripts/chromium.mjs';
import { chromiumArgs } from '../scripts/chromiumArgs.mjs';
import type { Report } from './pages/autoplay';
import { emulator } from './support/harness';

// The same browser as every other spec, but with Chromium's default autoplay policy: audio may start only
// after the user has interacted with the page.
const speechWav = fileURLToPath(new URL('./fixtures/speech.wav', import.meta.url));
const executablePath = findChromium();
const args = chromiumArgs(speechWav).map((flag) =>
  flag.startsWith('--autoplay-policy=') ? '--autoplay-policy=document-user-activation-required' : flag,
);
test.use({ launchOptions: { ...(executablePath ? { executablePath } : {}), args } });

/**
 * Collects the page's reports from its console. Nothing may evaluate in the page before the click: Playwright
 * runs every evaluate (locators included) as a user gesture, which would lift the block.
 */
let lastReports: Report[] = [];
function collectReports(page: Page): Report[] {
  const reports: Report[] = [];
  lastReports = reports;
  page.on('console', (message) => {
    const text = message.text();
    if (text.startsWith('autoplay-report ')) reports.push(JSON.parse(text.slice('autoplay-report '.length)) as Report);
  });
  return reports;
}

// Playwright reads the fixtures a hook uses from an object pattern in the first parameter; this one needs none.
// eslint-disable-next-line no-empty-pattern
test.afterEach(({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus)
    console.log(`last reports: ${JSON.stringify(lastReports.slice(-3))}`);
});

test('a call started without a user gesture reports blocked audio; resumeAudio() from a click plays it', async ({
  page,
}) => {
  await emulator(page).reset();
  const reports = collectReports(page);
  const latest = () => reports.at(-1);
  await page.goto('/autoplay.html');

  await expect.poll(() => latest()?.status, { timeout: 20_000 }).toBe('connected');
  await expect.poll(() => latest()?.playbackBlocked, { timeout: 10_000 }).toBe(true);
  console.log(`before the click: ${JSON.stringify(latest())}`);
  // Chromium plays a WebRTC stream without a gesture (the element is not paused) but holds the AudioContext
  // created without one: the meters are silent, and that is what the session reports.
  expect(latest()).toMatchObject({
    contexts: ['suspended'],
    elementsPaused: [false],
    unhandledRejections: [],
    errors: [],
  });
  expect(Math.max(...reports.map((r) => r.inputLevel))).toBe(0);
  expect(Math.max(...reports.map((r) => r.outputLevel))).toBe(0);

  await page.click('#resume');
  await expect.poll(() => latest()?.phase, { timeout: 10_000 }).toBe('resumed');
  expect(latest()).toMatchObject({ playbackBlocked: false, status: 'connected', elementsPaused: [false] });
  expect(latest()!.contexts[0]).toBe('running');
  // The agent answers the fake microphone's speech; its audio is heard in the page and on talkwire's meter.
  await expect.poll(() => latest()?.playedRms ?? 0, { timeout: 30_000 }).toBeGreaterThan(0.01);
  await expect.poll(() => Math.max(...reports.map((r) => r.outputLevel)), { timeout: 10_000 }).toBeGreaterThan(0.01);
  await expect.poll(() => Math.max(...reports.map((r) => r.inputLevel)), { timeout: 10_000 }).toBeGreaterThan(0.01);
  console.log(`after the click: ${JSON.stringify(latest())}`);
  expect(latest()!.errors).toEqual([]);
  expect(latest()!.unhandledRejections).toEqual([]);
});

test('a call started from a click is never reported as blocked', async ({ page }) => {
  await emulator(page).reset();
  const reports = collectReports(page);
  const latest = () => reports.at(-1);
  await page.goto('/autoplay.html?start=click');
  await expect.poll(() => latest()?.phase, { timeout: 10_000 }).toBe('waiting');
  await page.click('#connect');
  await expect.poll(() => latest()?.phase, { timeout: 20_000 }).toBe('connected');
  await expect.poll(() => Math.max(...reports.map((r) => r.inputLevel)), { timeout: 10_000 }).toBeGreaterThan(0.01);
  await expect.poll(() => Math.max(...reports.map((r) => r.outputLevel)), { timeout: 30_000 }).toBeGreaterThan(0.01);
  expect(reports.filter((r) => r.playbackBlocked)).toEqual([]);
  expect(latest()).toMatchObject({
    contexts: ['running'],
    elementsPaused: [false],
    errors: [],
    unhandledRejections: [],
  });
});
