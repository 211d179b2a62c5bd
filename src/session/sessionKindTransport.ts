import { lazyTransport } from '../transport/lazyTransport.js';
import type { Transport, TransportContext, TransportFactory, TransportOption } from '../transport/Transport.js';
import { webRtcTransport } from '../transport/webrtc/createWebRtcTransport.js';

/**
 * The `transport` option of a transcription or translation session, as a factory that tells the transport which
 * kind of session it carries (`context.sessionKind`). `tap` sees every raw message first (translation events are
 * not part of the Realtime conversation protocol the store knows).
 */
export function sessionKindTransport(
  option: TransportOption | undefined,
  kind: 'transcription' | 'translation',
  tap?: (raw: unknown) => void,
): TransportFactory {
  return (context: TransportContext): Transport => {
    // `apiBaseUrl` stays a getter: the key endpoint may name it after the transport was made.
    const withKind: TransportContext = {
      ...context,
      get apiBaseUrl() {
        return context.apiBaseUrl;
      },
      sessionKind: kind,
    };
    // WebSocket reads the kind for its URL (`?intent=transcription`, `/realtime/translations`); WebRTC posts a
    // translation's offer to its own endpoint. 'auto' gets both, for the fallback.
    if (kind === 'translation' && typeof option !== 'function') withKind.fetch = translationCalls(context.fetch);
    const transport = typeof option === 'function' ? option(withKind) : builtInTransport(option, withKind);
    if (tap) transport.on('message', tap);
    return transport;
  };
}

/**
 * A built-in transport by name, as `createTransport` picks it (kept apart so a default call's code does not grow
 * with what only these session kinds need). WebSocket and `'auto'` load on connect.
 */
function builtInTransport(option: TransportOption | undefined, context: TransportContext): Transport {
  if (option === 'auto' && context.RTCPeerConnection) {
    return lazyTransport(
      (emitter) => import('../transport/autoTransport.js').then((m) => m.autoTransport(context, emitter)),
      true,
    );
  }
  if (option === 'websocket' || option === 'auto') {
    return lazyTransport(
      (emitter) =>
        import('../transport/websocket/websocketSessionTransport.js').then((m) =>
          m.websocketSessionTransport(context, emitter),
        ),
      !!context.audio,
    );
  }
  return webRtcTransport(context);
}

/**
 * The WebRTC transport posts its offer to `${apiBaseUrl}/realtime/calls`; a translation call is answered at
 * `/realtime/translations/calls` instead. Rewriting that one URL keeps the default WebRTC path untouched.
 */
function translationCalls(doFetch: typeof fetch | null): typeof fetch | null {
  if (!doFetch) return null;
  return (input: RequestInfo | URL, init?: RequestInit) =>
    doFetch(
      typeof input === 'string' ? input.replace(/\/realtime\/calls$/, '/realtime/translations/calls') : input,
      init,
    );
}
