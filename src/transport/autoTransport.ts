import { RealtimeError } from '../core/errors.js';
import type { Emitter } from './createEmitter.js';
import type { Transport, TransportContext, TransportEventMap } from './Transport.js';
import { webRtcTransport } from './webrtc/createWebRtcTransport.js';

const EVENTS = ['message', 'close', 'remote_stream', 'connection_state'] as const;
/** How long WebRTC may take to connect (ICE, DTLS, the event channel) before `'auto'` switches to WebSocket. */
export const AUTO_FALLBACK_MS = 4000;

/**
 * `transport: 'auto'` where the browser has WebRTC: WebRTC first; when it has not connected within
 * `fallbackMs` (UDP blocked, ICE failing) or fails outright, the same call goes over WebSocket with the same key,
 * and `fallback` is emitted. Loaded on demand, with the WebSocket code behind a second `import()`.
 */
export function autoTransport(
  context: TransportContext,
  emitter: Emitter<TransportEventMap>,
  fallbackMs = AUTO_FALLBACK_MS,
): Transport {
  const rtc = webRtcTransport(context);
  let current: Transport = rtc;
  let closed = false;
  for (const type of EVENTS) rtc.on(type, (payload) => current === rtc && emitter.emit(type, payload as never));
  return {
    get status() {
      return current.status;
    },
    get media() {
      return current.media;
    },
    async connect(secret, signal) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const slow = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new RealtimeError('connect_timeout', `WebRTC did not connect within ${fallbackMs} ms.`)),
          fallbackMs,
        );
      });
      try {
        return await Promise.race([rtc.connect(secret, signal), slow]);
      } catch (error) {
        if (closed || signal.aborted || (error instanceof RealtimeError && error.code === 'aborted')) throw error;
        rtc.close();
        const { websocketSessionTransport } = await import('./websocket/websocketSessionTransport.js');
        if (closed) throw new RealtimeError('aborted', 'The connection attempt was cancelled.');
        current = websocketSessionTransport(context, emitter);
        emitter.emit('fallback', {
          from: 'webrtc',
          to: 'websocket',
          reason: error instanceof RealtimeError ? error.message : String(error),
        });
        return current.connect(secret, signal);
      } finally {
        clearTimeout(timer);
      }
    },
    send: (event) => current.send(event),
    close() {
      closed = true;
      current.close();
    },
    on: emitter.on,
  };
}
