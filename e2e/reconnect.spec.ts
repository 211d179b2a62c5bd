import { expect, test, type Page } from '@playwright/test';
import { expectEndedWith, expectNextConnectWorks, errorsOf, openAgent } from './support/agentPage';
import { emulator } from './support/harness';

const transcription = { audio: { input: { transcription: { model: 'gpt-4o-mini-transcribe' } } } };

function transcript(page: Page) {
  return page.evaluate(() => window.harness.transcript());
}

/** Records the fewest transcript entries the store ever held from now on (0 would mean the screen emptied). */
async function watchTranscriptLength(page: Page): Promise<void> {
  await page.evaluate(() => {
    const store = window.harness.currentSession()!.store;
    const w = window as unknown as { minEntries: number };
    // The order table holds one end marker besides the ids.
    w.minEntries = store.getState().order.size - 1;
    store.subscribe((state) => {
      w.minEntries = Math.min(w.minEntries, state.order.size - 1);
    });
  });
}

/**
 * The emulator (werift) closes a channel cleanly only once the SCTP association has settled; dropped in the
 * first second of a call, the browser may not see the channel close and only notices the network loss.
 */
function settle(page: Page): Promise<void> {
  return page.waitForTimeout(1_500);
}

test.describe('reconnect', () => {
  test('a dropped call reconnects, keeps the transcript on screen, and the model gets the earlier turns', async ({
    page,
  }) => {
    await openAgent(page, { reconnect: { attempts: 3, backoff: 200 }, session: transcription });
    await emulator(page).scenario({
      heard: ['My name is Ada.'],
      steps: [{ type: 'reply', text: 'Nice to meet you, Ada.' }],
      fallback: 'Reply {n}: you said {heard}.',
      heardFallback: 'Do you remember my name?',
    });
    expect(await page.evaluate(() => window.harness.connect())).toBeNull();
    await expect
      .poll(async () => (await transcript(page)).filter((e) => e.final).map((e) => e.text), { timeout: 30_000 })
      .toEqual(expect.arrayContaining(['My name is Ada.', 'Nice to meet you, Ada.']));
    const before = (await transcript(page)).filter((e) => e.final && e.text);
    const firstCall = (await page.evaluate(() => window.harness.state())).callId!;
    await watchTranscriptLength(page);

    await emulator(page).inject({ type: 'drop_channel', scope: 'call' }, firstCall);
    await expect.poll(() => page.evaluate(() => window.harness.observed().statuses)).toContain('reconnecting');
    await expect
      .poll(() => page.evaluate(() => window.harness.state()), { timeout: 20_000 })
      .toMatchObject({ status: 'connected', lastError: null });
    const secondCall = (await page.evaluate(() => window.harness.state())).callId!;
    expect(secondCall).not.toBe(firstCall);
    expect(await page.evaluate(() => (window as unknown as { minEntries: number }).minEntries)).toBeGreaterThanOrEqual(
      before.length,
    );

    // The new call was seeded with the conversation as text, in order, under the same item ids.
    const items = (await emulator(page).items(secondCall)) as Array<{
      id: string;
      role?: string;
      content?: Array<{ type: string; text?: string }>;
    }>;
    const seeded = items.filter((i) => i.content?.some((c) => c.type === 'input_text' || c.type === 'output_text'));
    const seededText = seeded.map((i) => `${i.role}:${i.content?.[0]?.text}`);
    expect(seededText).toEqual(expect.arrayContaining(['user:My name is Ada.', 'assistant:Nice to meet you, Ada.']));
    expect(seededText.indexOf('user:My name is Ada.')).toBeLessThan(
      seededText.indexOf('assistant:Nice to meet you, Ada.'),
    );
    for (const entry of before) {
      if (entry.role === 'user' || entry.role === 'assistant') expect(seeded.map((i) => i.id)).toContain(entry.id);
    }

    // The next spoken turn works on the new call, and nothing was duplicated on screen.
    await expect
      .poll(async () => (await transcript(page)).filter((e) => e.final && e.text.startsWith('Reply')).length, {
        timeout: 30_000,
      })
      .toBeGreaterThan(0);
    const after = await transcript(page);
    const ids = after.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(after.slice(0, before.length).map((e) => `${e.id}:${e.text}`)).toEqual(
      before.map((e) => `${e.id}:${e.text}`),
    );
    expect(await emulator(page).items(secondCall)).toEqual(
      expect.arrayContaining([expect.objectContaining({ role: 'assistant' })]),
    );

    const observed = await page.evaluate(() => window.harness.observed());
    expect(observed.warnings).toContain('data_channel_closed');
    expect(observed.errors).toEqual([]);
    expect(observed.unhandledRejections).toEqual([]);
    await page.evaluate(() => window.harness.disconnect());
    expect(await page.evaluate(() => window.harness.leftovers())).toMatchObject({
      liveTracks: 0,
      openPeers: 0,
      openContexts: 0,
    });
    expect(errorsOf(page)).toEqual([]);
  });

  test('bounded: when every try fails, failed with the last error and the mic off', async ({ page }) => {
    await openAgent(page, { reconnect: { attempts: 2, backoff: 100 } });
    expect(await page.evaluate(() => window.harness.connect())).toBeNull();
    const callId = (await page.evaluate(() => window.harness.state())).callId!;
    await settle(page);
    await emulator(page).inject({ type: 'http_error', endpoint: 'client_secrets', status: 503, times: 10 });
    await emulator(page).inject({ type: 'drop_channel', scope: 'call' }, callId);
    await expectEndedWith(page, 'client_secret_failed');
    const observed = await page.evaluate(() => window.harness.observed());
    expect(observed.statuses.filter((s) => s === 'reconnecting').length).toBe(1);
    expect(observed.statuses.at(-1)).toBe('failed');
    // The drop, then the first try failing, are warnings; the second (last) try failing is the error.
    expect(observed.warnings.filter((w) => w !== 'protocol_error')).toEqual([
      'data_channel_closed',
      'client_secret_failed',
    ]);
    expect(observed.errors.map((e) => e.code)).toEqual(['client_secret_failed']);
    await expectNextConnectWorks(page);
  });

  test('disconnect() during the backoff stops reconnecting', async ({ page }) => {
    await openAgent(page, { reconnect: { attempts: 5, backoff: 2_000 } });
    expect(await page.evaluate(() => window.harness.connect())).toBeNull();
    const callId = (await page.evaluate(() => window.harness.state())).callId!;
    await settle(page);
    await emulator(page).inject({ type: 'drop_channel', scope: 'call' }, callId);
    await expect.poll(() => page.evaluate(() => window.harness.state().status)).toBe('reconnecting');
    await page.evaluate(() => window.harness.disconnect());
    await page.waitForTimeout(2_500);
    expect((await page.evaluate(() => window.harness.state())).status).toBe('closed');
    expect(await emulator(page).activeCalls()).toBe(0);
    expect(await page.evaluate(() => window.harness.leftovers())).toMatchObject({
      liveTracks: 0,
      openPeers: 0,
      openContexts: 0,
    });
  });
});

test.describe('session limit', () => {
  test('the server ends the session at its limit: a warning first, then closed with session_expired', async ({
    page,
  }) => {
    await openAgent(page, { sessionLimit: { limitMs: 5_000, warnBeforeMs: 2_500 } });
    await emulator(page).inject({ type: 'session_limit', ms: 5_000 });
    expect(await page.evaluate(() => window.harness.connect())).toBeNull();
    await expect
      .poll(() => page.evaluate(() => window.harness.observed().limitWarnings), { timeout: 10_000 })
      .toEqual([2_500]);
    expect((await page.evaluate(() => window.harness.state())).status).toBe('connected');
    await expectEndedWith(page, 'session_expired', 'closed');
    expect((await page.evaluate(() => window.harness.state())).lastError?.message).toMatch(/maximum duration/);
    await expectNextConnectWorks(page);
  });

  test('the client ends the session at its limit when the server says nothing', async ({ page }) => {
    await openAgent(page, { sessionLimit: { limitMs: 3_000, warnBeforeMs: 1_000 } });
    expect(await page.evaluate(() => window.harness.connect())).toBeNull();
    await expectEndedWith(page, 'session_expired', 'closed');
    expect((await page.evaluate(() => window.harness.observed())).limitWarnings).toEqual([1_000]);
    await expect.poll(() => emulator(page).activeCalls()).toBe(0);
  });
});
