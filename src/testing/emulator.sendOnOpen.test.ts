import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startRealtimeEmulator } from '../entries/testing.js';
import type { RealtimeEmulator } from '../entries/testing.js';
import { RtcClient, mintKey } from '../../test/support/rtcClient.js';

let emulator: RealtimeEmulator;
const clients: RtcClient[] = [];

beforeAll(async () => {
  emulator = await startRealtimeEmulator();
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});
afterAll(async () => {
  await emulator.close();
});

describe('a client that sends the moment the channel opens', () => {
  // OpenAI's agents-realtime sends session.update in the channel's open handler. A browser's channel is open as
  // soon as SCTP is up, so that message follows the DCEP OPEN before the server's ACK; queueing it before
  // connecting does the same with the werift client. In Chromium this once delayed session.created by a second:
  // the emulator repeated a DTLS record number, which the browser drops as a replay, and SCTP retransmitted.
  it('gets session.created and session.updated at once and no DTLS record is dropped as a replay', async () => {
    for (let run = 0; run < 3; run++) {
      const client = new RtcClient();
      clients.push(client);
      let secured: number | undefined;
      for (const transport of client.pc.dtlsTransports) {
        transport.onStateChange.subscribe((state) => {
          if (state === 'connected') secured ??= performance.now();
        });
      }
      client.send({ type: 'session.update', session: { type: 'realtime', instructions: 'Answer in French.' } });
      const res = await client.connect(emulator.apiBaseUrl, await mintKey(emulator.apiBaseUrl));
      expect(res.status).toBe(201);

      const created = await client.waitFor('session.created', 5000);
      const createdAt = performance.now();
      const updated = await client.waitFor('session.updated', 5000);
      const updatedAt = performance.now();
      expect(secured).toBeDefined();
      const createdMs = createdAt - secured!;
      const updatedMs = updatedAt - secured!;
      console.log(
        `DTLS connected -> session.created ${createdMs.toFixed(0)} ms, session.updated ${updatedMs.toFixed(0)} ms`,
      );

      expect(client.replayedRecords).toBe(0);
      expect(createdMs).toBeLessThan(300);
      expect(updatedMs).toBeLessThan(300);
      expect(client.types().slice(0, 2)).toEqual(['session.created', 'session.updated']);
      expect((created.session as { instructions?: string }).instructions).not.toBe('Answer in French.');
      expect((updated.session as { instructions: string }).instructions).toBe('Answer in French.');
      await client.close();
    }
  }, 30_000);
});
