import { afterEach, describe, expect, it } from 'vitest';
import { selectOrder, selectTranscript } from '../../core/state/selectors.js';
import {
  createScriptedTransport,
  type ScriptedTransportOptions,
} from '../../testing/scripted/createScriptedTransport.js';
import { createRealtimeSession } from '../createRealtimeSession.js';
import type { RealtimeSession, RealtimeSessionOptions } from '../types.js';

const sessions: RealtimeSession[] = [];
afterEach(async () => {
  for (const session of sessions.splice(0)) await session.disconnect();
});

function open(script: ScriptedTransportOptions = {}, options: RealtimeSessionOptions = {}) {
  const scripted = createScriptedTransport(script);
  const session = createRealtimeSession({
    transport: scripted,
    getClientSecret: async () => 'ek_scripted',
    ...options,
  });
  sessions.push(session);
  return { scripted, session };
}

describe('updateSession before connect()', () => {
  it('is kept and rides on the connect’s own session.update, once', async () => {
    const { scripted, session } = open({}, { session: { instructions: 'Be brief.' } });
    session.updateSession({ audio: { output: { voice: 'marin' } } });
    session.updateSession({ instructions: 'Be very brief.' });
    await session.connect();
    const updates = scripted.received.filter((e) => e.type === 'session.update');
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({
      session: { instructions: 'Be very brief.', audio: { output: { voice: 'marin' } } },
    });
    expect(session.store.getState().session?.instructions).toBe('Be very brief.');
  });

  it('applies to every later connect, as the seed client keeps its session config', async () => {
    const { scripted, session } = open();
    session.updateSession({ instructions: 'Every call.' });
    await session.connect();
    await session.disconnect();
    await session.connect();
    const updates = scripted.received.filter((e) => e.type === 'session.update');
    expect(updates.map((e) => (e as { session: { instructions?: string } }).session.instructions)).toEqual([
      'Every call.',
      'Every call.',
    ]);
  });
});

describe('once and waitFor', () => {
  it('once calls its handler for the next event only, session or server', async () => {
    const { scripted, session } = open({ replies: ['One.', 'Two.'] });
    const statuses: string[] = [];
    const done: string[] = [];
    session.once('status', (status) => statuses.push(status));
    session.once('response.done', (event) => done.push(event.response.id ?? ''));
    await session.connect();
    scripted.userSays('hi');
    await scripted.settled();
    scripted.userSays('again');
    await scripted.settled();
    expect(statuses).toEqual(['connecting']);
    expect(done).toHaveLength(1);
  });

  it('waitFor resolves with the event a predicate accepts (the next completed item)', async () => {
    const { scripted, session } = open({ replies: ['Sure thing.'] });
    await session.connect();
    const completed = session.waitFor('conversation.item.done', {
      predicate: (event) => 'role' in event.item && event.item.role === 'assistant',
    });
    scripted.userSays('hello');
    const event = await completed;
    expect(event.item).toMatchObject({ role: 'assistant', status: 'completed' });
  });

  it('waitFor rejects with wait_timeout, and with aborted when its signal aborts', async () => {
    const { session } = open();
    await session.connect();
    await expect(session.waitFor('response.done', { timeoutMs: 20 })).rejects.toMatchObject({ code: 'wait_timeout' });
    const controller = new AbortController();
    const waiting = session.waitFor('tool_call', { signal: controller.signal });
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'aborted' });
  });
});

describe('item and response commands', () => {
  it('deleteItem removes the item from the transcript when the server confirms', async () => {
    const { scripted, session } = open({ replies: ['Noted.'] });
    await session.connect();
    session.sendText('Forget this.');
    await scripted.settled();
    const [userId] = selectOrder(session.store.getState());
    session.deleteItem(userId!);
    await session.waitFor('conversation.item.deleted');
    expect(selectOrder(session.store.getState())).not.toContain(userId);
  });

  it('retrieveItem resolves with the server’s item, and rejects for an unknown id', async () => {
    const { scripted, session } = open();
    await session.connect();
    session.sendText('Keep this.');
    await scripted.settled();
    const [userId] = selectOrder(session.store.getState());
    expect(await session.retrieveItem(userId!)).toMatchObject({ id: userId, role: 'user' });
    await expect(session.retrieveItem('item_missing', { timeoutMs: 2000 })).rejects.toMatchObject({
      code: 'server_error',
    });
  });

  it('truncateItem cuts the item at audioEndMs; an unknown item is refused by the server', async () => {
    const { scripted, session } = open({ replies: ['A long answer.'] });
    await session.connect();
    scripted.userSays('talk');
    await scripted.settled();
    const assistant = selectTranscript(session.store.getState()).find((e) => e.role === 'assistant')!;
    session.truncateItem(assistant.id, 400);
    await session.waitFor('conversation.item.truncated');
    expect(session.store.getState().items).toBeDefined();
    expect(scripted.received.find((e) => e.type === 'conversation.item.truncate')).toEqual({
      type: 'conversation.item.truncate',
      item_id: assistant.id,
      content_index: 0,
      audio_end_ms: 400,
    });
    // A bad position is the server's to refuse: it answers with an error naming the parameter.
    session.truncateItem('item_missing', 10);
    expect(
      (await session.waitFor('server_event', { predicate: (e) => e.type === 'error', timeoutMs: 2000 })).type,
    ).toBe('error');
  });

  it('cancelResponse sends response.cancel, for a named response too', async () => {
    const { scripted, session } = open();
    await session.connect();
    session.cancelResponse();
    session.cancelResponse('resp_1');
    expect(scripted.received.slice(-2)).toEqual([
      { type: 'response.cancel' },
      { type: 'response.cancel', response_id: 'resp_1' },
    ]);
  });
});

describe('ask(): side questions', () => {
  it('resolves with the text of an out-of-band response and leaves the transcript unchanged', async () => {
    const { scripted, session } = open({ replies: ['Hello there.'], outOfBand: (r) => `Topic: ${r.instructions}` });
    await session.connect();
    scripted.userSays('hi');
    await scripted.settled();
    const before = selectTranscript(session.store.getState());
    const answer = await session.ask({ instructions: 'greetings', metadata: { purpose: 'topic' } });
    expect(answer).toBe('Topic: greetings');
    expect(selectTranscript(session.store.getState())).toEqual(before);
    const create = scripted.received.find((e) => e.type === 'response.create' && e.response?.conversation === 'none');
    expect(create).toMatchObject({
      response: { conversation: 'none', output_modalities: ['text'], metadata: { purpose: 'topic' } },
    });
  });

  it('runs questions in parallel and parses JSON when asked', async () => {
    const { session } = open({ outOfBand: (r) => JSON.stringify({ q: r.instructions }) });
    await session.connect();
    const [a, b] = await Promise.all([
      session.ask<{ q: string }>({ instructions: 'a', json: true }),
      session.ask<{ q: string }>({ instructions: 'b', json: true }),
    ]);
    expect([a.q, b.q]).toEqual(['a', 'b']);
  });

  it('rejects when the answer is not JSON, when cancelled, and when not connected', async () => {
    const { session } = open({ outOfBand: () => 'not json' });
    await expect(session.ask()).rejects.toMatchObject({ code: 'not_connected' });
    await session.connect();
    await expect(session.ask({ json: true })).rejects.toMatchObject({ code: 'response_failed' });
    const controller = new AbortController();
    const asking = session.ask({ signal: controller.signal });
    controller.abort();
    await expect(asking).rejects.toMatchObject({ code: 'aborted' });
  });
});

describe('addTool and removeTool at run time', () => {
  it('a tool added mid-call is declared at once and called', async () => {
    const { scripted, session } = open({
      replies: ['Hello.', { call: 'get_time', arguments: { zone: 'UTC' } }, 'It is noon.'],
    });
    await session.connect();
    scripted.userSays('hi');
    await scripted.settled();
    const seen: unknown[] = [];
    session.addTool({ name: 'get_time', description: 'The time', parameters: { type: 'object' } }, (args) => {
      seen.push(args);
      return { time: '12:00' };
    });
    await session.waitFor('session.updated', { timeoutMs: 2000 });
    expect(session.store.getState().session?.tools).toEqual([
      { type: 'function', name: 'get_time', description: 'The time', parameters: { type: 'object' } },
    ]);
    scripted.userSays('what time is it?');
    await session.waitFor('tool_call', { predicate: (call) => call.status === 'completed', timeoutMs: 2000 });
    expect(seen).toEqual([{ zone: 'UTC' }]);
    await scripted.settled();
    expect(selectTranscript(session.store.getState()).at(-1)?.text).toBe('It is noon.');
  });

  it('removeTool takes it out of the session; bad definitions throw a TypeError', async () => {
    const { scripted, session } = open(
      {},
      {
        tools: [
          { name: 'a', handler: () => 'A' },
          { name: 'b', handler: () => 'B' },
        ],
      },
    );
    await session.connect();
    session.removeTool('a');
    await session.waitFor('session.updated', { timeoutMs: 2000 });
    expect(session.store.getState().session?.tools?.map((tool) => (tool as { name: string }).name)).toEqual(['b']);
    expect(() => session.addTool({ name: '' }, () => 1)).toThrow(TypeError);
    expect(scripted.received.filter((e) => e.type === 'session.update')).toHaveLength(2);
  });

  it('a tool added before connect is declared by the connect', async () => {
    const { scripted, session } = open();
    session.addTool({ name: 'early' }, () => 'ok');
    await session.connect();
    expect(scripted.received[0]).toMatchObject({
      type: 'session.update',
      session: { tools: [{ type: 'function', name: 'early' }] },
    });
  });
});
