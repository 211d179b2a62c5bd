import { describe, expect, it } from 'vitest';
import {
  createInitialState,
  reduceLocalAction,
  reduceServerEvent,
  type AgentState,
  type RealtimeState,
} from '../../entries/core.js';
import { ev } from '../../../test/support/events.js';

const connected = reduceLocalAction(createInitialState(), { type: 'status', status: 'connected' });

type Step = [event: unknown, expected: AgentState];

function walk(state: RealtimeState, steps: Step[]): void {
  let s = state;
  for (const [i, [event, expected]] of steps.entries()) {
    s = reduceServerEvent(s, event);
    expect(s.agentState, `step ${i} ${(event as { type: string }).type}`).toBe(expected);
  }
}

describe('agentState', () => {
  it('is idle before connecting and listening once connected with the mic open', () => {
    expect(createInitialState().agentState).toBe('idle');
    expect(connected.agentState).toBe('listening');
    expect(reduceLocalAction(connected, { type: 'mic', patch: { muted: true } }).agentState).toBe('idle');
    expect(reduceLocalAction(connected, { type: 'status', status: 'closed' }).agentState).toBe('idle');
  });

  it('follows a voice turn: listening, thinking from the commit, speaking from audio start until stopped', () => {
    walk(connected, [
      [ev.simple('input_audio_buffer.speech_started', { audio_start_ms: 0, item_id: 'u' }), 'listening'],
      [ev.simple('input_audio_buffer.speech_stopped', { audio_end_ms: 900, item_id: 'u' }), 'listening'],
      [ev.simple('input_audio_buffer.committed', { item_id: 'u', previous_item_id: null }), 'thinking'],
      [ev.userAudio('u', null), 'thinking'],
      [ev.responseCreated('r1'), 'thinking'],
      [
        ev.outputItemAdded('r1', { id: 'a', type: 'message', role: 'assistant', status: 'in_progress', content: [] }),
        'thinking',
      ],
      [ev.transcriptDelta('a', 'Hi', 'r1'), 'thinking'],
      [ev.simple('output_audio_buffer.started', { response_id: 'r1' }), 'speaking'],
      [ev.transcriptDone('a', 'Hi', 'r1'), 'speaking'],
      [ev.responseDone('r1', 'completed'), 'speaking'],
      [ev.simple('output_audio_buffer.stopped', { response_id: 'r1' }), 'listening'],
    ]);
  });

  it('thinking starts at response.created too (text turns, function calls)', () => {
    walk(connected, [
      [ev.responseCreated('r1'), 'thinking'],
      [ev.responseDone('r1', 'completed'), 'listening'],
    ]);
  });

  it('barge-in: speech_started while speaking gives listening; cleared ends speaking', () => {
    walk(connected, [
      [ev.responseCreated('r1'), 'thinking'],
      [ev.simple('output_audio_buffer.started', { response_id: 'r1' }), 'speaking'],
      [ev.simple('input_audio_buffer.speech_started', { audio_start_ms: 0, item_id: 'u2' }), 'listening'],
      [
        ev.responseDone('r1', 'cancelled', [], { status_details: { type: 'cancelled', reason: 'turn_detected' } }),
        'listening',
      ],
      [ev.simple('output_audio_buffer.cleared', { response_id: 'r1' }), 'listening'],
      [ev.simple('input_audio_buffer.speech_stopped', { audio_end_ms: 500, item_id: 'u2' }), 'listening'],
      [ev.simple('input_audio_buffer.committed', { item_id: 'u2' }), 'thinking'],
    ]);
  });

  it('a stop for another response does not end current playback', () => {
    walk(connected, [
      [ev.simple('output_audio_buffer.started', { response_id: 'r1' }), 'speaking'],
      [ev.simple('output_audio_buffer.stopped', { response_id: 'other' }), 'speaking'],
      [ev.simple('output_audio_buffer.stopped', { response_id: 'r1' }), 'listening'],
    ]);
  });

  it('an error after a commit stops thinking', () => {
    walk(connected, [
      [ev.simple('input_audio_buffer.committed', { item_id: 'u' }), 'thinking'],
      [
        ev.simple('error', {
          error: { type: 'invalid_request_error', code: 'input_audio_buffer_commit_empty', message: 'empty' },
        }),
        'listening',
      ],
    ]);
  });

  it('is idle rather than listening when not connected', () => {
    walk(createInitialState(), [
      [ev.responseCreated('r1'), 'thinking'],
      [ev.responseDone('r1', 'completed'), 'idle'],
    ]);
  });
});
