import { RealtimeError } from '../core/errors.js';
import { createEmitter, type Emitter } from './createEmitter.js';
import type { Transport, TransportEventMap } from './Transport.js';

/**
 * A transport whose code loads at `connect()` (an `import()` in `load`), so an app that never uses it never
 * downloads it. The loaded transport emits on this one's emitter and its `media` takes over once loaded;
 * `usesMic` is known up front because the session decides on the microphone before the code is there.
 */
export function lazyTransport(
  load: (emitter: Emitter<TransportEventMap>) => Promise<Transport>,
  usesMic: boolean,
): Transport {
  const emitter = createEmitter<TransportEventMap>();
  let inner: Transport | undefined;
  let closed = false;
  let input: MediaStream | null = null;
  // Kept for a loaded WebRTC transport ('auto'); the WebSocket one reads the mic through the session's engine.
  const idle = { usesMic, setInput: (stream: MediaStream | null) => Promise.resolve(void (input = stream)) };
  return {
    get status() {
      return inner ? inner.status : closed ? 'closed' : 'new';
    },
    get media() {
      return inner?.media ?? idle;
    },
    async connect(secret, signal) {
      inner = await load(emitter);
      if (closed) inner.close();
      else if (input) await inner.media?.setInput(input);
      return inner.connect(secret, signal);
    },
    send(event) {
      if (!inner) throw new RealtimeError('not_connected', `Cannot send "${event.type}": connect() first.`);
      inner.send(event);
    },
    close() {
      closed = true;
      inner?.close();
    },
    on: emitter.on,
    getStats: () => inner?.getStats?.(),
  };
}
