import { describe, expect, it } from 'vitest';
import type { ClientEvent, ServerEvent } from '../core/protocol/events.js';
import { createRealtimeStore } from '../core/state/store.js';
import { createSessionFeatures } from './createSessionFeatures.js';
import type { RealtimeSessionOptions } from './types.js';

function setup(options: RealtimeSessionOptions = {}) {
  const store = createRealtimeStore();
  const sent: ClientEvent[] = [];
  const features = createSessionFeatures({
    options,
    store,
    send: (e) => sent.push(e),
    interrupt: () => undefined,
    applyMicGate: () => undefined,
    onToolError: () => undefined,
  });
  store.apply({ type: 'status', status: 'connected' });
  const lastTurnDetection = () =>
    (sent.at(-1) as { session: { audio: { input: { turn_detection: unknown } } } }).session.audio.input.turn_detection;
  return { features, store, sent, lastTurnDetection };
}

describe('switching turn detection keeps the user’s own settings', () => {
  const mine = {
    type: 'server_vad' as const,
    threshold: 0.7,
    silence_duration_ms: 900,
    idle_timeout_ms: 6000,
    create_response: true,
    interrupt_response: false,
  };

  it('push-to-talk -> server VAD restores the configured silence, idle timeout and barge-in', () => {
    const { features, lastTurnDetection } = setup({ session: { audio: { input: { turn_detection: mine } } } });
    features.setTurnDetection('push_to_talk');
    features.setTurnDetection('server_vad');
    expect(lastTurnDetection()).toEqual(mine);
  });

  it('restores what the server last confirmed after updateSession (session.updated)', () => {
    const { features, store, lastTurnDetection } = setup();
    const event = {
      type: 'session.updated',
      event_id: 'e1',
      session: { type: 'realtime', audio: { input: { turn_detection: mine } } },
    };
    store.receive(event);
    features.onServerEvent(event as unknown as ServerEvent);
    features.setTurnDetection('push_to_talk');
    features.setTurnDetection('server_vad');
    expect(lastTurnDetection()).toEqual(mine);
  });

  it('semantic VAD keeps its eagerness', () => {
    const semantic = {
      type: 'semantic_vad' as const,
      eagerness: 'low' as const,
      create_response: true,
      interrupt_response: true,
    };
    const { features, lastTurnDetection } = setup({ session: { audio: { input: { turn_detection: semantic } } } });
    features.setTurnDetection('server_vad');
    features.setTurnDetection('semantic_vad');
    expect(lastTurnDetection()).toEqual(semantic);
  });
});
