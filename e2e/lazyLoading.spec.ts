import { expect, test, type Page } from '@playwright/test';
import { openHarness } from './support/harness';

// Code for optional features sits behind import(): the bundle-size budget counts only what loads up front, so
// a default voice call must not fetch any of it, and using a feature must fetch it and work. The page runs from
// source, unbundled, so only the modules that nothing imports statically are watched here (`talkwire/core` also
// exports the tool runner and the response queue for direct use; in a bundle they go with createSessionFeatures).
const lazyModules = [
  'createSessionFeatures',
  'switchInputDevice',
  'applyOutputDevice',
  'replayTranscript',
  'micError',
  'sdpRejectedError',
  'webRtcFailures',
  'connectFailures',
  'watchChosenTransport',
];

async function loadedLazyModules(page: Page): Promise<string[]> {
  const urls = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name));
  return lazyModules.filter((name) => urls.some((url) => new URL(url).pathname.includes(`/${name}.`)));
}

test('a default voice call loads none of the optional feature code; a typed message loads the session features and is answered', async ({
  page,
}) => {
  await openHarness(page);
  await page.evaluate(() => window.harness.create());
  const failure = await page.evaluate(() => window.harness.connect());
  expect(failure).toBeNull();
  await expect
    .poll(async () => (await page.evaluate(() => window.harness.transcript())).map((e) => e.role).join(','), {
      timeout: 30_000,
    })
    .toMatch(/user,assistant/);
  await expect
    .poll(() => page.evaluate(() => window.harness.state().agentState), { timeout: 20_000 })
    .toBe('listening');
  expect(await loadedLazyModules(page)).toEqual([]);

  const before = (await page.evaluate(() => window.harness.transcript())).filter((e) => e.role === 'assistant').length;
  await page.evaluate(() => window.harness.sendText('What is the weather like?'));
  await expect
    .poll(
      async () => (await page.evaluate(() => window.harness.transcript())).filter((e) => e.role === 'assistant').length,
      {
        timeout: 30_000,
      },
    )
    .toBeGreaterThan(before);
  expect(await loadedLazyModules(page)).toEqual(['createSessionFeatures']);
  await page.evaluate(() => window.harness.disconnect());
});
