import { describe, expect, it } from 'vitest';
import { createEmitter } from '../transport/createEmitter.js';
import type { TransportEventMap, TransportFactory } from '../transport/Transport.js';
import { createScriptedTransport } from '../testing/scripted/createScriptedTransport.js';
import { createRealtimeSession } from './createRealtimeSession.js';
import type { TransportFallback } from '../core/state/types.js';

/**
 * A scripted call whose transport also reports a fallback during connect(), as `'auto'` does when WebRTC gives
 * up: the session must show it in the store and as `transport_fallback`.
 */
function fallingBack(fallback: TransportFallback | null): TransportFactory {
  const scripted = createScriptedTransport();
  let calls = 0;
  return (context) => {
    // Only the first call falls back, as when the network changes between two calls.
    const falls = fallback !== null && calls++ === 0;
    const inner = scripted(context);
    const own = createEmitter<Pick<TransportEventMap, 'fallback'>>();
    return {
      get status() {
        return inner.status;
      },
      media: inner.media,
      async connect(secret, signal) {
        if (falls && fallback) own.emit('fallback', fallback);
        return inner.connect(secret, signal);
      },
      send: (event) => inner.send(event),
      close: () => inner.close(),
      on: (type, listener) => (type === 'fallback' ? own.on('fallback', listener as never) : inner.on(type, listener)),
    };
  };
}

const secret = () => Promise.resolve('ek_test');

describe('connectCall: which transport carries the call', () => {
  it('a fallback lands in state.transport and as transport_fallback, before the call is connected', async () => {
    const fallback: TransportFallback = {
      from: 'webrtc',
      to: 'websocket',
      reason: 'WebRTC did not connect within 4000 ms.',
    };
    const session = createRealtimeSession({ transport: fallingBack(fallback), getClientSecret: secret });
    const seen: Array<{ fallback: TransportFallback; status: string }> = [];
    session.on('transport_fallback', (f) => seen.push({ fallback: f, status: session.store.getState().status }));
    expect(session.store.getState().transport).toEqual({ kind: null, fallback: null });
    await session.connect();
    expect(session.store.getState().transport).toEqual({ kind: 'websocket', fallback });
    // The store already says so when the event runs.
    expect(seen).toEqual([{ fallback, status: 'connecting' }]);
    await session.disconnect();
    // A later connect starts again from what the option says.
    await session.connect();
    expect(session.store.getState().transport).toEqual({ kind: 'custom', fallback: null });
    await session.disconnect();
  });

  it('without a fallback the store names the transport the option chose', async () => {
    const session = createRealtimeSession({ transport: fallingBack(null), getClientSecret: secret });
    await session.connect();
    expect(session.store.getState().transport).toEqual({ kind: 'custom', fallback: null });
    await session.disconnect();
  });
});
