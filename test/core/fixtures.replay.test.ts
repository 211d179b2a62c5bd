import { describe, expect, it } from 'vitest';
import {
  createInitialState,
  createRealtimeStore,
  parseServerEvent,
  reduceServerEvent,
  SERVER_EVENT_TYPES,
  selectResponse,
  selectTranscript,
} from '../../src/entries/core.js';
import { sequenceEvents, sequenceLines, SEQUENCES, serverEventFixtures } from '../fixtures/realtimeFixtures.js';

const GA = new Set<string>(SERVER_EVENT_TYPES);

describe('every recorded server event fixture', () => {
  const files = serverEventFixtures();

  it('covers every GA server event type', () => {
    const seen = new Set(files.map((f) => (f.value as { type: string }).type));
    for (const type of SERVER_EVENT_TYPES) expect(seen, type).toContain(type);
  });

  it.each(files.map((f) => [f.name, f] as const))(
    '%s parses to a GA event and reduces without throwing',
    (_name, file) => {
      const parsed = parseServerEvent(file.text);
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) return;
      expect(GA.has(parsed.event.type)).toBe(true);
      const state = createInitialState();
      expect(() => reduceServerEvent(state, file.value)).not.toThrow();
      // Parsing the string and passing the object give the same event.
      expect(parseServerEvent(file.value)).toEqual(parsed);
    },
  );
});

describe('recorded beta WebRTC session (3 user turns, one barge-in)', () => {
  const lines = sequenceLines(SEQUENCES.betaWebRtc);
  const events = sequenceEvents(SEQUENCES.betaWebRtc);
  const store = createRealtimeStore({ eventLogSize: 1000 });
  for (const line of lines) store.receive(line);
  const state = store.getState();
  const transcript = selectTranscript(state);

  it('has 99 events, all understood', () => {
    expect(lines).toHaveLength(99);
    for (const line of lines) expect(parseServerEvent(line).ok).toBe(true);
    expect(store.eventLog.size).toBe(99);
  });

  it('gives greeting, user, reply, user, user, reply in conversation order', () => {
    expect(transcript.map((e) => e.role)).toEqual(['assistant', 'user', 'assistant', 'user', 'user', 'assistant']);
    const users = transcript.filter((e) => e.role === 'user');
    expect(users).toHaveLength(3);
    // Transcription was off in this session, so user entries have no text, and they are final.
    for (const user of users) expect(user).toMatchObject({ text: '', kind: 'message', final: true });
  });

  it('gives each assistant entry exactly its .done transcript', () => {
    const done = events.filter((e) => e['type'] === 'response.audio_transcript.done');
    expect(done).toHaveLength(3);
    const assistants = transcript.filter((e) => e.role === 'assistant');
    expect(assistants.map((e) => e.text)).toEqual(done.map((e) => e['transcript']));
    expect(assistants.map((e) => e.id)).toEqual(done.map((e) => e['item_id']));
    for (const a of assistants) expect(a).toMatchObject({ status: 'completed', final: true });
  });

  it('the deltas alone already equal the .done transcript (deltas show up immediately)', () => {
    let s = createInitialState();
    for (const e of events) {
      if (e['type'] === 'response.audio_transcript.done') {
        const entry = selectTranscript(s).find((x) => x.id === e['item_id']);
        expect(entry?.text).toBe(e['transcript']);
        expect(entry?.final).toBe(false);
      }
      s = reduceServerEvent(s, e);
    }
  });

  it('leaves no assistant entry for the response cancelled by barge-in', () => {
    const cancelled = events.find(
      (e) => e['type'] === 'response.done' && (e['response'] as { status: string }).status === 'cancelled',
    );
    const id = (cancelled?.['response'] as { id: string }).id;
    expect(selectResponse(state, id)).toMatchObject({ status: 'cancelled', reason: 'turn_detected', itemIds: [] });
    expect(transcript.filter((e) => e.role === 'assistant')).toHaveLength(3);
    // The two user turns around the barge-in sit next to each other.
    expect(transcript[3]?.role).toBe('user');
    expect(transcript[4]?.role).toBe('user');
  });

  it('sums usage over the four responses and ends with nothing active', () => {
    expect(state.usage.responses).toBe(4);
    const total = events
      .filter((e) => e['type'] === 'response.done')
      .reduce((sum, e) => sum + ((e['response'] as { usage?: { total_tokens?: number } }).usage?.total_tokens ?? 0), 0);
    expect(state.usage.totalTokens).toBe(total);
    expect(state.activeResponseId).toBeNull();
    // The recording ends before the last output_audio_buffer.stopped, so audio is still playing.
    expect(state.agentState).toBe('speaking');
  });

  it('keeps the beta session as a GA session', () => {
    expect(state.session).toMatchObject({
      type: 'realtime',
      model: 'gpt-4o-realtime-preview-2024-12-17',
      output_modalities: ['audio'],
      audio: {
        input: {
          format: { type: 'audio/pcm', rate: 24000 },
          transcription: null,
          turn_detection: { type: 'server_vad' },
        },
        output: { voice: 'echo' },
      },
    });
  });
});

describe('recorded beta text-only session', () => {
  const events = sequenceEvents(SEQUENCES.betaText);
  const state = events.reduce(reduceServerEvent, createInitialState());

  it('gives one assistant entry equal to its 77 deltas joined', () => {
    const deltas = events.filter((e) => e['type'] === 'response.text.delta');
    expect(events).toHaveLength(85);
    expect(deltas).toHaveLength(77);
    const transcript = selectTranscript(state);
    expect(transcript).toHaveLength(1);
    expect(transcript[0]).toMatchObject({ role: 'assistant', kind: 'message', status: 'completed', final: true });
    expect(transcript[0]?.text).toBe(deltas.map((e) => e['delta']).join(''));
    const done = events.find((e) => e['type'] === 'response.text.done');
    expect(transcript[0]?.text).toBe(done?.['text']);
  });
});
