import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { scenario, startRealtimeEmulator } from '../entries/testing.js';
import type { RealtimeEmulator } from '../entries/testing.js';
import { mintKey, readWav } from '../../test/support/rtcClient.js';
import { WsClient, to24k } from '../../test/support/wsClient.js';

let emulator: RealtimeEmulator;
const clients: WsClient[] = [];

beforeAll(async () => {
  emulator = await startRealtimeEmulator();
});
afterEach(async () => {
  emulator.clearFaults();
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

const errorCode = (code: string) => (e: { type: string; error?: unknown }) =>
  e.type === 'error' && (e.error as { code: string }).code === code;

describe('emulator over WebSocket: connecting', () => {
  it('a server key in the Authorization header: session.created first, with the model from the URL', async () => {
    const client = await open(emulator.url, { bearer: 'sk-test' }, 'model=gpt-realtime-mini');
    const created = await client.waitFor('session.created');
    expect(client.events[0]!.type).toBe('session.created');
    expect((created.session as { model: string }).model).toBe('gpt-realtime-mini');
    const [call] = emulator.calls.list();
    expect(call).toMatchObject({ transport: 'websocket', state: 'open' });
    expect(call!.id).toMatch(/^sess_[0-9a-f]+$/);
  });

  it('a client secret in the browser subprotocols: the minted session, and only `realtime` echoed', async () => {
    const ek = await mintKey(emulator.apiBaseUrl, { instructions: 'Be brief.' });
    const client = await open(emulator.url, { ek });
    expect(client.ws.protocol).toBe('realtime');
    const created = await client.waitFor('session.created');
    expect((created.session as { instructions: string }).instructions).toBe('Be brief.');
  });

  it('refuses missing, unknown and expired keys with 401 and OpenAI-shaped bodies', async () => {
    await expect(WsClient.open(emulator.url, {})).rejects.toMatchObject({ status: 401 });
    await expect(WsClient.open(emulator.url, { ek: 'ek_0000' })).rejects.toMatchObject({
      status: 401,
      body: expect.stringMatching(/unknown/) as unknown,
    });
    const expired = await mintKey(emulator.apiBaseUrl, {}, 0.05);
    await new Promise((r) => setTimeout(r, 80));
    await expect(WsClient.open(emulator.url, { ek: expired })).rejects.toMatchObject({
      body: expect.stringMatching(/expired_api_key/) as unknown,
    });
    await expect(WsClient.open(emulator.url.replace(/$/, '/v1/nope'), {})).rejects.toMatchObject({ status: 404 });
  });

  it('no model: an error event, then the socket closes; an unknown ?intent= is refused clearly', async () => {
    const none = await open(emulator.url, { bearer: 'sk-test' }, '');
    expect((await none.waitFor('error')).error).toMatchObject({ code: 'missing_model', param: 'model' });
    expect(await none.waitForClose()).toBe(1008);
    const transcription = await open(emulator.url, { bearer: 'sk-test' }, 'intent=dictation');
    const refused = await transcription.waitFor('error');
    expect(refused.error).toMatchObject({ code: 'unsupported_intent', param: 'intent' });
    expect((refused.error as { message: string }).message).toMatch(/intent=transcription/);
    expect(await transcription.waitForClose()).toBe(1008);
    expect(emulator.calls.list()).toEqual([]);
  });
});

describe('emulator over WebSocket: turns', () => {
  it('a text turn: the reply streams as audio deltas (PCM16 24 kHz), with no output_audio_buffer events', async () => {
    emulator.setScenario(scenario().reply('Hello from the socket.'));
    const client = await open(emulator.url);
    await client.waitFor('session.created');
    client.send({
      type: 'conversation.item.create',
      item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hi' }] },
    });
    client.send({ type: 'response.create' });
    const done = await client.waitFor('response.done', 8000);
    expect((done.response as { status: string }).status).toBe('completed');
    const types = client.types();
    expect(types.some((t) => t.startsWith('output_audio_buffer.'))).toBe(false);
    const lastDelta = types.lastIndexOf('response.output_audio.delta');
    expect(lastDelta).toBeGreaterThan(0);
    expect(lastDelta).toBeLessThan(types.indexOf('response.output_audio.done'));
    const transcript = client.events
      .filter((e) => e.type === 'response.output_audio_transcript.delta')
      .map((e) => e.delta)
      .join('');
    expect(transcript).toBe('Hello from the socket.');
    const itemId = (done.response as { output: Array<{ id: string }> }).output[0]!.id;
    // The scripted voice: 4 words of about 0.3 to 0.5 s each, delivered whole.
    const seconds = client.audio.get(itemId)! / 24_000;
    expect(seconds).toBeGreaterThan(1);
    expect(seconds).toBeLessThan(3);
  });

  it('delivers audio faster than real time, so a reply arrives before it could have been played', async () => {
    emulator.setScenario(scenario().reply('One two three four five six seven eight nine ten eleven twelve.'));
    const client = await open(emulator.url);
    await client.waitFor('session.created');
    client.send({ type: 'response.create' });
    const first = await client.waitFor('response.output_audio.delta');
    const t0 = performance.now();
    const done = await client.waitFor('response.done', 8000);
    const elapsedMs = performance.now() - t0;
    const audioMs = (client.audio.get(first.item_id as string)! / 24_000) * 1000;
    console.log(`WebSocket reply: ${audioMs.toFixed(0)} ms of audio delivered in ${elapsedMs.toFixed(0)} ms`);
    expect((done.response as { status: string }).status).toBe('completed');
    expect(elapsedMs).toBeLessThan(audioMs / 2);
  });

  it('a PCM audio turn: server VAD on appended speech (the committed WAV at 24 kHz), then a spoken reply', async () => {
    emulator.setScenario(scenario().hears('What is the weather in Paris?').reply('It is sunny today.'));
    const ek = await mintKey(emulator.apiBaseUrl, {
      audio: { input: { transcription: { model: 'gpt-4o-mini-transcribe' } } },
    });
    const client = await open(emulator.url, { ek });
    await client.waitFor('session.created');
    const speech = to24k(readWav(new URL('../../e2e/fixtures/speech.wav', import.meta.url)));
    await client.appendAudio(speech, 100);
    const started = await client.waitFor('input_audio_buffer.speech_started', 8000);
    const stopped = await client.waitFor('input_audio_buffer.speech_stopped', 8000);
    expect(stopped.item_id).toBe(started.item_id);
    expect(stopped.audio_end_ms as number).toBeGreaterThan(started.audio_start_ms as number);
    const transcript = await client.waitFor('conversation.item.input_audio_transcription.completed');
    expect(transcript.transcript).toBe('What is the weather in Paris?');
    const done = await client.waitFor('response.done', 8000);
    expect((done.response as { status: string }).status).toBe('completed');
    const call = emulator.calls.list()[0]!;
    expect(call.input.audibleFrames).toBeGreaterThan(20);
    expect(call.items.map((i) => i.role)).toEqual(['user', 'assistant']);
    expect(emulator.calls.clientEvents(call.id, 'input_audio_buffer.append').length).toBe(
      Math.ceil(speech.length / 2400),
    );
  }, 15_000);

  it('barge-in on appended speech cancels the response (turn_detected) and sends no output_audio_buffer.cleared', async () => {
    emulator.setScenario(
      scenario().reply('This is a long answer that keeps going for quite a while so that it can be interrupted.'),
    );
    const client = await open(emulator.url);
    await client.waitFor('session.created');
    client.send({ type: 'response.create' });
    await client.waitFor('response.output_audio.delta');
    const loud = new Int16Array(24_000 * 0.3);
    for (let i = 0; i < loud.length; i++)
      loud[i] = Math.round(Math.sin((2 * Math.PI * 220 * i) / 24_000) * 0.3 * 32767);
    await client.appendAudio(loud, 20);
    await client.waitFor('input_audio_buffer.speech_started');
    const done = await client.waitFor('response.done');
    expect(done.response).toMatchObject({ status: 'cancelled', status_details: { reason: 'turn_detected' } });
    expect(client.types().some((t) => t.startsWith('output_audio_buffer.'))).toBe(false);
  });

  it('push-to-talk: with turn_detection null, appended audio makes a turn only on commit', async () => {
    emulator.setScenario(scenario().reply('Got it.'));
    const client = await open(emulator.url);
    await client.waitFor('session.created');
    client.send({ type: 'session.update', session: { type: 'realtime', audio: { input: { turn_detection: null } } } });
    await client.waitFor('session.updated');
    const tone = new Int16Array(24_000 * 0.3);
    for (let i = 0; i < tone.length; i++)
      tone[i] = Math.round(Math.sin((2 * Math.PI * 220 * i) / 24_000) * 0.3 * 32767);
    await client.appendAudio(tone, 50);
    client.send({ type: 'input_audio_buffer.commit' });
    await client.waitFor('input_audio_buffer.committed');
    expect(client.types()).not.toContain('input_audio_buffer.speech_started');
    client.send({ type: 'response.create' });
    expect(((await client.waitFor('response.done', 8000)).response as { status: string }).status).toBe('completed');
  });

  it('invalid appended audio, output_audio_buffer.clear and formats other than 24 kHz PCM get errors; the session goes on', async () => {
    const client = await open(emulator.url);
    await client.waitFor('session.created');
    client.send({ type: 'input_audio_buffer.append', audio: 'not base64!', event_id: 'evt_a' });
    expect((await client.waitFor('error')).error).toMatchObject({ param: 'audio', event_id: 'evt_a' });
    client.send({ type: 'output_audio_buffer.clear', event_id: 'evt_b' });
    const clear = await client.waitFor(
      (e) => e.type === 'error' && (e.error as { event_id: string }).event_id === 'evt_b',
    );
    expect((clear.error as { message: string }).message).toMatch(/WebRTC/);
    client.send({
      type: 'session.update',
      event_id: 'evt_c',
      session: { type: 'realtime', audio: { input: { format: { type: 'audio/pcm', rate: 16000 } } } },
    });
    const rate = await client.waitFor(
      (e) => e.type === 'error' && (e.error as { event_id: string }).event_id === 'evt_c',
    );
    expect(rate.error).toMatchObject({ code: 'invalid_value', param: 'session.audio.input.format.rate' });
    client.send({
      type: 'session.update',
      session: { type: 'realtime', audio: { output: { format: { type: 'audio/pcmu' } } } },
    });
    expect((await client.waitFor(errorCode('unsupported_format'))).error).toMatchObject({
      param: 'session.audio.output.format.type',
    });
    client.send({ type: 'session.update', session: { type: 'realtime', instructions: 'Still here.' } });
    await client.waitFor('session.updated');
  });
});

describe('emulator over WebSocket: truncation', () => {
  async function repliedItem(client: WsClient): Promise<{ itemId: string; receivedMs: number }> {
    client.send({ type: 'response.create' });
    const done = await client.waitFor('response.done', 8000);
    const itemId = (done.response as { output: Array<{ id: string }> }).output[0]!.id;
    return { itemId, receivedMs: (client.audio.get(itemId)! / 24_000) * 1000 };
  }

  it('truncated on success, recorded for tests, and the unheard transcript goes', async () => {
    emulator.setScenario(scenario().reply('One two three four five six seven eight.'));
    const client = await open(emulator.url);
    await client.waitFor('session.created');
    const { itemId } = await repliedItem(client);
    client.send({ type: 'conversation.item.truncate', item_id: itemId, content_index: 0, audio_end_ms: 500 });
    expect(await client.waitFor('conversation.item.truncated')).toMatchObject({
      item_id: itemId,
      content_index: 0,
      audio_end_ms: 500,
    });
    const call = emulator.calls.list()[0]!;
    const recorded = emulator.calls.clientEvents(call.id, 'conversation.item.truncate');
    expect(recorded).toEqual([expect.objectContaining({ item_id: itemId, audio_end_ms: 500 })]);
    const overHttp = (await (
      await fetch(`${emulator.url}/__emulator/calls/${call.id}/client-events?type=conversation.item.truncate`)
    ).json()) as { events: unknown[] };
    expect(overHttp.events).toEqual(recorded);
    const part = (emulator.calls.items(call.id)[0]!.content as Array<{ transcript: string }>)[0]!;
    expect(part.transcript).toBe('One two');
  });

  it('audio_end_ms beyond the audio sent: invalid_value on audio_end_ms; not model audio: an error too', async () => {
    emulator.setScenario(scenario().reply('Short one.'));
    const client = await open(emulator.url);
    await client.waitFor('session.created');
    const { itemId, receivedMs } = await repliedItem(client);
    client.send({
      type: 'conversation.item.truncate',
      item_id: itemId,
      content_index: 0,
      audio_end_ms: Math.ceil(receivedMs) + 1,
      event_id: 'evt_long',
    });
    const tooLong = await client.waitFor(errorCode('invalid_value'));
    expect(tooLong.error).toMatchObject({ param: 'audio_end_ms', event_id: 'evt_long' });
    client.send({
      type: 'conversation.item.truncate',
      item_id: itemId,
      content_index: 0,
      audio_end_ms: Math.floor(receivedMs),
    });
    await client.waitFor('conversation.item.truncated');

    client.send({
      type: 'conversation.item.create',
      item: { id: 'item_user', type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hi' }] },
    });
    await client.waitFor('conversation.item.done');
    client.send({
      type: 'conversation.item.truncate',
      item_id: 'item_user',
      content_index: 0,
      audio_end_ms: 0,
      event_id: 'evt_user',
    });
    const notAudio = await client.waitFor(
      (e) => e.type === 'error' && (e.error as { event_id: string }).event_id === 'evt_user',
    );
    expect(notAudio.error).toMatchObject({ code: 'unsupported_content_type' });
    client.send({ type: 'conversation.item.truncate', item_id: 'item_nope', content_index: 0, audio_end_ms: 0 });
    await client.waitFor(errorCode('item_truncate_invalid_item_id'));
  });

  it('mid-stream: cancel then truncate what was played, within what was received', async () => {
    emulator.setScenario(
      scenario().reply('This reply is long enough to be cut off in the middle of its delivery by the client.'),
    );
    const client = await open(emulator.url);
    await client.waitFor('session.created');
    client.send({ type: 'response.create' });
    const first = await client.waitFor('response.output_audio.delta');
    await new Promise((r) => setTimeout(r, 150));
    client.send({ type: 'response.cancel' });
    const done = await client.waitFor('response.done');
    expect((done.response as { status: string }).status).toBe('cancelled');
    const itemId = first.item_id as string;
    const receivedMs = (client.audio.get(itemId)! / 24_000) * 1000;
    client.send({
      type: 'conversation.item.truncate',
      item_id: itemId,
      content_index: 0,
      audio_end_ms: Math.floor(receivedMs / 2),
    });
    await client.waitFor('conversation.item.truncated');
  });
});
