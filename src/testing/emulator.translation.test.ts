import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { scenario, startRealtimeEmulator } from '../entries/testing.js';
import type { RealtimeEmulator } from '../entries/testing.js';
import { createTranslationState, reduceTranslation } from '../entries/core.js';
import { RtcClient, concat, readWav, silence } from '../../test/support/rtcClient.js';
import { WsClient, to24k } from '../../test/support/wsClient.js';

let emulator: RealtimeEmulator;
const open: RtcClient[] = [];
const speech = readWav(new URL('../../e2e/fixtures/speech.wav', import.meta.url));

beforeAll(async () => {
  emulator = await startRealtimeEmulator();
});
afterEach(async () => {
  emulator.setScenario(scenario());
  await Promise.all(open.splice(0).map((c) => c.close()));
});
afterAll(() => emulator.close());

async function mintTranslationKey(
  session: Record<string, unknown>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${emulator.apiBaseUrl}/realtime/translations/client_secrets`, {
    method: 'POST',
    headers: { Authorization: 'Bearer sk-test', 'Content-Type': 'application/json' },
    body: JSON.stringify({ session }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function translationCall(session: Record<string, unknown>): Promise<RtcClient> {
  const { body } = await mintTranslationKey(session);
  const client = new RtcClient();
  open.push(client);
  const res = await client.connect(emulator.apiBaseUrl, body.value as string, '/realtime/translations/calls');
  if (res.status !== 201) throw new Error(`translation call refused: ${res.status} ${await res.text()}`);
  await client.waitFor('session.created');
  return client;
}

describe('emulator: translation sessions over WebRTC', () => {
  it('mints a translation session, refuses other session fields and the wrong endpoint', async () => {
    const minted = await mintTranslationKey({ audio: { output: { language: 'fr' } } });
    expect(minted.status).toBe(200);
    expect(minted.body.session).toMatchObject({
      type: 'translation',
      model: 'gpt-realtime-translate',
      audio: { output: { language: 'fr' } },
    });
    expect((await mintTranslationKey({ instructions: 'Be brief.' })).status).toBe(400);
    const realtimeCall = new RtcClient();
    open.push(realtimeCall);
    expect((await realtimeCall.connect(emulator.apiBaseUrl, minted.body.value as string)).status).toBe(400);
  });

  it('each turn: source and target transcript deltas, translated speech on the track, the language switched at runtime, session.close flushes', async () => {
    emulator.setScenario(
      scenario()
        .translates('Good morning.', { es: 'Buenos días.', fr: 'Bonjour.' })
        .translates('Thank you.', { es: 'Gracias.', fr: 'Merci.' }),
    );
    const client = await translationCall({
      audio: { input: { transcription: { model: 'gpt-4o-mini-transcribe' } }, output: { language: 'es' } },
    });
    await client.sendAudio(concat(speech, silence(600)), 5);
    await client.waitFor((e) => e.type === 'session.output_transcript.delta' && e.delta === ' días.', 10_000);
    const loud = () => client.received.filter((r) => r.rms > 0.02).length;
    await expect.poll(loud, { timeout: 5000 }).toBeGreaterThan(10);

    client.send({ type: 'session.update', session: { audio: { output: { language: 'fr' } } } });
    expect((await client.waitFor('session.updated')).session).toMatchObject({ audio: { output: { language: 'fr' } } });
    await client.sendAudio(concat(speech, silence(600)), 5);
    await client.waitFor((e) => e.type === 'session.output_transcript.delta' && e.delta === ' Merci.', 10_000);
    const state = client.events.reduce(reduceTranslation, createTranslationState());
    expect(state).toMatchObject({
      source: 'Good morning. Thank you.',
      target: 'Buenos días. Merci.',
      outputLanguage: 'fr',
    });
    expect(
      client
        .types()
        .some((t) => t.startsWith('input_audio_buffer.') || t.startsWith('response.') || t.startsWith('conversation.')),
    ).toBe(false);

    client.send({ type: 'response.create', event_id: 'evt_r' });
    expect((await client.waitFor('error')).error).toMatchObject({ code: 'invalid_value', event_id: 'evt_r' });
    client.send({ type: 'session.close' });
    await client.waitFor('session.closed', 15_000);
    await expect.poll(() => emulator.calls.list().length, { timeout: 5000 }).toBe(0);
  }, 30_000);

  it('over WebSocket: /v1/realtime/translations, session.input_audio_buffer.append in, session.output_audio.delta out', async () => {
    emulator.setScenario(scenario().translates('Good morning.', { de: 'Guten Morgen.' }));
    const { body } = await mintTranslationKey({
      audio: { input: { transcription: { model: 'gpt-4o-mini-transcribe' } }, output: { language: 'de' } },
    });
    await expect(WsClient.open(emulator.url, { ek: body.value as string })).rejects.toMatchObject({ status: 400 });
    const client = await WsClient.open(
      emulator.url,
      { ek: body.value as string },
      'model=gpt-realtime-translate',
      '/v1/realtime/translations',
    );
    try {
      expect((await client.waitFor('session.created')).session).toMatchObject({ type: 'translation' });
      await client.appendAudio(to24k(concat(speech, silence(600))), 100, 0, 'session.input_audio_buffer.append');
      await client.waitFor((e) => e.type === 'session.output_transcript.delta' && e.delta === ' Morgen.', 10_000);
      const audio = await client.waitFor('session.output_audio.delta', 10_000);
      expect(audio).toMatchObject({ sample_rate: 24000, channels: 1, format: 'pcm16' });
      expect(Buffer.from(audio.delta as string, 'base64').length).toBeGreaterThan(0);
      expect(client.types().some((t) => t.startsWith('response.'))).toBe(false);
      client.send({ type: 'session.close' });
      await client.waitFor('session.closed', 15_000);
    } finally {
      client.close();
    }
  }, 30_000);
});
