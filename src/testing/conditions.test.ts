import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WsClient } from '../../test/support/wsClient.js';
import { createDelayLine, NO_CONDITIONS, RETRANSMIT_MS, toConditions, type NetworkConditions } from './conditions.js';
import { startRealtimeEmulator, type RealtimeEmulator } from './startRealtimeEmulator.js';

describe('toConditions', () => {
  it('merges a subset over the base and refuses what it does not know', () => {
    expect(toConditions({ delayMs: 50 }, { ...NO_CONDITIONS, modelDelayMs: 300 })).toEqual({
      ...NO_CONDITIONS,
      modelDelayMs: 300,
      delayMs: 50,
    });
    expect(() => toConditions({ latency: 5 })).toThrow(/Unknown condition 'latency'/);
    expect(() => toConditions({ loss: 2 })).toThrow(/loss must be a number between 0 and 1/);
    expect(() => toConditions({ delayMs: -1 })).toThrow(/between 0 and 10000/);
    expect(() => toConditions(null)).toThrow(/object/);
  });
});

describe('createDelayLine', () => {
  it('ordered sends keep their order through a delay and go out after it', async () => {
    let conditions: NetworkConditions = { ...NO_CONDITIONS, delayMs: 40 };
    const line = createDelayLine(() => conditions);
    const sent: Array<[string, number]> = [];
    const start = Date.now();
    expect(line.idle()).toBe(false);
    line.ordered(() => sent.push(['a', Date.now() - start]));
    conditions = { ...conditions, delayMs: 0 }; // a later send may not overtake an earlier one
    expect(line.idle()).toBe(false);
    line.ordered(() => sent.push(['b', Date.now() - start]));
    await new Promise((r) => setTimeout(r, 80));
    expect(sent.map(([name]) => name)).toEqual(['a', 'b']);
    expect(sent[0]![1]).toBeGreaterThanOrEqual(38);
    expect(line.idle()).toBe(true);
  });

  it('a stream keeps its order; a lost message comes RETRANSMIT_MS late and holds back the next', async () => {
    let draw = 0;
    const line = createDelayLine(
      () => ({ ...NO_CONDITIONS, delayMs: 20, loss: 0.5 }),
      () => [0.9, 0.1, 0.9, 0.9][draw++ % 4]!, // a arrives, b is lost once, c waits behind b
    );
    expect(line.streamIdle()).toBe(false);
    const sent: Array<[string, number]> = [];
    const start = Date.now();
    for (const name of ['a', 'b', 'c']) line.stream(() => sent.push([name, Date.now() - start]));
    await new Promise((r) => setTimeout(r, RETRANSMIT_MS + 80));
    expect(sent.map(([name]) => name)).toEqual(['a', 'b', 'c']);
    expect(sent[0]![1]).toBeGreaterThanOrEqual(18);
    expect(sent[0]![1]).toBeLessThan(RETRANSMIT_MS);
    expect(sent[1]![1]).toBeGreaterThanOrEqual(RETRANSMIT_MS + 18);
    expect(sent[2]![1]).toBeGreaterThanOrEqual(sent[1]![1]);
    expect(createDelayLine(() => NO_CONDITIONS).streamIdle()).toBe(true);
  });

  it('a stream message lost twice waits RETRANSMIT_MS, then twice that', async () => {
    let draw = 0;
    const line = createDelayLine(
      () => ({ ...NO_CONDITIONS, loss: 0.5 }),
      () => [0.1, 0.1, 0.9][draw++]!,
    );
    const start = Date.now();
    let at = 0;
    line.stream(() => (at = Date.now() - start));
    await new Promise((r) => setTimeout(r, 3 * RETRANSMIT_MS + 60));
    expect(at).toBeGreaterThanOrEqual(3 * RETRANSMIT_MS - 2);
  });

  it('packets are dropped at the loss rate', () => {
    let draw = 0;
    const line = createDelayLine(
      () => ({ ...NO_CONDITIONS, loss: 0.25 }),
      () => (draw++ % 4) / 4,
    );
    let sent = 0;
    for (let i = 0; i < 100; i++) line.packet(() => sent++);
    expect(sent).toBe(75);
  });
});

describe('model delay on the emulator', () => {
  let emulator: RealtimeEmulator;
  beforeAll(async () => {
    emulator = await startRealtimeEmulator({ conditions: { modelDelayMs: 300 } });
  });
  afterAll(() => emulator.close());

  it('the first output comes modelDelayMs after response.created; setConditions changes it for the next response', async () => {
    const client = await WsClient.open(emulator.url);
    await client.waitFor('session.created');
    const gap = async () => {
      const before = client.events.length;
      client.send({ type: 'response.create' });
      await client.waitFor((e) => e.type === 'response.created' && client.events.indexOf(e) >= before);
      const created = Date.now();
      await client.waitFor((e) => e.type === 'response.output_item.added' && client.events.indexOf(e) >= before);
      const ms = Date.now() - created;
      await client.waitFor((e) => e.type === 'response.done' && client.events.indexOf(e) >= before, 10_000);
      return ms;
    };
    expect(await gap()).toBeGreaterThanOrEqual(290);
    expect(emulator.setConditions({ modelDelayMs: 0 })).toEqual(NO_CONDITIONS);
    expect(await gap()).toBeLessThan(150);
    client.close();
  });

  it('delayMs delays what the WebSocket endpoint sends, in order', async () => {
    const client = await WsClient.open(emulator.url);
    await client.waitFor('session.created');
    const roundTrip = async (eventId: string) => {
      const sent = Date.now();
      client.send({ type: 'conversation.item.retrieve', event_id: eventId, item_id: 'item_missing' });
      await client.waitFor(
        (e) => e.type === 'error' && (e as { error?: { event_id?: unknown } }).error?.event_id === eventId,
      );
      return Date.now() - sent;
    };
    emulator.setConditions({ modelDelayMs: 0, delayMs: 0 });
    const bare = await roundTrip('probe_1');
    emulator.setConditions({ delayMs: 120 });
    const delayed = await roundTrip('probe_2');
    expect(delayed - bare).toBeGreaterThanOrEqual(110);
    emulator.setConditions({ delayMs: 0 });
    client.close();
  });
});
