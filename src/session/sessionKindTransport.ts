import { RealtimeError } from '../core/errors.js';
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
    const withKind: TransportContext = { ...context, sessionKind: kind };
    let transport: Transport;
    if (typeof option === 'function') transport = option(withKind);
    else if (option === undefined || option === 'webrtc' || (option === 'auto' && context.RTCPeerConnection)) {
      transport =
        kind === 'translation'
          ? webRtcTransport({ ...withKind, fetch: translationCalls(context.fetch) })
          : webRtcTransport(withKind);
    } else {
      throw new RealtimeError(
        'unsupported_environment',
        `The WebSocket transport (transport: ${JSON.stringify(option)}) is not available in this version of talkwire yet: use 'webrtc', or pass a transport factory (it receives sessionKind: '${kind}').`,
      );
    }
    if (tap) transport.on('message', tap);
    return transport;
  };
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
