import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { scenario, startRealtimeEmulator } from '../entries/testing.js';
import type { RealtimeEmulator } from '../entries/testing.js';
import { RtcClient, connectedClient, mintKey, tone } from '../../test/support/rtcClient.js';

let emulator: RealtimeEmulator;
const clients: RtcClient[] = [];

beforeAll(async () => {
  emulator = await startRealtimeEmulator({ sessionLimitMs: 60_000 });
});
afterEach(async () => {
  await fetch(`${emulator.url}/__emulator/reset`, { method: 'POST' });
  await Promise.all(clients.splice(0).map((c) => c.close()));
});
afterAll(() => emulator.close());

const connected = (session?: Record<string, unknown>) => connectedClient(emulator.apiBaseUrl, clients, session);

const errorCode = (code: string) => (e: { type: string; error?: unknown }) =>
  e.type === 'error' && (e.error as { code: string }).code === code;

describe('conversation items and push-to-talk', () => {
  it('creates, retrieves, truncates and deletes items; introspection over HTTP shows them', async () => {
    emulator.setScenario(scenario().reply('Short answer here.'));
    const client = await connected();
    client.send({
      type: 'conversation.item.create',
      item: { id: 'item_a', type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hi' }] },
    });
    const added = await client.waitFor('conversation.item.added');
    expect(added).toMatchObject({ previous_item_id: null, item: { id: 'item_a', status: 'completed' } });
    client.send({
      type: 'conversation.item.create',
      previous_item_id: 'root',
      item: { id: 'item_0', type: 'message', role: 'system', content: [{ type: 'input_text', text: 'Context' }] },
    });
    await client.waitFor((e) => e.type === 'conversation.item.done' && (e.item as { id: string }).id === 'item_0');
    client.send({
      type: 'conversation.item.create',
      event_id: 'evt_x',
      item: { type: 'message', role: 'robot', content: [] },
    });
    expect((await client.waitFor('error')).error).toMatchObject({ param: 'item.role', event_id: 'evt_x' });

    client.send({ type: 'response.create' });
    const done = await client.waitFor('response.done', 8000);
    const assistantId = (done.response as { output: Array<{ id: string }> }).output[0]!.id;
    client.send({ type: 'conversation.item.retrieve', item_id: assistantId });
    const retrieved = await client.waitFor('conversation.item.retrieved');
    expect(retrieved.item).toMatchObject({
      role: 'assistant',
      content: [{ type: 'output_audio', transcript: 'Short answer here.' }],
    });
    client.send({ type: 'conversation.item.truncate', item_id: assistantId, content_index: 0, audio_end_ms: 99_999 });
    await client.waitFor(errorCode('invalid_value'));
    client.send({ type: 'conversation.item.truncate', item_id: assistantId, content_index: 0, audio_end_ms: 300 });
    expect(await client.waitFor('conversation.item.truncated')).toMatchObject({
      item_id: assistantId,
      audio_end_ms: 300,
    });

    const http = (await (await fetch(`${emulator.url}/__emulator/calls/${client.callId}/items`)).json()) as {
      items: Array<{ id: string }>;
    };
    expect(http.items.map((i) => i.id).slice(0, 2)).toEqual(['item_0', 'item_a']);
    client.send({ type: 'conversation.item.delete', item_id: 'item_a' });
    await client.waitFor('conversation.item.deleted');
    client.send({ type: 'conversation.item.delete', item_id: 'item_a' });
    await client.waitFor(errorCode('item_delete_invalid_item_id'));
    expect(emulator.calls.items(client.callId).map((i) => i.id)).toEqual(['item_0', assistantId]);
  }, 10_000);

  it('push-to-talk: no VAD events, clear then commit creates the turn, response.create answers', async () => {
    const client = await connected({ audio: { input: { turn_detection: null } } });
    client.send({ type: 'input_audio_buffer.clear' });
    await client.waitFor('input_audio_buffer.cleared');
    await client.sendAudio(tone(300), 5);
    await new Promise((r) => setTimeout(r, 50));
    expect(client.types()).not.toContain('input_audio_buffer.speech_started');
    client.send({ type: 'input_audio_buffer.commit' });
    const committed = await client.waitFor('input_audio_buffer.committed');
    await client.waitFor('conversation.item.done');
    expect(client.types()).not.toContain('response.created');
    client.send({ type: 'response.create' });
    const done = await client.waitFor('response.done', 8000);
    expect((done.response as { status: string }).status).toBe('completed');
    expect(emulator.calls.items(client.callId)[0]!.id).toBe(committed.item_id);
  }, 10_000);
});

describe('scripted tools and faults', () => {
  it('MCP approval requests arrive as items; the approval response is stored', async () => {
    emulator.setScenario(scenario().requestMcpApproval('docs', 'search', { q: 'talkwire' }));
    const client = await connected({ output_modalities: ['text'] });
    client.send({ type: 'response.create' });
    const added = await client.waitFor('response.output_item.added');
    expect(added.item).toMatchObject({
      type: 'mcp_approval_request',
      server_label: 'docs',
      name: 'search',
      arguments: '{"q":"talkwire"}',
    });
    await client.waitFor('response.done');
    const requestId = (added.item as { id: string }).id;
    client.send({
      type: 'conversation.item.create',
      item: { type: 'mcp_approval_response', approval_request_id: requestId, approve: true },
    });
    await client.waitFor(
      (e) => e.type === 'conversation.item.done' && (e.item as { type: string }).type === 'mcp_approval_response',
    );
    expect(emulator.calls.items(client.callId).map((i) => i.type)).toEqual([
      'mcp_approval_request',
      'mcp_approval_response',
    ]);
  });

  it('channel faults over HTTP: malformed JSON, unknown event, server error, then the call still works', async () => {
    const client = await connected({ output_modalities: ['text'] });
    const post = (fault: unknown) =>
      fetch(`${emulator.url}/__emulator/faults`, {
        method: 'POST',
        body: JSON.stringify({ fault, callId: client.callId }),
      });
    const raw: string[] = [];
    client.channel.onMessage.subscribe((d) => raw.push(String(d)));
    expect((await post({ type: 'unknown_event', eventType: 'session.wobble' })).status).toBe(200);
    await client.waitFor('session.wobble');
    await post({ type: 'server_error' });
    expect((await client.waitFor('error')).error).toMatchObject({ type: 'server_error', event_id: null });
    client.events.length = 0;
    // The client helper parses JSON, so the malformed payload is checked on the raw channel instead.
    await post({ type: 'malformed_event', payload: '{"type":' });
    await new Promise((r) => setTimeout(r, 50));
    expect(raw).toContain('{"type":');
  });

  it('session limit fault ends the session with session_expired', async () => {
    emulator.inject({ type: 'session_limit', ms: 150 });
    const client = await connected();
    const err = await client.waitFor('error', 2000);
    expect(err.error).toMatchObject({ code: 'session_expired' });
    await new Promise<void>((resolve) => {
      if (client.channel.readyState === 'closed') resolve();
      client.channel.stateChanged.subscribe((s) => s === 'closed' && resolve());
    });
    expect(emulator.calls.get(client.callId)).toBeUndefined();
  });

  it('hangup over HTTP closes the call; calls/faults over HTTP errors fail clearly', async () => {
    const client = await connected();
    const res = await fetch(`${emulator.apiBaseUrl}/realtime/calls/${client.callId}/hangup`, {
      method: 'POST',
      headers: { Authorization: 'Bearer sk-test' },
    });
    expect(res.status).toBe(200);
    expect(emulator.calls.list()).toHaveLength(0);
    emulator.inject({ type: 'http_error', endpoint: 'calls', status: 500 });
    const second = new RtcClient();
    clients.push(second);
    const failed = await second.connect(emulator.apiBaseUrl, await mintKey(emulator.apiBaseUrl));
    expect(failed.status).toBe(500);
    expect(((await failed.json()) as { error: { type: string } }).error.type).toBe('server_error');

    emulator.inject({ type: 'bad_sdp_answer' });
    const third = new RtcClient();
    clients.push(third);
    await third.pc.setLocalDescription(await third.pc.createOffer());
    const bad = await fetch(`${emulator.apiBaseUrl}/realtime/calls`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await mintKey(emulator.apiBaseUrl)}`, 'Content-Type': 'application/sdp' },
      body: third.pc.localDescription!.sdp,
    });
    expect(bad.status).toBe(201);
    expect(await bad.text()).not.toMatch(/^v=0/);
    expect(emulator.calls.list()).toHaveLength(0);
  });
});
