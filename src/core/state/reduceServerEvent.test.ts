import { describe, expect, it } from 'vitest';
import {
  createInitialState,
  reduceServerEvent,
  selectItem,
  selectOrder,
  selectResponse,
  selectTranscript,
  type RealtimeState,
} from '../../entries/core.js';
import { ev, reduceAll } from '../../../test/support/events.js';

const start = createInitialState();
const texts = (s: RealtimeState) => selectTranscript(s).map((e) => `${e.id}:${e.text}`);

describe('conversation order follows previous_item_id', () => {
  const a = ev.added('a', 'user', null, [{ type: 'input_text', text: 'A' }]);
  const b = ev.added('b', 'assistant', 'a', [{ type: 'output_text', text: 'B' }]);
  const c = ev.added('c', 'user', 'b', [{ type: 'input_text', text: 'C' }]);
  const orders: Array<[string, unknown[]]> = [
    ['in order', [a, b, c]],
    ['reversed', [c, b, a]],
    ['middle first', [b, c, a]],
    ['last first', [c, a, b]],
  ];
  it.each(orders)('%s', (_label, events) => {
    expect(selectOrder(reduceAll(start, events))).toEqual(['a', 'b', 'c']);
  });

  it('inserts an item after its predecessor, not at the end', () => {
    const s = reduceAll(start, [a, b, c, ev.added('x', 'user', 'a', [{ type: 'input_text', text: 'X' }])]);
    expect(selectOrder(s)).toEqual(['a', 'x', 'b', 'c']);
  });

  it('still shows an item whose predecessor never arrives', () => {
    const s = reduceAll(start, [a, ev.added('z', 'user', 'missing', [{ type: 'input_text', text: 'Z' }])]);
    expect(selectOrder(s)).toEqual(['a', 'z']);
    expect(selectItem(s, 'z')?.text).toBe('Z');
  });

  it('places an assistant item announced by response.output_item.added, then moves it behind its predecessor', () => {
    const s = reduceAll(start, [
      a,
      ev.outputItemAdded('r1', { id: 'b', type: 'message', role: 'assistant', status: 'in_progress', content: [] }),
      ev.added('x', 'user', 'a', [{ type: 'input_text', text: 'X' }]),
      ev.added('b', 'assistant', 'x', [], 'in_progress'),
    ]);
    expect(selectOrder(s)).toEqual(['a', 'x', 'b']);
  });
});

describe('user audio items', () => {
  const reply = [
    ev.responseCreated('r1'),
    ev.outputItemAdded('r1', { id: 'asst', type: 'message', role: 'assistant', status: 'in_progress', content: [] }),
    ev.added('asst', 'assistant', 'user1', [], 'in_progress'),
    ev.transcriptDelta('asst', 'Sure'),
    ev.transcriptDone('asst', 'Sure.'),
    ev.outputItemDone('r1', {
      id: 'asst',
      type: 'message',
      role: 'assistant',
      status: 'completed',
      content: [{ type: 'output_audio', transcript: 'Sure.' }],
    }),
    ev.responseDone('r1', 'completed'),
  ];

  it('take their slot at conversation.item.added with empty text, not final while transcription is pending', () => {
    const s = reduceAll(start, [ev.userAudio('user1', null)]);
    expect(selectTranscript(s)).toEqual([
      { id: 'user1', role: 'user', kind: 'message', text: '', status: 'completed', final: false },
    ]);
    expect(selectItem(s, 'user1')).toMatchObject({ audio: true, transcription: 'pending' });
  });

  it('fill in from transcription deltas and completed, even after the whole reply', () => {
    let s = reduceAll(start, [ev.userAudio('user1', null), ...reply]);
    expect(texts(s)).toEqual(['user1:', 'asst:Sure.']);
    s = reduceAll(s, [ev.inputDelta('user1', 'Can you'), ev.inputDelta('user1', ' help')]);
    expect(texts(s)).toEqual(['user1:Can you help', 'asst:Sure.']);
    expect(selectTranscript(s)[0]?.final).toBe(false);
    s = reduceServerEvent(s, ev.inputCompleted('user1', 'Can you help?'));
    expect(texts(s)).toEqual(['user1:Can you help?', 'asst:Sure.']);
    expect(selectTranscript(s)[0]).toMatchObject({ final: true });
    expect(selectItem(s, 'user1')?.transcription).toBe('completed');
  });

  it('transcription.failed marks the entry', () => {
    const s = reduceAll(start, [ev.userAudio('user1', null), ev.inputFailed('user1', 'Could not transcribe.')]);
    expect(selectTranscript(s)[0]).toMatchObject({ text: '', final: true, error: 'Could not transcribe.' });
    expect(selectItem(s, 'user1')?.transcription).toBe('failed');
  });

  it('are final at once when the session has transcription off', () => {
    const session = ev.simple('session.created', {
      session: { type: 'realtime', audio: { input: { transcription: null } } },
    });
    const s = reduceAll(start, [session, ev.userAudio('user1', null)]);
    expect(selectTranscript(s)[0]).toMatchObject({ text: '', final: true });
    expect(selectItem(s, 'user1')?.transcription).toBeUndefined();
  });

  it('keep a transcript carried by the item itself', () => {
    const s = reduceAll(start, [ev.userAudio('user1', null, 'Hello there')]);
    expect(selectTranscript(s)[0]).toMatchObject({ text: 'Hello there', final: true });
  });
});

describe('assistant text and transcripts', () => {
  const base = reduceAll(start, [
    ev.responseCreated('r1'),
    ev.outputItemAdded('r1', { id: 'a', type: 'message', role: 'assistant', status: 'in_progress', content: [] }),
  ]);

  it('show transcript deltas immediately', () => {
    const s1 = reduceServerEvent(base, ev.transcriptDelta('a', 'Hel'));
    expect(selectTranscript(s1)[0]).toMatchObject({ text: 'Hel', final: false, status: 'in_progress' });
    const s2 = reduceServerEvent(s1, ev.transcriptDelta('a', 'lo'));
    expect(selectTranscript(s2)[0]?.text).toBe('Hello');
  });

  it('show text deltas immediately', () => {
    const s = reduceAll(base, [ev.textDelta('a', 'a'), ev.textDelta('a', 'b')]);
    expect(selectTranscript(s)[0]?.text).toBe('ab');
    expect(selectItem(s, 'a')?.audio).toBe(false);
  });

  it.each([
    ['transcript', ev.transcriptDelta('a', 'Helo wrld'), ev.transcriptDone('a', 'Hello world')],
    ['text', ev.textDelta('a', 'Helo wrld'), ev.textDone('a', 'Hello world')],
  ])('%s .done wins over the concatenated deltas', (_label, delta, done) => {
    const s = reduceAll(base, [delta, done]);
    expect(selectTranscript(s)[0]).toMatchObject({ text: 'Hello world', final: true });
  });

  it('an item done payload wins, but an empty placeholder never erases streamed text', () => {
    let s = reduceAll(base, [ev.transcriptDelta('a', 'Streamed')]);
    s = reduceServerEvent(
      s,
      ev.added('a', 'assistant', null, [{ type: 'output_audio', transcript: '' }], 'in_progress'),
    );
    expect(selectItem(s, 'a')?.text).toBe('Streamed');
    s = reduceServerEvent(
      s,
      ev.outputItemDone('r1', {
        id: 'a',
        type: 'message',
        role: 'assistant',
        status: 'completed',
        content: [{ type: 'output_audio', transcript: 'Final' }],
      }),
    );
    expect(selectTranscript(s)[0]).toMatchObject({ text: 'Final', status: 'completed', final: true });
  });

  it('concatenates parts by content_index', () => {
    const s = reduceAll(base, [ev.transcriptDelta('a', 'one', 'r1', 0), ev.transcriptDelta('a', ' two', 'r1', 1)]);
    expect(selectItem(s, 'a')?.text).toBe('one two');
  });
});

describe('deltas before their item', () => {
  it('are kept and applied when the item appears', () => {
    let s = reduceAll(start, [ev.transcriptDelta('late', 'Hi'), ev.transcriptDelta('late', ' you')]);
    expect(selectTranscript(s)).toEqual([]);
    s = reduceServerEvent(
      s,
      ev.outputItemAdded('r1', { id: 'late', type: 'message', role: 'assistant', status: 'in_progress', content: [] }),
    );
    expect(selectItem(s, 'late')?.text).toBe('Hi you');
    expect(s.pending).toEqual({});
  });

  it('user transcription before the user item', () => {
    const s = reduceAll(start, [ev.inputCompleted('u', 'early words'), ev.userAudio('u', null)]);
    expect(selectTranscript(s)[0]).toMatchObject({ text: 'early words', final: true });
  });

  it('are bounded', () => {
    let s = start;
    for (let i = 0; i < 200; i++) s = reduceServerEvent(s, ev.transcriptDelta(`ghost${i}`, 'x'));
    expect(Object.keys(s.pending).length).toBeLessThanOrEqual(64);
    for (let i = 0; i < 3000; i++) s = reduceServerEvent(s, ev.transcriptDelta('ghost0', 'x'));
    expect(s.pending['ghost0']?.length).toBeLessThanOrEqual(1024);
  });
});

describe('function calls and MCP items', () => {
  it('stream arguments, keep name and call id, and show the output', () => {
    const call = {
      id: 'fc',
      type: 'function_call',
      status: 'in_progress',
      name: 'get_weather',
      call_id: 'call_1',
      arguments: '',
    };
    let s = reduceAll(start, [ev.responseCreated('r1'), ev.outputItemAdded('r1', call)]);
    s = reduceAll(s, [
      ev.simple('response.function_call_arguments.delta', {
        response_id: 'r1',
        item_id: 'fc',
        output_index: 0,
        call_id: 'call_1',
        delta: '{"city":',
      }),
      ev.simple('response.function_call_arguments.delta', {
        response_id: 'r1',
        item_id: 'fc',
        output_index: 0,
        call_id: 'call_1',
        delta: '"Oslo"}',
      }),
    ]);
    expect(selectItem(s, 'fc')).toMatchObject({
      kind: 'function_call',
      name: 'get_weather',
      callId: 'call_1',
      arguments: '{"city":"Oslo"}',
    });
    expect(selectTranscript(s)[0]).toMatchObject({
      kind: 'function_call',
      role: 'assistant',
      text: 'get_weather({"city":"Oslo"})',
    });
    s = reduceServerEvent(
      s,
      ev.simple('response.function_call_arguments.done', {
        response_id: 'r1',
        item_id: 'fc',
        output_index: 0,
        call_id: 'call_1',
        name: 'get_weather',
        arguments: '{"city":"Oslo"}',
      }),
    );
    s = reduceServerEvent(s, ev.outputItemDone('r1', { ...call, status: 'completed', arguments: '{"city":"Oslo"}' }));
    expect(selectTranscript(s)[0]).toMatchObject({ status: 'completed', final: true });
    s = reduceServerEvent(s, {
      type: 'conversation.item.added',
      event_id: 'e',
      previous_item_id: 'fc',
      item: { id: 'out', type: 'function_call_output', call_id: 'call_1', output: '{"temp":3}' },
    });
    expect(selectTranscript(s)[1]).toMatchObject({ kind: 'function_call_output', role: 'user', text: '{"temp":3}' });
    expect(selectItem(s, 'out')?.callId).toBe('call_1');
  });

  it('show MCP calls, tool lists and failures sensibly', () => {
    let s = reduceAll(start, [
      ev.outputItemAdded('r1', { id: 'm', type: 'mcp_call', server_label: 'docs', name: 'search', arguments: '' }),
      ev.simple('response.mcp_call_arguments.delta', {
        response_id: 'r1',
        item_id: 'm',
        output_index: 0,
        delta: '{"q":1}',
      }),
      ev.simple('response.mcp_call.in_progress', { output_index: 0, item_id: 'm' }),
    ]);
    expect(selectTranscript(s)[0]).toMatchObject({
      kind: 'mcp_call',
      text: 'docs.search({"q":1})',
      status: 'in_progress',
    });
    s = reduceServerEvent(s, ev.simple('response.mcp_call.failed', { output_index: 0, item_id: 'm' }));
    expect(selectTranscript(s)[0]).toMatchObject({ status: 'incomplete', final: true, error: 'failed' });
    s = reduceServerEvent(s, ev.added('lt', 'assistant', 'm'));
    s = reduceServerEvent(s, {
      type: 'conversation.item.added',
      event_id: 'e',
      previous_item_id: 'm',
      item: { id: 'lt2', type: 'mcp_list_tools', server_label: 'docs', tools: [{ name: 'a' }, { name: 'b' }] },
    });
    expect(selectItem(s, 'lt2')?.text).toBe('docs: 2 tools');
  });
});

describe('responses', () => {
  const withReply = reduceAll(start, [
    ev.responseCreated('r1'),
    ev.outputItemAdded('r1', { id: 'a', type: 'message', role: 'assistant', status: 'in_progress', content: [] }),
    ev.transcriptDelta('a', 'Half a sen'),
  ]);

  it('track created and done, with the active response', () => {
    expect(withReply.activeResponseId).toBe('r1');
    expect(selectResponse(withReply, 'r1')).toEqual({ id: 'r1', status: 'in_progress', itemIds: ['a'] });
    const s = reduceServerEvent(withReply, ev.responseDone('r1', 'completed'));
    expect(s.activeResponseId).toBeNull();
    expect(selectResponse(s, 'r1')?.status).toBe('completed');
  });

  it.each(['cancelled', 'incomplete', 'failed'])('status %s marks their items incomplete', (status) => {
    const s = reduceServerEvent(
      withReply,
      ev.responseDone('r1', status, [], { status_details: { type: status, reason: 'client_cancelled' } }),
    );
    expect(selectTranscript(s)[0]).toMatchObject({ text: 'Half a sen', status: 'incomplete', final: true });
    expect(selectResponse(s, 'r1')).toMatchObject({ status, reason: 'client_cancelled' });
  });

  it('sum usage from response.done, once per response', () => {
    const usage = {
      total_tokens: 10,
      input_tokens: 6,
      output_tokens: 4,
      input_token_details: { text_tokens: 2, audio_tokens: 4, cached_tokens: 1 },
      output_token_details: { text_tokens: 1, audio_tokens: 3 },
    };
    let s = reduceAll(start, [ev.responseCreated('r1'), ev.responseDone('r1', 'completed', [], { usage })]);
    s = reduceServerEvent(s, ev.responseDone('r1', 'completed', [], { usage }));
    s = reduceAll(s, [ev.responseCreated('r2'), ev.responseDone('r2', 'completed', [], { usage })]);
    expect(s.usage).toEqual({
      responses: 2,
      totalTokens: 20,
      inputTokens: 12,
      outputTokens: 8,
      inputTextTokens: 4,
      inputAudioTokens: 8,
      cachedTokens: 2,
      outputTextTokens: 2,
      outputAudioTokens: 6,
    });
  });

  it('take final item content from response.done output', () => {
    const s = reduceServerEvent(
      withReply,
      ev.responseDone('r1', 'completed', [
        {
          id: 'a',
          type: 'message',
          role: 'assistant',
          status: 'completed',
          content: [{ type: 'output_audio', transcript: 'Half a sentence.' }],
        },
      ]),
    );
    expect(selectTranscript(s)[0]).toMatchObject({ text: 'Half a sentence.', final: true, status: 'completed' });
  });

  it('out-of-band responses (no conversation) do not take the turn', () => {
    const s = reduceServerEvent(start, ev.responseCreated('oob', { conversation_id: null }));
    expect(s.activeResponseId).toBeNull();
    expect(selectResponse(s, 'oob')?.status).toBe('in_progress');
  });
});

describe('truncated, deleted, retrieved', () => {
  const base = reduceAll(start, [
    ev.added('u', 'user', null, [{ type: 'input_text', text: 'Hi' }]),
    ev.added('a', 'assistant', 'u', [{ type: 'output_audio', transcript: 'Long answer' }], 'completed'),
  ]);

  it('truncated marks the item incomplete and keeps where audio stopped', () => {
    const s = reduceServerEvent(
      base,
      ev.simple('conversation.item.truncated', { item_id: 'a', content_index: 0, audio_end_ms: 1500 }),
    );
    expect(selectItem(s, 'a')).toMatchObject({
      status: 'incomplete',
      final: true,
      audioEndMs: 1500,
      text: 'Long answer',
    });
  });

  it('deleted removes the item from items and order', () => {
    const s = reduceServerEvent(base, ev.simple('conversation.item.deleted', { item_id: 'u' }));
    expect(selectOrder(s)).toEqual(['a']);
    expect(selectItem(s, 'u')).toBeUndefined();
    expect(reduceServerEvent(s, ev.simple('conversation.item.deleted', { item_id: 'u' }))).toBe(s);
  });

  it('retrieved refreshes the item without moving it', () => {
    const s = reduceServerEvent(base, {
      type: 'conversation.item.retrieved',
      event_id: 'e',
      item: {
        id: 'u',
        type: 'message',
        role: 'user',
        status: 'completed',
        content: [{ type: 'input_text', text: 'Hi there' }],
      },
    });
    expect(texts(s)).toEqual(['u:Hi there', 'a:Long answer']);
  });
});

describe('errors and sessions', () => {
  it('keep the last server error with its code and message', () => {
    const s = reduceServerEvent(start, {
      type: 'error',
      event_id: 'e9',
      error: {
        type: 'invalid_request_error',
        code: 'conversation_already_has_active_response',
        message: 'busy',
        param: null,
        event_id: 'client_1',
      },
    });
    expect(s.lastError).toEqual({
      source: 'server',
      code: 'conversation_already_has_active_response',
      message: 'busy',
      type: 'invalid_request_error',
      eventId: 'client_1',
    });
  });

  it('keep session.created/updated as the effective session', () => {
    let s = reduceServerEvent(
      start,
      ev.simple('session.created', { session: { type: 'realtime', model: 'gpt-realtime', instructions: 'a' } }),
    );
    expect(s.session).toMatchObject({ model: 'gpt-realtime', instructions: 'a' });
    s = reduceServerEvent(
      s,
      ev.simple('session.updated', { session: { type: 'realtime', model: 'gpt-realtime', instructions: 'b' } }),
    );
    expect(s.session?.instructions).toBe('b');
  });
});

describe('purity and identity', () => {
  it('returns the same state for unknown and malformed events', () => {
    const s = reduceAll(start, [ev.added('u', 'user', null, [{ type: 'input_text', text: 'Hi' }])]);
    for (const bad of [
      null,
      1,
      'x',
      [],
      {},
      { type: 'nope' },
      { type: 'response.output_text.delta' },
      { type: 'response.output_text.delta', item_id: 'u', delta: 5 },
      { type: 'conversation.item.added', item: 'x' },
      { type: 'rate_limits.updated', rate_limits: 'none' },
      { type: 'input_audio_buffer.timeout_triggered' },
    ]) {
      expect(reduceServerEvent(s, bad)).toBe(s);
    }
  });

  it('a delta changes only its own item; other items and entries keep their identity', () => {
    const s1 = reduceAll(start, [
      ev.added('u', 'user', null, [{ type: 'input_text', text: 'Hi' }]),
      ev.outputItemAdded('r1', { id: 'a', type: 'message', role: 'assistant', status: 'in_progress', content: [] }),
    ]);
    const t1 = selectTranscript(s1);
    expect(selectTranscript(s1)).toBe(t1);
    const s2 = reduceServerEvent(s1, ev.transcriptDelta('a', 'x'));
    const t2 = selectTranscript(s2);
    expect(selectItem(s2, 'u')).toBe(selectItem(s1, 'u'));
    expect(selectItem(s2, 'a')).not.toBe(selectItem(s1, 'a'));
    expect(t2[0]).toBe(t1[0]);
    expect(t2[1]).not.toBe(t1[1]);
    expect(s2.order).toBe(s1.order);
    expect(s2.responses).toBe(s1.responses);
  });

  it('does not modify the previous state', () => {
    const s1 = reduceAll(start, [
      ev.outputItemAdded('r1', { id: 'a', type: 'message', role: 'assistant', status: 'in_progress', content: [] }),
    ]);
    const snapshot = JSON.stringify(selectTranscript(s1));
    reduceAll(s1, [
      ev.transcriptDelta('a', 'x'),
      ev.responseDone('r1', 'cancelled'),
      ev.simple('conversation.item.deleted', { item_id: 'a' }),
    ]);
    expect(JSON.stringify(selectTranscript(s1))).toBe(snapshot);
  });

  it('survives duplicates', () => {
    const added = ev.added('u', 'user', null, [{ type: 'input_text', text: 'Hi' }]);
    const s = reduceAll(start, [added, added, added]);
    expect(selectOrder(s)).toEqual(['u']);
  });
});

describe('hostile payloads for known items', () => {
  it('keep kind, role and text when a repeat payload has wrong-typed fields', () => {
    const s1 = reduceAll(start, [ev.added('u', 'user', null, [{ type: 'input_text', text: 'Hi' }])]);
    const s2 = reduceServerEvent(s1, {
      type: 'conversation.item.added',
      event_id: 'e',
      item: { id: 'u', type: 'function_call', role: 7, status: 'exploded', content: 'nope' },
    });
    expect(selectTranscript(s2)[0]).toMatchObject({ kind: 'message', role: 'user', text: 'Hi', status: 'completed' });
  });
});
