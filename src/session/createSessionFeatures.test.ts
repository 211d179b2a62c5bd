import { describe, expect, it } from 'vitest';
import type { ClientEvent } from '../core/protocol/events.js';
import { createRealtimeStore } from '../core/state/store.js';
import { createSessionFeatures, MIN_PUSH_TO_TALK_MS } from './createSessionFeatures.js';
import type { RealtimeSessionOptions } from './types.js';

function setup(options: RealtimeSessionOptions = {}) {
  const store = createRealtimeStore();
  const sent: ClientEvent[] = [];
  let clock = 0;
  let gateChanges = 0;
  let interrupts = 0;
  const features = createSessionFeatures({
    options,
    store,
    send: (e) => sent.push(e),
    interrupt: () => interrupts++,
    applyMicGate: () => gateChanges++,
    onToolError: () => undefined,
    now: () => clock,
  });
  const connect = () => store.apply({ type: 'status', status: 'connected' });
  return {
    store,
    sent,
    features,
    connect,
    types: () => sent.map((e) => e.type),
    advance: (ms: number) => (clock += ms),
    gateChanges: () => gateChanges,
    interrupts: () => interrupts,
  };
}

describe('createSessionFeatures', () => {
  it('declares function tools in the connect config, next to the caller’s session config', () => {
    const { features } = setup({
      session: { instructions: 'Be brief.' },
      tools: [
        { name: 'get_weather', description: 'Weather by city', parameters: { type: 'object' }, handler: () => 'sunny' },
      ],
    });
    expect(features.connectConfig()).toEqual({
      instructions: 'Be brief.',
      tools: [
        { type: 'function', name: 'get_weather', description: 'Weather by city', parameters: { type: 'object' } },
      ],
    });
  });

  it('rejects tools without handlers at creation, with a message that names the tool', () => {
    expect(() => setup({ tools: [{ name: 'x' } as never] })).toThrow(/Tool "x" needs a `handler`/);
  });

  it('push-to-talk: press switches off VAD, clears the buffer and opens the mic; release commits and asks once', () => {
    const { features, connect, sent, types, advance } = setup();
    connect();
    expect(features.micOpen()).toBe(true);
    features.startTalking();
    expect(features.turnDetection()).toBe('push_to_talk');
    expect(sent[0]).toEqual({
      type: 'session.update',
      session: { type: 'realtime', audio: { input: { turn_detection: null } } },
    });
    expect(types().slice(1)).toEqual(['input_audio_buffer.clear']);
    expect(features.micOpen()).toBe(true);
    advance(800);
    expect(features.stopTalking()).toBe(true);
    expect(features.micOpen()).toBe(false);
    expect(types().slice(2)).toEqual(['input_audio_buffer.commit', 'response.create']);
  });

  it('push-to-talk: a slip shorter than the minimum is dropped, not committed', () => {
    const { features, connect, types, advance } = setup({ session: { audio: { input: { turn_detection: null } } } });
    connect();
    expect(features.turnDetection()).toBe('push_to_talk');
    expect(features.micOpen()).toBe(false);
    features.startTalking();
    advance(MIN_PUSH_TO_TALK_MS - 1);
    expect(features.stopTalking()).toBe(false);
    expect(types()).toEqual(['input_audio_buffer.clear', 'input_audio_buffer.clear']);
  });

  it('push-to-talk while the agent answers cuts it off first', () => {
    const { features, store, connect, interrupts } = setup();
    connect();
    store.receive({
      type: 'response.created',
      event_id: 'e1',
      response: { id: 'resp_1', status: 'in_progress', conversation_id: 'c', output: [] },
    });
    features.startTalking();
    expect(interrupts()).toBe(1);
  });

  it('switching turn detection at runtime sends the GA config; before connecting it rides on the connect update', () => {
    const { features, connect, sent } = setup({ session: { instructions: 'x' } });
    features.setTurnDetection('push_to_talk');
    expect(sent).toEqual([]);
    expect(features.connectConfig()).toEqual({ instructions: 'x', audio: { input: { turn_detection: null } } });
    connect();
    features.setTurnDetection('semantic_vad');
    expect(sent[0]).toMatchObject({
      type: 'session.update',
      session: { audio: { input: { turn_detection: { type: 'semantic_vad' } } } },
    });
    expect(features.micOpen()).toBe(true);
  });

  it('an MCP approval answer goes back once as mcp_approval_response, then a response is requested', () => {
    const { features, connect, sent } = setup();
    connect();
    features.respondToMcpApproval('mcpr_1', false, 'not today');
    features.respondToMcpApproval('mcpr_1', true);
    expect(sent).toEqual([
      {
        type: 'conversation.item.create',
        item: { type: 'mcp_approval_response', approval_request_id: 'mcpr_1', approve: false, reason: 'not today' },
      },
      { type: 'response.create', event_id: 'talkwire_response_1' },
    ]);
  });

  it('only the two race codes are benign', () => {
    const { features } = setup();
    expect(features.isBenignError('conversation_already_has_active_response')).toBe(true);
    expect(features.isBenignError('response_cancel_not_active')).toBe(true);
    expect(features.isBenignError('cannot_update_voice')).toBe(false);
    expect(features.isBenignError(undefined)).toBe(false);
  });
});
