import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { scenario, startRealtimeEmulator } from '../entries/testing.js';
import type { RealtimeEmulator } from '../entries/testing.js';
import { createCaptionsState, reduceCaptions, selectCaptions } from '../entries/core.js';
import { mintKey, readWav } from '../../test/support/rtcClient.js';
import { WsClient, to24k } from '../../test/support/wsClient.js';

let emulator: RealtimeEmulator;
const clients: WsClient[] = [];
const speech = to24k(readWav(new URL('../../e2e/fixtures/speech.wav', import.meta.url)));
const T = 'conversation.item.input_audio_transcription.';

beforeAll(async () => {
  emulator = await startRealtimeEmulator();
});
afterEach(async () => {
  emulator.setScenario(scenario());
  clients.splice(0).forEach((c) => c.close());
  await new Promise((r) => setTimeout(r, 20));
});
afterAll(() => emulator.close());

async function open(...args: Parameters<typeof WsClient.open>): Promise<WsClient> {
  const client = await WsClient.open(...args);
  clients.push(client);
  return client;
}

const transcriptionKey = (input: Record<string, unknown> = {}) =>
  mintKey(emulator.apiBaseUrl, {
    type: 'transcription',
    model: undefined,
    audio: { input: { transcription: { model: 'gpt-4o-transcribe' }, ...input } },
  });

describe('emulator: transcription sessions', () => {
  it('?intent=transcription: a transcription session whose heard text arrives as deltas, then completed, and no response ever', async () => {
    emulator.setScenario(scenario().hears('Take a note: buy milk.'));
    const client = await open(emulator.url, { bearer: 'sk-test' }, 'intent=transcription');
    const created = await client.waitFor('session.created');
    expect(created.session).toMatchObject({ type: 'transcription', object: 'realtime.transcription_session' });
    await client.appendAudio(speech, 100);
    const completed = await client.waitFor(`${T}completed`, 8000);
    expect(completed.transcript).toBe('Take a note: buy milk.');
    const types = client.types();
    const firstDelta = types.indexOf(`${T}delta`);
    expect(firstDelta).toBeGreaterThan(types.indexOf('input_audio_buffer.committed'));
    expect(firstDelta).toBeLessThan(types.indexOf(`${T}completed`));
    await new Promise((r) => setTimeout(r, 200));
    expect(client.types().some((t) => t.startsWith('response.'))).toBe(false);
    // What the client's reducer makes of it: one final caption.
    const captions = selectCaptions(client.events.reduce(reduceCaptions, createCaptionsState()));
    expect(captions.map((c) => [c.status, c.text])).toEqual([['final', 'Take a note: buy milk.']]);
  }, 20_000);

  it('a minted transcription key: its config in session.created, and response.create is an error', async () => {
    const ek = await transcriptionKey({ turn_detection: { type: 'server_vad', silence_duration_ms: 300 } });
    const client = await open(emulator.url, { ek }, 'intent=transcription');
    const created = await client.waitFor('session.created');
    expect(created.session).toMatchObject({
      type: 'transcription',
      audio: { input: { transcription: { model: 'gpt-4o-transcribe' } } },
    });
    client.send({ type: 'response.create', event_id: 'evt_r' });
    const error = await client.waitFor('error');
    expect(error.error).toMatchObject({ code: 'invalid_value', event_id: 'evt_r' });
    expect((error.error as { message: string }).message).toMatch(/transcription session/);
    client.send({
      type: 'session.update',
      session: {
        type: 'transcription',
        audio: { input: { transcription: { model: 'gpt-4o-mini-transcribe', language: 'de' } } },
      },
    });
    const updated = await client.waitFor('session.updated');
    expect(updated.session).toMatchObject({
      type: 'transcription',
      audio: { input: { transcription: { model: 'gpt-4o-mini-transcribe', language: 'de' } } },
    });
    client.send({ type: 'session.update', event_id: 'evt_t', session: { type: 'realtime' } });
    expect(
      (await client.waitFor((e) => e.type === 'error' && (e.error as { event_id: string }).event_id === 'evt_t')).error,
    ).toMatchObject({
      code: 'cannot_update_session_type',
    });
    client.send({ type: 'session.update', event_id: 'evt_i', session: { instructions: 'Answer me.' } });
    expect(
      (await client.waitFor((e) => e.type === 'error' && (e.error as { event_id: string }).event_id === 'evt_i')).error,
    ).toMatchObject({
      code: 'unknown_parameter',
    });
  });

  it('a realtime key cannot open ?intent=transcription', async () => {
    const ek = await mintKey(emulator.apiBaseUrl, {});
    await expect(WsClient.open(emulator.url, { ek }, 'intent=transcription')).rejects.toMatchObject({ status: 400 });
  });

  it('a diarizing model sends segments with speakers, start and end; the transcript has no labels', async () => {
    emulator.setScenario(scenario().hears('A: Shall we start? B: Yes, go ahead.'));
    const ek = await transcriptionKey({ transcription: { model: 'gpt-4o-transcribe-diarize' } });
    const client = await open(emulator.url, { ek }, 'intent=transcription');
    await client.waitFor('session.created');
    await client.appendAudio(speech, 100);
    const completed = await client.waitFor(`${T}completed`, 8000);
    expect(completed.transcript).toBe('Shall we start? Yes, go ahead.');
    const segments = client.events.filter((e) => e.type === `${T}segment`);
    expect(segments.map((s) => [s.speaker, s.text])).toEqual([
      ['A', 'Shall we start?'],
      ['B', 'Yes, go ahead.'],
    ]);
    expect(segments[1]!.start).toBe(segments[0]!.end);
    const [caption] = selectCaptions(client.events.reduce(reduceCaptions, createCaptionsState()));
    expect(caption?.segments.map((s) => s.speaker)).toEqual(['A', 'B']);
  }, 20_000);

  it('failsToHear(): the turn reports .failed and the session goes on', async () => {
    emulator.setScenario(scenario().failsToHear('Too noisy.').hears('Second try.'));
    const client = await open(emulator.url, { bearer: 'sk-test' }, 'intent=transcription');
    await client.waitFor('session.created');
    await client.appendAudio(speech, 100);
    const failed = await client.waitFor(`${T}failed`, 8000);
    expect(failed.error).toMatchObject({ type: 'transcription_error', message: 'Too noisy.' });
    await client.appendAudio(speech, 100);
    expect((await client.waitFor(`${T}completed`, 8000)).transcript).toBe('Second try.');
  }, 20_000);
});
