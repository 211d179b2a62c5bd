import { describe, expect, it } from 'vitest';
import { createInitialState } from './createInitialState.js';
import { reduceLocalAction } from './reduceLocalAction.js';
import { reduceServerEvent } from './reduceServerEvent.js';
import type { RealtimeState } from './types.js';

const connected = reduceLocalAction(createInitialState(), { type: 'status', status: 'connected' });
const T = 'conversation.item.input_audio_transcription.';
const run = (events: object[], from: RealtimeState = connected) =>
  events.reduce<RealtimeState>((s, e) => reduceServerEvent(s, e), from);
const states = (events: object[], from: RealtimeState = connected) => {
  const seen: string[] = [];
  events.reduce<RealtimeState>((s, e) => {
    const next = reduceServerEvent(s, e);
    seen.push(next.agentState);
    return next;
  }, from);
  return seen;
};

const turn = [
  { type: 'input_audio_buffer.speech_started', item_id: 'u', audio_start_ms: 0 },
  { type: 'input_audio_buffer.speech_stopped', item_id: 'u', audio_end_ms: 900 },
  { type: 'input_audio_buffer.committed', item_id: 'u', previous_item_id: null },
  { type: `${T}delta`, item_id: 'u', content_index: 0, delta: 'hi' },
  { type: `${T}completed`, item_id: 'u', content_index: 0, transcript: 'hi' },
];

describe('agentState in sessions that do not answer', () => {
  it('never thinks in a transcription session, with or without conversation.item.added', () => {
    const transcription = run([{ type: 'session.created', session: { type: 'transcription', audio: { input: {} } } }]);
    expect(states(turn, transcription)).not.toContain('thinking');
    const added = {
      type: 'conversation.item.added',
      previous_item_id: null,
      item: { id: 'u', type: 'message', role: 'user', content: [{ type: 'input_audio' }] },
    };
    expect(states([...turn.slice(0, 3), added, ...turn.slice(3)], transcription)).not.toContain('thinking');
  });

  it('does not think after a commit when turn detection has create_response: false', () => {
    const noAnswer = run([
      {
        type: 'session.created',
        session: {
          type: 'realtime',
          audio: { input: { turn_detection: { type: 'server_vad', create_response: false } } },
        },
      },
    ]);
    expect(states(turn, noAnswer)).toEqual(['listening', 'listening', 'listening', 'listening', 'listening']);
    // A response the app asks for itself still shows.
    expect(run([{ type: 'response.created', response: { id: 'r', conversation_id: 'c' } }], noAnswer).agentState).toBe(
      'thinking',
    );
  });

  it('still thinks after a commit in an ordinary realtime session', () => {
    const answering = run([
      {
        type: 'session.created',
        session: { type: 'realtime', audio: { input: { turn_detection: { type: 'server_vad' } } } },
      },
    ]);
    expect(states(turn, answering)[2]).toBe('thinking');
  });
});
