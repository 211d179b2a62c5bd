import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { freePort } from '../test/support/localServer';
import { startDevServer, type DevServer } from './support/startDevServer';
import { countOffers, emulatorOf, holdVoiceTurn, recordMicrophone } from './support/voiceAgentContract';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
let storybook: DevServer | null = null;

// Storybook is started here rather than as a Playwright webServer so that runs of other specs do not pay for it.
// TALKWIRE_STORYBOOK_PORT picks its port; by default any free one.
test.beforeAll(async () => {
  test.setTimeout(150_000);
  const port = Number(process.env.TALKWIRE_STORYBOOK_PORT) || (await freePort());
  storybook = await startDevServer({
    command: process.execPath,
    args: [
      'node_modules/storybook/dist/bin/dispatcher.js',
      'dev',
      '-p',
      String(port),
      '--host',
      '127.0.0.1',
      '--ci',
      '--no-open',
      '--exact-port',
    ],
    cwd: repoRoot,
    port,
    readyPath: '/iframe.html',
    timeoutMs: 120_000,
  });
  console.log(`Storybook dev server ready in ${Math.round(storybook.startupMs)} ms`);
});

test.afterAll(async () => {
  await storybook?.stop();
});

test('the Storybook Playground story holds a full voice turn through the DOM contract', async ({ page }) => {
  test.setTimeout(120_000);
  const origin = storybook!.origin;
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await recordMicrophone(page);
  const sent = countOffers(page);
  const emulator = emulatorOf(page.request, origin);
  await emulator.reset();

  const opened = performance.now();
  await page.goto(`${origin}/iframe.html?id=playground--live&viewMode=story`);
  await expect(page.locator('[data-talkwire="voice-agent"]')).toHaveCount(1, { timeout: 60_000 });
  console.log(`Playground story rendered ${Math.round(performance.now() - opened)} ms after navigation`);

  const turn = performance.now();
  await holdVoiceTurn(page, () => emulator.calls());
  console.log(`voice turn and hang-up in ${Math.round(performance.now() - turn)} ms`);
  expect(sent.offers()).toBe(1);
  // The playground's event-log panel shows the same session's traffic.
  const log = page.getByTestId('event-log');
  await expect(log.locator('li[data-direction="server"][data-type="session.created"]')).toHaveCount(1);
  await expect(log.locator('li[data-direction="server"][data-type="response.created"]').first()).toBeAttached();
  await expect(log.locator('li[data-direction="client"]').first()).toBeAttached();
  expect(errors).toEqual([]);
});

test('the Playground page and its event log follow the theme: the toolbar choice, else the OS', async ({ page }) => {
  const origin = storybook!.origin;
  const colours = () =>
    page.evaluate(() => [
      getComputedStyle(document.body).backgroundColor,
      getComputedStyle(document.querySelector('[data-testid="event-log"]')!).backgroundColor,
    ]);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(`${origin}/iframe.html?id=playground--live&viewMode=story`);
  await expect(page.getByTestId('event-log')).toBeVisible({ timeout: 60_000 });
  expect(await colours()).toEqual(['rgb(15, 16, 20)', 'rgb(22, 23, 29)']);
  await page.goto(`${origin}/iframe.html?id=playground--live&viewMode=story&globals=theme:light`);
  await expect(page.getByTestId('event-log')).toBeVisible({ timeout: 60_000 });
  expect(await colours()).toEqual(['rgb(244, 245, 248)', 'rgb(255, 255, 255)']);
});
