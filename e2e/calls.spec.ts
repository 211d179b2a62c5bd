import { expect, test } from '@playwright/test';
import { hangupCall } from '../src/entries/server';
import { scenario } from '../src/testing/scenario';
import { openAgent } from './support/agentPage';
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
    await page.evaluate(() =>
      window.harness.create({ callUrl: '/api/realtime-call', clientSecretUrl: '/api/must-not-be-used' }),
    );
    const failure = await page.evaluate(() => window.harness.connect());
    expect(failure, JSON.stringify(await page.evaluate(() => window.harness.observed().errors))).toBeNull();
    await expect
      .poll(async () => (await page.evaluate(() => window.harness.transcript())).map((e) => e.role).join(','), {
        timeout: 30_000,
      })
      .toMatch(/user,assistant/);
    await expect
      .poll(() => page.evaluate(() => window.harness.observed().maxOutputRms), { timeout: 20_000 })
      .toBeGreaterThan(0.01);

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

test.describe('server tools through the sideband (createCallHandler attaches attachToCall)', () => {
  test('<VoiceAgent/>: a tool only the server has runs there and the agent speaks its result; hangupCall ends the call', async ({
    page,
  }) => {
    await openAgent(page, { callUrl: '/api/realtime-call' });
    await emulator(page).scenario(
      scenario().callFunction('lookup_order', {}).reply('Your order {output} is on its way.').toJSON(),
    );
    await page.locator('[data-talkwire="talk-button"]').click();
    // The fake microphone's speech ends a turn; the model calls the server's tool; the server answers it.
    await expect
      .poll(async () => (await page.evaluate(() => window.harness.transcript())).map((e) => e.text).join(' | '), {
        timeout: 30_000,
      })
      .toContain('Your order A-7731 is on its way.');
    await expect
      .poll(() => page.evaluate(() => window.harness.observed().maxOutputRms), { timeout: 20_000 })
      .toBeGreaterThan(0.01);

    const state = await page.evaluate(() => window.harness.state());
    const callId = state.callId!;
    const items = await emulator(page).items(callId);
    expect(items.find((i) => i.type === 'function_call_output')).toMatchObject({ output: 'A-7731' });
    // The page ran no tool and sent no output: the server's sideband did.
    const observed = await page.evaluate(() => window.harness.observed());
    expect(observed.clientEvents).not.toContain('conversation.item.create');
    expect(await page.evaluate(() => window.harness.currentSession()?.getToolCalls().length)).toBe(0);
    // The model's function_call item itself goes to every connection of the call, so the page's transcript lists
    // "lookup_order({})"; the handler, and whatever it holds, stayed on the server.

    // The app's server ends the call: the page's call ends and frees the microphone.
    const { apiBaseUrl } = (await (await page.request.get('/api/realtime-config')).json()) as { apiBaseUrl: string };
    await hangupCall(callId, { apiKey: 'sk-local-emulator', apiBaseUrl });
    await expect
      .poll(() => page.evaluate(() => window.harness.state().status), { timeout: 15_000 })
      .not.toBe('connected');
    await expect
      .poll(() => page.evaluate(() => window.harness.leftovers()), { timeout: 15_000 })
      .toMatchObject({ liveTracks: 0, openPeers: 0 });
    expect((await emulator(page).calls()).map((c) => c.id)).not.toContain(callId);
    console.log(
      `after hangupCall: status ${(await page.evaluate(() => window.harness.state())).status}, code ${(await page.evaluate(() => window.harness.state())).lastError?.code}`,
    );
  });
});
