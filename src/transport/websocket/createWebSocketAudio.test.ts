import { describe, expect, it } from 'vitest';
import { pcm16ToBase64 } from '../../audio/base64.js';
import { PlayerRing } from '../../audio/worklets/pcmPlayerRing.js';
import type { ClientEvent } from '../../core/protocol/events.js';
import { createWebSocketAudio, type AudioSink, type OutputAudioEvent } from './createWebSocketAudio.js';

/**
 * The browser player without its thread hop: the same PlayerRing the worklet runs, rendered here quantum by
 * quantum, so "played" is exactly what the ring put out.
 */
function ringPlayer(outputRate = 48000) {
  const ring = new PlayerRing({ outputRate, prefillSamples: 1 });
  const tokens = new Map<string, number>();
  const ids = new Map<number, string>();
  const listeners = new Set<(p: { itemId: string | null; playedSamples: number }) => void>();
  const out = new Float32Array(128);
  const token = (itemId: string) => {
    if (!tokens.has(itemId)) {
      tokens.set(itemId, tokens.size);
      ids.set(tokens.size - 1, itemId);
    }
    return tokens.get(itemId)!;
  };
  const sink: AudioSink & { renderMs(ms: number): void; ring: PlayerRing } = {
    ring,
    push: (itemId, pcm) => void ring.write(token(itemId), pcm),
    end: (itemId) => ring.end(token(itemId)),
    clear: async () => {
      ring.clear();
      return { itemId: ids.get(ring.clearedToken) ?? null, playedSamples: ring.clearedPlayed };
    },
    onProgress(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    renderMs(ms) {
      for (let f = 0; f < (ms * outputRate) / 1000; f += 128) ring.render(out);
      for (const listener of listeners)
        listener({ itemId: ids.get(ring.token) ?? null, playedSamples: ring.playedInToken });
    },
  };
  return sink;
}

const delta = (itemId: string, ms: number) => ({
  type: 'response.output_audio.delta',
  response_id: 'resp_1',
  item_id: itemId,
  output_index: 0,
  content_index: 0,
  delta: pcm16ToBase64(new Int16Array(ms * 24).fill(4000)),
});
const created = { type: 'response.created', response: { id: 'resp_1', status: 'in_progress' } };
const done = { type: 'response.done', response: { id: 'resp_1', status: 'completed' } };
const audioDone = {
  type: 'response.output_audio.done',
  response_id: 'resp_1',
  item_id: 'msg_1',
  output_index: 0,
  content_index: 0,
};
const speech = { type: 'input_audio_buffer.speech_started', audio_start_ms: 1000, item_id: 'msg_2' };

function setup(serverCancels = true, player: ReturnType<typeof ringPlayer> | null = ringPlayer()) {
  const sent: ClientEvent[] = [];
  const audio: OutputAudioEvent[] = [];
  const errors: unknown[] = [];
  const link = createWebSocketAudio({
    send: (e) => sent.push(e),
    player,
    onOutputAudio: (e) => audio.push(e),
    serverCancelsOnSpeech: () => serverCancels,
    onError: (e) => errors.push(e),
  });
  return { link, sent, audio, errors, player: player! };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createWebSocketAudio', () => {
  it('barge-in mid-stream (server VAD): silence, no cancel, truncate at the samples the ring played', async () => {
    const { link, sent, player } = setup(true);
    link.handleServerEvent(created);
    for (let i = 0; i < 3; i++) link.handleServerEvent(delta('msg_1', 100));
    player.renderMs(120);
    const played = player.ring.playedInToken;
    link.handleServerEvent(speech);
    await flush();
    expect(player.ring.buffered).toBe(0);
    expect(sent).toEqual([
      { type: 'conversation.item.truncate', item_id: 'msg_1', content_index: 0, audio_end_ms: Math.floor(played / 24) },
    ]);
    expect(sent[0]).toMatchObject({ audio_end_ms: 120 });
    // Deltas still in flight for the cut item are not played.
    link.handleServerEvent(delta('msg_1', 100));
    expect(player.ring.buffered).toBe(0);
  });

  it('the whole reply received and the response done, but still playing: truncate is still sent', async () => {
    const { link, sent, player } = setup(true);
    link.handleServerEvent(created);
    link.handleServerEvent(delta('msg_1', 500));
    link.handleServerEvent(audioDone);
    link.handleServerEvent(done);
    player.renderMs(200);
    link.handleServerEvent(speech);
    await flush();
    expect(sent).toEqual([
      { type: 'conversation.item.truncate', item_id: 'msg_1', content_index: 0, audio_end_ms: 200 },
    ]);
  });

  it('interrupt() while the response runs: response.cancel first, then the truncate', async () => {
    const { link, sent, player } = setup(true);
    link.handleServerEvent(created);
    link.handleServerEvent(delta('msg_1', 300));
    player.renderMs(50);
    const outcome = await link.interrupt();
    expect(sent.map((e) => e.type)).toEqual(['response.cancel', 'conversation.item.truncate']);
    expect(sent[0]).toEqual({ type: 'response.cancel', response_id: 'resp_1' });
    expect(outcome.truncate?.audio_end_ms).toBe(50);
  });

  it('speech after the reply finished playing sends nothing (no stale truncate)', async () => {
    const { link, sent, player } = setup(false);
    link.handleServerEvent(created);
    link.handleServerEvent(delta('msg_1', 100));
    link.handleServerEvent(audioDone);
    link.handleServerEvent(done);
    player.renderMs(300);
    link.handleServerEvent(speech);
    await flush();
    expect(sent).toEqual([]);
  });

  it('speech before any audio played, server not cancelling: cancel only', async () => {
    const { link, sent } = setup(false);
    link.handleServerEvent(created);
    link.handleServerEvent(delta('msg_1', 100));
    link.handleServerEvent(speech);
    await flush();
    expect(sent).toEqual([{ type: 'response.cancel', response_id: 'resp_1' }]);
  });

  it('Node, no player: output_audio carries each delta, and the app reports what it played', async () => {
    const { link, sent, audio } = setup(true, null);
    link.handleServerEvent(created);
    const withIndex = { ...delta('msg_1', 100), content_index: 0 };
    link.handleServerEvent(withIndex);
    link.handleServerEvent({ ...delta('msg_1', 100), type: 'response.audio.delta' });
    expect(audio.map((a) => [a.itemId, a.responseId, a.samples.length, a.sampleRate])).toEqual([
      ['msg_1', 'resp_1', 2400, 24000],
      ['msg_1', 'resp_1', 2400, 24000],
    ]);
    expect(audio[0]!.samples[0]).toBe(4000);
    link.played('msg_1', 3000);
    const outcome = await link.interrupt();
    expect(outcome.truncate?.audio_end_ms).toBe(125);
    expect(sent.map((e) => e.type)).toEqual(['response.cancel', 'conversation.item.truncate']);
  });

  /** A link with no player (Node) on a clock the test moves, its `playedMs` answered by `playedMs`. */
  function nodeLink(playedMs?: () => number | undefined) {
    const clock = { now: 0 };
    const sent: ClientEvent[] = [];
    const link = createWebSocketAudio({
      send: (e) => sent.push(e),
      serverCancelsOnSpeech: () => true,
      now: () => clock.now,
      playedMs,
    });
    link.handleServerEvent(created);
    return { link, clock, sent };
  }

  it('Node, no player and no reports: an item is taken to play in real time from its first delta', async () => {
    const { link, clock, sent } = nodeLink();
    clock.now = 1_000;
    link.handleServerEvent(delta('msg_1', 500));
    clock.now = 1_200;
    link.handleServerEvent(delta('msg_1', 500)); // later deltas do not move the start
    clock.now = 1_430;
    const outcome = await link.interrupt();
    expect(outcome.truncate).toMatchObject({ item_id: 'msg_1', audio_end_ms: 430 });
    expect(sent.map((e) => e.type)).toEqual(['response.cancel', 'conversation.item.truncate']);
  });

  it('Node, no player: an estimate never passes what was received, and a reply played out by then is not cut', async () => {
    const streaming = nodeLink();
    streaming.link.handleServerEvent(delta('msg_1', 300));
    streaming.clock.now = 2_000; // still streaming, but only 300 ms arrived
    expect((await streaming.link.interrupt()).truncate?.audio_end_ms).toBe(300);

    const finished = nodeLink();
    finished.link.handleServerEvent(delta('msg_1', 300));
    finished.link.handleServerEvent(audioDone);
    finished.link.handleServerEvent(done);
    finished.clock.now = 4_000;
    expect(await finished.link.interrupt()).toEqual({ cancel: null, truncate: null });
  });

  it('Node: what the app says it played wins over the clock, asked at the interruption; undefined falls back', async () => {
    const behind = nodeLink(() => 120); // the phone line is behind: 120 ms heard
    behind.link.handleServerEvent(delta('msg_1', 1_000));
    behind.clock.now = 800;
    expect((await behind.link.interrupt()).truncate?.audio_end_ms).toBe(120);

    const unknown = nodeLink(() => undefined);
    unknown.link.handleServerEvent(delta('msg_1', 1_000));
    unknown.clock.now = 250;
    expect((await unknown.link.interrupt()).truncate?.audio_end_ms).toBe(250);
  });

  it('Node: pushed reports (played) also win over the clock', async () => {
    const { link, clock } = nodeLink();
    link.handleServerEvent(delta('msg_1', 1_000));
    link.played('msg_1', 24 * 90);
    clock.now = 700;
    expect((await link.interrupt()).truncate?.audio_end_ms).toBe(90);
  });

  it('output_audio listeners keep their samples even though the player takes its buffer', () => {
    const { link, audio, player } = setup(true);
    link.handleServerEvent(delta('msg_1', 10));
    expect(player.ring.buffered).toBe(240);
    expect(audio[0]!.samples.length).toBe(240);
  });

  it('bad base64 is reported, not thrown; a failing send is reported too', async () => {
    const { link, errors } = setup(true);
    const broken = { ...delta('msg_1', 10), delta: '!!!' };
    link.handleServerEvent(broken);
    expect(errors).toHaveLength(1);
    const failing = createWebSocketAudio({
      send: () => {
        throw new Error('not connected');
      },
      serverCancelsOnSpeech: () => false,
      onError: (e) => errors.push(e),
    });
    failing.handleServerEvent(created);
    await failing.interrupt();
    expect(errors).toHaveLength(2);
  });
});
