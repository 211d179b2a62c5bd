import { describe, expect, it } from 'vitest';
import { ev, reduceAll } from '../../../test/support/events.js';
import { createInitialState } from './createInitialState.js';
import { selectItem, selectOrder, selectTranscript } from './selectors.js';

const start = createInitialState();
const connected = { ...start, status: 'connected' as const };
const session = (turnDetection: unknown) =>
  ev.simple('session.updated', { session: { type: 'realtime', audio: { input: { turn_detection: turnDetection } } } });

describe('out-of-band responses stay out of the conversation', () => {
  const oobItem = { id: 'oob_item', type: 'message', role: 'assistant', status: 'in_progress', content: [] };
  const events = [
    ev.added('u1', 'user', null, [{ type: 'input_text', text: 'Hi' }]),
    ev.responseCreated('oob', { conversation_id: null, metadata: { topic: 'summary' } }),
    ev.outputItemAdded('oob', oobItem),
    ev.transcriptDelta('oob_item', 'secret', 'oob'),
    ev.outputItemDone('oob', { ...oobItem, status: 'completed', content: [{ type: 'output_text', text: 'secret' }] }),
    ev.responseDone(
      'oob',
      'completed',
      [{ ...oobItem, status: 'completed', content: [{ type: 'output_text', text: 'secret' }] }],
      {
        conversation_id: null,
      },
    ),
  ];

  it('never places their items in the order nor the transcript', () => {
    const s = reduceAll(start, events);
    expect(selectOrder(s)).toEqual(['u1']);
    expect(selectTranscript(s).map((e) => e.id)).toEqual(['u1']);
    expect(selectItem(s, 'oob_item')).toBeUndefined();
  });

  it('keeps no deltas of theirs waiting for an item that never joins the conversation', () => {
    const s = reduceAll(start, events);
    expect(Object.keys(s.pending)).toEqual([]);
  });
});

describe('items without a status field become final at conversation.item.done', () => {
  const kinds: Array<[string, Record<string, unknown>]> = [
    ['mcp_approval_request', { type: 'mcp_approval_request', server_label: 'docs', name: 'search', arguments: '{}' }],
    ['mcp_list_tools', { type: 'mcp_list_tools', server_label: 'docs', tools: [] }],
    ['mcp_call', { type: 'mcp_call', server_label: 'docs', name: 'search', arguments: '{}', output: 'ok' }],
    ['function_call_output', { type: 'function_call_output', call_id: 'c1', output: '42' }],
  ];
  it.each(kinds)('%s', (_kind, item) => {
    const s = reduceAll(start, [
      ev.simple('conversation.item.added', { previous_item_id: null, item: { id: 'x', ...item } }),
      ev.simple('conversation.item.done', { previous_item_id: null, item: { id: 'x', ...item } }),
    ]);
    const entry = selectTranscript(s)[0];
    expect(entry?.final).toBe(true);
    expect(entry?.status).toBe('completed');
  });
});

describe('a committed turn with no response to follow', () => {
  it('does not stay thinking when the session does not create responses (create_response: false)', () => {
    const s = reduceAll(connected, [
      session({ type: 'server_vad', create_response: false }),
      ev.simple('input_audio_buffer.speech_started', { audio_start_ms: 0, item_id: 'u1' }),
      ev.simple('input_audio_buffer.committed', { item_id: 'u1', previous_item_id: null }),
    ]);
    expect(s.agentState).toBe('listening');
  });

  it('does not stay thinking in a transcription session', () => {
    const s = reduceAll(connected, [
      ev.simple('session.updated', {
        session: { type: 'transcription', audio: { input: { turn_detection: { type: 'server_vad' } } } },
      }),
      ev.simple('input_audio_buffer.committed', { item_id: 'u1', previous_item_id: null }),
    ]);
    expect(s.agentState).toBe('listening');
  });

  it('still thinks while server VAD will answer', () => {
    const s = reduceAll(connected, [
      session({ type: 'server_vad', create_response: true }),
      ev.simple('input_audio_buffer.committed', { item_id: 'u1', previous_item_id: null }),
    ]);
    expect(s.agentState).toBe('thinking');
  });
});
