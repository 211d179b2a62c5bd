import { expect, test } from '@playwright/test';
import { errorsOf, openAgent } from './support/agentPage';
import { emulator, emulatorControlHeaders } from './support/harness';
import { mutatedMessages } from './support/mutateEvents';

const SEED = Number(process.env.TALKWIRE_FUZZ_SEED ?? 20_260_801);
const COUNT = Number(process.env.TALKWIRE_FUZZ_COUNT ?? 5_000);
const BATCH = 250;

test('thousands of mutated real events over the data channel: the page never throws, the transcript stays consistent', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openAgent(page);
  expect(await page.evaluate(() => window.harness.connect())).toBeNull();
  const callId = (await page.evaluate(() => window.harness.state())).callId!;
  const config = (await (await page.request.get('/api/realtime-config')).json()) as { emulatorUrl: string };
  const messages = mutatedMessages(COUNT, SEED);
  const received = () =>
    page.evaluate(() => window.harness.observed().serverEvents.length + window.harness.observed().warnings.length);
  const base = await received();
  const started = Date.now();
  let sent = 0;
  for (let i = 0; i < messages.length; i += BATCH) {
    const res = await page.request.post(`${config.emulatorUrl}/__emulator/calls/${callId}/send`, {
      data: messages.slice(i, i + BATCH),
      headers: emulatorControlHeaders(),
    });
    expect(res.ok(), await res.text()).toBe(true);
    sent += ((await res.json()) as { sent: number }).sent;
    // One batch at a time: werift's SCTP slows down sharply with a deep send queue. Every message ends up in the
    // store's log or as a warning, plus whatever the live call sends meanwhile.
    await expect
      .poll(
        async () =>
          (await received()) >= base + sent ? 'all received' : `page errors: ${errorsOf(page).join(' | ') || 'none'}`,
        {
          timeout: 30_000,
        },
      )
      .toBe('all received');
  }
  expect(sent).toBe(COUNT);
  console.log(`fuzz: ${COUNT} messages sent and received in ${Date.now() - started} ms`);
  const report = await page.evaluate(async () => {
    const state = window.harness.currentSession()!.store.getState();
    const transcript = await window.harness.transcript();
    const order = state.order;
    const bad = transcript.filter(
      (e) =>
        typeof e.id !== 'string' ||
        !['user', 'assistant', 'system'].includes(e.role) ||
        typeof e.text !== 'string' ||
        typeof e.final !== 'boolean',
    );
    return {
      entries: transcript.length,
      // The order table holds one end marker besides the ids.
      orderLength: order.size - 1,
      uniqueOrder: new Set(transcript.map((e) => e.id)).size,
      bad: bad.length,
      status: state.status,
      polluted: ({} as Record<string, unknown>).polluted ?? ({} as Record<string, unknown>).injected ?? null,
    };
  });
  console.log(`fuzz seed ${SEED}: ${COUNT} messages, ${report.entries} transcript entries after`);
  expect(report.bad).toBe(0);
  expect(report.uniqueOrder).toBe(report.orderLength);
  expect(report.entries).toBe(report.orderLength);
  expect(report.polluted).toBeNull();
  expect(report.status).toBe('connected');
  await expect(page.locator('[data-talkwire="voice-agent"]')).toBeVisible();

  // The call itself still works: a typed turn gets a real answer from the emulator.
  const before = await page.evaluate(
    () => window.harness.observed().serverEvents.filter((t) => t === 'response.done').length,
  );
  await page.evaluate(() => {
    window.harness.send({
      type: 'conversation.item.create',
      item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Still there?' }] },
    });
    window.harness.send({ type: 'response.create' });
  });
  await expect
    .poll(
      () => page.evaluate(() => window.harness.observed().serverEvents.filter((t) => t === 'response.done').length),
      { timeout: 20_000 },
    )
    .toBeGreaterThan(before);

  expect((await page.evaluate(() => window.harness.observed())).unhandledRejections).toEqual([]);
  expect(errorsOf(page)).toEqual([]);
  await page.evaluate(() => window.harness.disconnect());
  expect(await page.evaluate(() => window.harness.leftovers())).toMatchObject({
    liveTracks: 0,
    openPeers: 0,
    openContexts: 0,
  });
  await expect.poll(() => emulator(page).activeCalls()).toBe(0);
});
