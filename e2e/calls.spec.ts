import { expect, test } from '@playwright/test';
import { emulator, openHarness } from './support/harness';

// The no-key call: the page posts its SDP offer to the app's createCallHandler, which creates the call with the
// server's key. Everything the page receives over HTTP, and everything it holds, is checked for key strings.
test.describe('a browser call with no key in the page (createCallHandler + callUrl)', () => {
  test('a voice turn with no ek_ or sk- string ever visible to the page', async ({ page }) => {
    const seen: string[] = [];
    page.on('response', (response) => {
      seen.push(`${response.url()} ${JSON.stringify(response.headers())}`);
      void response.text().then(
        (body) => seen.push(body),
        () => undefined,
      );
    });
    await openHarness(page);
    await page.evaluate(() => window.harness.create({ callUrl: '/api/realtime-call', clientSecretUrl: '/api/must-not-be-used' }));
    const failure = await page.evaluate(() => window.harness.connect());
    expect(failure, JSON.stringify(await page.evaluate(() => window.harness.observed().errors))).toBeNull();
    await expect
      .poll(async () => (await page.evaluate(() => window.harness.transcript())).map((e) => e.role).join(','), { timeout: 30_000 })
      .toMatch(/user,assistant/);
    await expect.poll(() => page.evaluate(() => window.harness.observed().maxOutputRms), { timeout: 20_000 }).toBeGreaterThan(0.01);

    const observed = await page.evaluate(() => window.harness.observed());
    const state = await page.evaluate(() => window.harness.state());
    expect(state.callId).toMatch(/^rtc_[0-9a-f]+$/);
    expect(observed.callIds).toEqual([state.callId]);
    expect(await page.evaluate(() => window.harness.currentSession()?.callId)).toBe(state.callId);
    const calls = await emulator(page).calls();
    expect(calls.map((c) => c.id)).toContain(state.callId);

    // Nothing the page received or holds carries a key, and it never asked for one.
    const pageText = await page.evaluate(() =>
      JSON.stringify({
        observed: window.harness.observed(),
        transcript: window.harness.currentSession()?.store.getState(),
        storage: { ...localStorage, ...sessionStorage },
        cookies: document.cookie,
        html: document.documentElement.outerHTML,
      }),
    );
    await page.evaluate(() => window.harness.disconnect());
    const everything = [...seen, pageText].join('\n');
    expect(everything).not.toMatch(/ek_[A-Za-z0-9]/);
    expect(everything).not.toMatch(/sk-[A-Za-z0-9]/);
    expect(seen.some((line) => line.includes('/api/must-not-be-used'))).toBe(false);
    expect(seen.some((line) => line.includes('/api/realtime-call'))).toBe(true);
    const left = await page.evaluate(() => window.harness.leftovers());
    expect(left).toMatchObject({ liveTracks: 0, openPeers: 0, openContexts: 0 });
  });
});
