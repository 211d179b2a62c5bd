import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { scenario, startRealtimeEmulator } from '../entries/testing.js';
import type { RealtimeEmulator } from '../entries/testing.js';
import { RtcClient, concat, connectedClient, mintKey, readWav, silence, tone } from '../../test/support/rtcClient.js';

let emulator: RealtimeEmulator;
const clients: RtcClient[] = [];

beforeAll(async () => {
  emulator = await startRealtimeEmulator();
});
afterEach(async () => {
  emulator.clearFaults();
  emulator.setScenario(scenario());
  await Promise.all(clients.splice(0).map((c) => c.close()));
});
afterAll(async () => {
  await emulator.close();
});

const connected = (session?: Record<string, unknown>) => connectedClient(emulator.apiBaseUrl, clients, session);

describe('emulator over real WebRTC', () => {
  it('sends session.created quickly, merges session.update and reports invalid events', async () => {
    const client = new RtcClient();
    clients.push(client);
    const key = await mintKey(emulator.apiBaseUrl, { instructions: 'Be brief.' });
    const opened = emulator.calls.waitForOpen();
    const t0 = performance.now();
    const res = await client.connect(emulator.apiBaseUrl, key);
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe('application/sdp');
    expect(res.headers.get('location')).toMatch(/^\/v1\/realtime\/calls\/rtc_[0-9a-f]+$/);
    const created = await client.waitFor('session.created');
    const connectMs = performance.now() - t0;
    console.log(`POST /calls -> session.created: ${connectMs.toFixed(0)} ms`);
    expect((created.session as { instructions: string }).instructions).toBe('Be brief.');
    expect((await opened).id).toBe(client.callId);

    const t1 = performance.now();
    client.send({ type: 'session.update', session: { type: 'realtime', audio: { output: { voice: 'marin' } } } });
    const updated = await client.waitFor('session.updated');
    const replyMs = performance.now() - t1;
    console.log(`session.update -> session.updated: ${replyMs.toFixed(1)} ms`);
    expect(replyMs).toBeLessThan(100);
    const session = updated.session as {
      instructions: string;
      audio: { output: { voice: string }; input: { turn_detection: { type: string } } };
    };
    expect(session.audio.output.voice).toBe('marin');
    expect(session.instructions).toBe('Be brief.');
    expect(session.audio.input.turn_detection.type).toBe('server_vad');

    client.send({ type: 'response.dance', event_id: 'evt_client_1' });
    const error = await client.waitFor('error');
    expect(error.error).toMatchObject({
      type: 'invalid_request_error',
      code: 'invalid_value',
      param: 'type',
      event_id: 'evt_client_1',
    });
    client.sendRaw('{nope');
    await client.waitFor((e) => e.type === 'error' && (e.error as { code: string }).code === 'invalid_json');
    client.send({ type: 'response.cancel', event_id: 'evt_c2' });
    const notActive = await client.waitFor(
      (e) => e.type === 'error' && (e.error as { code: string }).code === 'response_cancel_not_active',
    );
    expect((notActive.error as { event_id: string }).event_id).toBe('evt_c2');
    client.send({ type: 'input_audio_buffer.commit', event_id: 'evt_c3' });
    await client.waitFor(
      (e) => e.type === 'error' && (e.error as { code: string }).code === 'input_audio_buffer_commit_empty',
    );
    expect(emulator.calls.get(client.callId)?.state).toBe('open');
  });

  it('hears speech, transcribes from the script and answers with audible audio', async () => {
    emulator.setScenario(scenario().hears('What is the weather in Paris?').reply('It is sunny today.'));
    const client = await connected({ audio: { input: { transcription: { model: 'gpt-4o-mini-transcribe' } } } });
    const wav = readWav(new URL('../../e2e/fixtures/speech.wav', import.meta.url));
    // 0.4 s of the leading silence, the spoken sentence, then enough silence to end the turn; sent 3x real time.
    const speech = concat(wav.subarray(48_000 - 19_200, wav.length - 96_000 + 24_000));
    void client.sendAudio(speech, 20 / 3);
    const started = await client.waitFor('input_audio_buffer.speech_started', 8000);
    expect(started.audio_start_ms).toBeGreaterThanOrEqual(0);
    const stopped = await client.waitFor('input_audio_buffer.speech_stopped', 8000);
    expect(stopped.item_id).toBe(started.item_id);
    await client.waitFor('input_audio_buffer.committed');
    const userItem = await client.waitFor(
      (e) => e.type === 'conversation.item.done' && (e.item as { role: string }).role === 'user',
    );
    expect((userItem.item as { id: string }).id).toBe(started.item_id);
    const transcript = await client.waitFor('conversation.item.input_audio_transcription.completed');
    expect(transcript.transcript).toBe('What is the weather in Paris?');
    const done = await client.waitFor('response.done', 8000);
    expect((done.response as { status: string }).status).toBe('completed');
    await client.waitFor('output_audio_buffer.stopped', 8000);

    const types = client.types();
    const order = [
      'input_audio_buffer.committed',
      'conversation.item.added',
      'response.created',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_audio_transcript.delta',
      'output_audio_buffer.started',
      'response.output_audio_transcript.done',
      'response.done',
      'output_audio_buffer.stopped',
    ];
    const positions = order.map((t) => types.indexOf(t));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const deltas = client.events
      .filter((e) => e.type === 'response.output_audio_transcript.delta')
      .map((e) => e.delta)
      .join('');
    expect(deltas).toBe('It is sunny today.');
    const loud = client.received.filter((f) => f.rms > 0.05).length;
    expect(loud).toBeGreaterThan(20);
    const items = emulator.calls.items(client.callId);
    expect(items.map((i) => i.role)).toEqual(['user', 'assistant']);
  }, 15_000);

  it('barge-in cancels the response, clears the output buffer and stops the audio', async () => {
    emulator.setScenario(
      scenario().reply(
        'This is a long answer that keeps going for quite a while so that it can be interrupted by the caller.',
      ),
    );
    const client = await connected();
    client.send({ type: 'response.create' });
    await client.waitFor('output_audio_buffer.started');
    await new Promise((r) => setTimeout(r, 300));
    await client.sendAudio(concat(tone(200), silence(20)));
    await client.waitFor('input_audio_buffer.speech_started');
    const done = await client.waitFor('response.done');
    expect(done.response).toMatchObject({
      status: 'cancelled',
      status_details: { type: 'cancelled', reason: 'turn_detected' },
    });
    const cleared = await client.waitFor('output_audio_buffer.cleared');
    expect(cleared.response_id).toBe((done.response as { id: string }).id);
    const clearedAt = performance.now();
    await new Promise((r) => setTimeout(r, 200));
    expect(client.received.filter((f) => f.at > clearedAt + 60).length).toBe(0);
    expect(client.types()).not.toContain('output_audio_buffer.stopped');
  });

  it('response.cancel, a second response.create and output_audio_buffer.clear', async () => {
    emulator.setScenario(scenario().reply('One two three four five six seven eight nine ten.'));
    const client = await connected();
    client.send({ type: 'response.create' });
    await client.waitFor('response.created');
    client.send({ type: 'response.create', event_id: 'evt_dup' });
    const dup = await client.waitFor('error');
    expect(dup.error).toMatchObject({ code: 'conversation_already_has_active_response', event_id: 'evt_dup' });
    client.send({ type: 'response.cancel' });
    const done = await client.waitFor('response.done');
    expect(done.response).toMatchObject({ status: 'cancelled', status_details: { reason: 'client_cancelled' } });
    client.send({ type: 'output_audio_buffer.clear' });
    await client.waitFor('output_audio_buffer.cleared');
  });

  it('text items wait for response.create; function calls and text-only sessions', async () => {
    emulator.setScenario(scenario().callFunction('get_weather', { city: 'Paris' }).reply('Sunny in Paris.'));
    const client = await connected({ output_modalities: ['text'] });
    client.send({
      type: 'conversation.item.create',
      item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Weather?' }] },
    });
    await client.waitFor('conversation.item.done');
    await new Promise((r) => setTimeout(r, 50));
    expect(client.types()).not.toContain('response.created');
    client.send({ type: 'response.create' });
    const args = await client.waitFor('response.function_call_arguments.done');
    expect(args).toMatchObject({ name: 'get_weather', arguments: '{"city":"Paris"}' });
    await client.waitFor('response.done');
    client.send({
      type: 'conversation.item.create',
      item: { type: 'function_call_output', call_id: args.call_id, output: '{"sky":"clear"}' },
    });
    client.send({ type: 'response.create' });
    const text = await client.waitFor('response.output_text.done');
    expect(text.text).toBe('Sunny in Paris.');
    expect(emulator.calls.items(client.callId).map((i) => i.type)).toEqual([
      'message',
      'function_call',
      'function_call_output',
      'message',
    ]);
  });

  it('drops the data channel mid-response when told to', async () => {
    emulator.inject({ type: 'drop_channel', when: 'mid_response' });
    const client = await connected();
    client.send({ type: 'response.create' });
    await client.waitFor('output_audio_buffer.started');
    await new Promise<void>((resolve) => {
      if (client.channel.readyState === 'closed') resolve();
      client.channel.stateChanged.subscribe((s) => s === 'closed' && resolve());
    });
    expect(client.types()).not.toContain('response.done');
  });
});
