import { expect, test, type Page } from '@playwright/test';
import { scenario } from '../src/testing/scenario';
import { expectEndedWith, openAgent } from './support/agentPage';
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

// Every part of the server's tool (e2e/vite.config.ts): its name, description, parameter, the model's argument
// and the output field the reply does not speak.
const SERVER_ONLY = [
  'lookup_order',
  'warehouse ledger',
  'order_reference',
  'ZX-5521',
  'ledger_note',
  'pallet 7Q',
] as const;

/** Records what arrives on the page's raw `oai-events` channel, before talkwire sees it. */
async function tapDataChannel(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const raw: string[] = [];
    (window as unknown as { rawChannel: string[] }).rawChannel = raw;
    const proto = RTCPeerConnection.prototype;
    const create = Object.getOwnPropertyDescriptor(proto, 'createDataChannel')!.value as (
      this: RTCPeerConnection,
      ...args: Parameters<RTCPeerConnection['createDataChannel']>
    ) => RTCDataChannel;
    proto.createDataChannel = function (this: RTCPeerConnection, ...args) {
      const channel = create.apply(this, args);
      channel.addEventListener('message', (event: MessageEvent) => raw.push(String(event.data)));
      return channel;
    };
  });
}

/** Everything the page holds from the call: the events it was given, the store, the event log, the DOM. */
function pageText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const session = window.harness.currentSession();
    return JSON.stringify({
      events: (window as unknown as { pageEvents: string[] }).pageEvents,
      state: session?.store.getState(),
      log: session?.store.eventLog.toArray(),
      toolCalls: session?.getToolCalls(),
      observed: window.harness.observed(),
      html: document.documentElement.outerHTML,
    });
  });
}

async function sidebandEnds(page: Page): Promise<Array<{ code: string; message: string; at: number }>> {
  const body = (await (await page.request.get('/api/sidebands')).json()) as {
    ended: Array<{ code: string; message: string; at: number }>;
  };
  return body.ended;
}

async function startAgentCall(page: Page): Promise<string> {
  await tapDataChannel(page);
  await openAgent(page, { callUrl: '/api/realtime-call' });
  await page.evaluate(() => {
    const events: string[] = [];
    (window as unknown as { pageEvents: string[] }).pageEvents = events;
    window.harness.currentSession()!.on('server_event', (event) => void events.push(JSON.stringify(event)));
  });
  await emulator(page).scenario(
    scenario()
      .callFunction('lookup_order', { order_reference: 'ZX-5521' })
      .reply('Your order is {output.status}.')
      .toJSON(),
  );
  await page.locator('[data-talkwire="talk-button"]').click();
  await expect.poll(() => page.evaluate(() => window.harness.state().status), { timeout: 15_000 }).toBe('connected');
  return (await page.evaluate(() => window.harness.state())).callId!;
}

test.describe('server tools through the sideband (createCallHandler attaches attachToCall)', () => {
  test('<VoiceAgent/>: a tool only the server has runs there and the agent speaks its result; no part of the tool reaches the page', async ({
    page,
  }) => {
    const callId = await startAgentCall(page);
    // The fake microphone's speech ends a turn; the model calls the server's tool; the server answers it.
    await expect
      .poll(async () => (await page.evaluate(() => window.harness.transcript())).map((e) => e.text).join(' | '), {
        timeout: 30_000,
      })
      .toContain('Your order is shipped.');
    await expect(page.locator('[data-talkwire="voice-agent"]')).toContainText('Your order is shipped.');
    await expect
      .poll(() => page.evaluate(() => window.harness.observed().maxOutputRms), { timeout: 20_000 })
      .toBeGreaterThan(0.01);

    // The server ran it: its output is in the call's conversation.
    const items = await emulator(page).items(callId);
    expect(items.find((i) => i.type === 'function_call_output')).toMatchObject({
      output: JSON.stringify({ status: 'shipped', ledger_note: 'pallet 7Q' }),
    });
    // The page ran no tool and sent no output.
    const observed = await page.evaluate(() => window.harness.observed());
    expect(observed.clientEvents).not.toContain('conversation.item.create');
    expect(await page.evaluate(() => window.harness.currentSession()?.getToolCalls().length)).toBe(0);

    // OpenAI sends every connection of a call the same events, and so does the emulator: the tool's definition,
    // the call and its output do cross the browser's data channel ...
    const wire = (await page.evaluate(() => (window as unknown as { rawChannel: string[] }).rawChannel)).join('\n');
    for (const text of SERVER_ONLY) expect(wire, `the emulator mirrors "${text}"`).toContain(text);
    // ... and talkwire keeps all of it out of what the page is given: events, store, event log, tool calls, DOM.
    const held = await pageText(page);
    for (const text of SERVER_ONLY) expect(held, `"${text}" reached the page`).not.toContain(text);
    expect(held).toContain('Your order is shipped.');
    await page.evaluate(() => window.harness.disconnect());
  });

  test('hangupCall on the server ends the page’s call with call_ended, frees the mic and ends the sideband', async ({
    page,
  }) => {
    const callId = await startAgentCall(page);
    const before = (await sidebandEnds(page)).length;
    await expect
      .poll(async () => (await page.evaluate(() => window.harness.transcript())).length, { timeout: 30_000 })
      .toBeGreaterThan(0);

    // The app's server ends the call (POST /api/end-call runs hangupCall in the server process).
    const t0 = Date.now();
    expect((await page.request.post(`/api/end-call?call_id=${callId}`)).status()).toBe(200);
    await expectEndedWith(page, 'call_ended', 'closed');
    console.log(`hangupCall -> page ended with call_ended: ${Date.now() - t0} ms`);
    expect((await page.evaluate(() => window.harness.state())).lastError?.message).toContain('hangupCall');
    expect((await emulator(page).calls()).map((c) => c.id)).not.toContain(callId);
    const ends = (await sidebandEnds(page)).slice(before);
    expect(ends.map((e) => e.code)).toEqual(['call_ended']);
    // Not reconnected: the call stays ended.
    await page.waitForTimeout(1_500);
    expect((await page.evaluate(() => window.harness.state())).status).toBe('closed');
  });

  test('a browser hang-up ends the server’s sideband within a bounded time; a dropped channel still reconnects', async ({
    page,
  }) => {
    await startAgentCall(page);
    const before = (await sidebandEnds(page)).length;
    const t0 = Date.now();
    await page.evaluate(() => window.harness.disconnect());
    await expect.poll(async () => (await sidebandEnds(page)).length, { timeout: 10_000 }).toBeGreaterThan(before);
    const [end] = (await sidebandEnds(page)).slice(before);
    expect(end?.code).toBe('call_ended');
    console.log(`browser hang-up -> sideband ended: ${end!.at - t0} ms`);
    expect(end!.at - t0).toBeLessThan(10_000);

    // A genuine drop is not a hang-up: the page asks its server, hears "no", and reconnects.
    await page.evaluate(() => window.harness.create({ callUrl: '/api/realtime-call', reconnect: { attempts: 2 } }));
    expect(await page.evaluate(() => window.harness.connect())).toBeNull();
    const first = (await page.evaluate(() => window.harness.state())).callId;
    // On the wire the same as a hang-up (the emulator closes the call), but no one hung up.
    await emulator(page).inject({ type: 'drop_channel', scope: 'call' }, first!);
    await expect.poll(() => page.evaluate(() => window.harness.state().callId), { timeout: 20_000 }).not.toBe(first);
    await expect.poll(() => page.evaluate(() => window.harness.state().status), { timeout: 20_000 }).toBe('connected');
    expect((await page.evaluate(() => window.harness.observed())).warnings).toContain('data_channel_closed');
    await page.evaluate(() => window.harness.disconnect());
  });
});
