// The emulator's out-of-band responses, over real WebRTC (werift), as a browser would see them.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { scenario, startRealtimeEmulator } from '../entries/testing.js';
import type { RealtimeEmulator } from '../entries/testing.js';
import type { RtcClient } from '../../test/support/rtcClient.js';
import { connectedClient } from '../../test/support/rtcClient.js';

let emulator: RealtimeEmulator;
const clients: RtcClient[] = [];

beforeAll(async () => {
  emulator = await startRealtimeEmulator({ sessionLimitMs: 60_000 });
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});
afterAll(() => emulator.close());

describe('out-of-band responses (conversation: none)', () => {
  it('run in parallel with a spoken reply, echo their metadata, and leave the conversation alone', async () => {
    emulator.setScenario(
      scenario()
        .reply('A fairly long spoken answer that takes a while to say out loud.')
        .answersAside('About: {instructions}'),
    );
    const client = await connectedClient(emulator.apiBaseUrl, clients);
    client.send({ type: 'response.create' });
    await client.waitFor('output_audio_buffer.started', 8000);
    for (const topic of ['one', 'two']) {
      client.send({
        type: 'response.create',
        response: { conversation: 'none', instructions: topic, metadata: { topic }, output_modalities: ['text'] },
      });
    }
    const asides = await Promise.all(
      ['one', 'two'].map((topic) =>
        client.waitFor(
          (e) =>
            e.type === 'response.done' && (e.response as { metadata?: { topic?: string } }).metadata?.topic === topic,
          8000,
        ),
      ),
    );
    for (const [i, done] of asides.entries()) {
      expect(done.response).toMatchObject({
        status: 'completed',
        conversation_id: null,
        output: [{ content: [{ type: 'output_text', text: `About: ${['one', 'two'][i]}` }] }],
      });
    }
    const main = await client.waitFor(
      (e) => e.type === 'response.done' && (e.response as { conversation_id: unknown }).conversation_id !== null,
      15000,
    );
    expect(main.response).toMatchObject({ status: 'completed' });
    const callId = emulator.calls.list()[0]!.id;
    const items = emulator.calls.items(callId);
    expect(items.map((item) => item.role)).toEqual(['assistant']);
  }, 30_000);
});
