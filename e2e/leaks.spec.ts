import { expect, test } from '@playwright/test';
import { openHarness } from './support/harness';

// 50 connect/disconnect cycles on one session: nothing left open, the page's heap bounded. (The long soak is
// `npm run soak`, outside `npm test`.)
test('50 connect/disconnect cycles leave no track, peer connection or audio context, and the heap bounded', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openHarness(page);
  await page.evaluate(() => window.harness.create());
  const cdp = await page.context().newCDPSession(page);
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    return ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
  };
  // A few cycles first, so lazily loaded code and caches are in the baseline.
  for (let i = 0; i < 3; i++) {
    expect(await page.evaluate(() => window.harness.connect())).toBeNull();
    await page.evaluate(() => window.harness.disconnect());
  }
  const before = await heap();
  const started = Date.now();
  for (let i = 0; i < 50; i++) {
    expect(await page.evaluate(() => window.harness.connect())).toBeNull();
    await page.evaluate(() => window.harness.disconnect());
  }
  const after = await heap();
  const left = await page.evaluate(() => window.harness.leftovers());
  console.log(
    `50 cycles in ${((Date.now() - started) / 1000).toFixed(1)} s; heap ${(before / 1048576).toFixed(2)} -> ${(after / 1048576).toFixed(2)} MB; ${JSON.stringify(left)}`,
  );
  expect(left).toMatchObject({ liveTracks: 0, openPeers: 0, openContexts: 0, playingElements: 0 });
  expect(left.peers).toBe(53);
  // The harness keeps a reference to every stream, peer and context it saw (53 of each); past that, growth
  // would be a leak. 1 MB is far above what 53 closed objects cost and far below a leaking session.
  expect(after - before).toBeLessThan(1024 * 1024);
  expect((await page.evaluate(() => window.harness.observed())).unhandledRejections).toEqual([]);
});
