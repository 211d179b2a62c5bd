import { RealtimeError } from '../core/errors.js';
import type { ClientEvent } from '../core/protocol/events.js';
import { createEmitter } from './createEmitter.js';
import type { Transport, TransportEventMap, TransportMedia } from './Transport.js';

const EVENTS = ['message', 'close', 'remote_stream', 'connection_state', 'output_audio'] as const;

/**
 * A transport whose code loads at `connect()` (an `import()` in `load`), so an app that never uses it never
 * downloads it. Made synchronously like any transport; `usesMic` is known up front because the session decides
 * on the microphone before the code has loaded. The stream handed to `setInput` before then is passed on.
 */
export function lazyTransport(load: () => Promise<Transport>, usesMic: boolean): Transport {
  const emitter = createEmitter<TransportEventMap>();
  let inner: Transport | null = null;
  let closed = false;
  let input: MediaStream | null = null;
  const media: TransportMedia = {
    usesMic,
    setInput(stream) {
      input = stream;
      return inner?.media?.setInput(stream) ?? Promise.resolve();
    },
    interruptOutput: () => inner?.media?.interruptOutput?.(),
    getOutputLevel: () => inner?.media?.getOutputLevel?.() ?? 0,
    appendInputAudio(pcm) {
      const append = inner?.status === 'open' ? inner.media?.appendInputAudio : undefined;
      if (!append) throw new RealtimeError('not_connected', 'appendInputAudio(): the session is not connected. Call connect() first.');
      append(pcm);
    },
    async setOutputDevice(deviceId) {
      await inner?.media?.setOutputDevice?.(deviceId);
    },
  };
  return {
    get status() {
      return inner?.status ?? (closed ? 'closed' : 'new');
    },
    media,
    async connect(secret, signal) {
      const loaded = await load();
      if (closed || signal.aborted) {
        loaded.close();
        throw new RealtimeError('aborted', 'The connection attempt was cancelled.');
      }
      inner = loaded;
      for (const type of EVENTS) loaded.on(type, (payload) => emitter.emit(type, payload as never));
      if (input) await loaded.media?.setInput(input);
      return loaded.connect(secret, signal);
    },
    send(event: ClientEvent) {
      if (!inner) throw new RealtimeError('not_connected', `Cannot send "${event.type}": the session is not connected. Call connect() first.`);
      inner.send(event);
    },
    close() {
      closed = true;
      inner?.close();
    },
    on: emitter.on,
  };
}
