import { afterEach, describe, expect, it } from 'vitest';
import type { ServerEvent } from '../core/protocol/events.js';
import { selectTranscript } from '../core/state/selectors.js';
import { createScriptedTransport } from '../testing/scripted/createScriptedTransport.js';
import type { Transport, TransportFactory } from '../transport/Transport.js';
import { createRealtimeSession } from './createRealtimeSession.js';
import type { RealtimeSession } from './types.js';

const sessions: RealtimeSession[] = [];
afterEach(async () => {
  for (const session of sessions.splice(0)) await session.disconnect();
});

/** The scripted transport, plus a way to send the session any server event as the server would. */
function openWithServer() {
  const scripted = createScriptedTransport();
  let deliver: ((raw: string) => void) | null = null;
  const factory: TransportFactory = (context) => {
    const inner = scripted(context);
    return new Proxy(inner, {
      get(target, key) {
        if (key !== 'on') return Reflect.get(target, key, target) as unknown;
        const on: Transport['on'] = (type, listener) => {
          if (type === 'message') deliver = listener as (raw: string) => void;
          return target.on(type, listener);
        };
        return on;
      },
    });
  };
  const session = createRealtimeSession({ transport: factory, getClientSecret: () => Promise.resolve('ek_scripted') });
  sessions.push(session);
  const server = (event: Record<string, unknown>) =>
    deliver?.(JSON.stringify({ event_id: `event_${Math.random()}`, ...event }));
  return { session, server };
}

describe('the idle timeout on a session', () => {
  it('is emitted as idle with the server event, and its silent turn is marked in the transcript', async () => {
    const { session, server } = openWithServer();
    await session.connect();
    const idle: ServerEvent[] = [];
    session.on('idle', (event) => idle.push(event));
    server({
      type: 'input_audio_buffer.timeout_triggered',
      audio_start_ms: 672,
      audio_end_ms: 5792,
      item_id: 'u_idle',
    });
    server({
      type: 'conversation.item.added',
      item: {
        id: 'sys_1',
        type: 'message',
        role: 'system',
        content: [{ type: 'input_text', text: 'No user speech…' }],
      },
    });
    server({ type: 'input_audio_buffer.committed', previous_item_id: 'sys_1', item_id: 'u_idle' });
    server({
      type: 'conversation.item.done',
      previous_item_id: 'sys_1',
      item: {
        id: 'u_idle',
        type: 'message',
        role: 'user',
        status: 'completed',
        content: [{ type: 'input_audio', transcript: null }],
      },
    });
    expect(idle).toEqual([expect.objectContaining({ item_id: 'u_idle', audio_start_ms: 672, audio_end_ms: 5792 })]);
    const entries = selectTranscript(session.store.getState());
    expect(entries.find((e) => e.id === 'u_idle')).toMatchObject({ idle: true, role: 'user' });
    // The server's answer to the silence is on its way: the agent is thinking, as after any committed turn.
    expect(session.store.getState().agentState).toBe('thinking');
  });

  it('rate_limits.updated lands in state.rateLimits', async () => {
    const { session, server } = openWithServer();
    await session.connect();
    server({
      type: 'rate_limits.updated',
      rate_limits: [{ name: 'tokens', limit: 15_000_000, remaining: 14_990_000, reset_seconds: 0.002 }],
    });
    expect(session.store.getState().rateLimits).toEqual([
      { name: 'tokens', limit: 15_000_000, remaining: 14_990_000, resetSeconds: 0.002 },
    ]);
  });
});
