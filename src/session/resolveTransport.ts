import { RealtimeError } from '../core/errors.js';
import type { Transport, TransportContext, TransportOption } from '../transport/Transport.js';
import { webRtcTransport } from '../transport/webrtc/createWebRtcTransport.js';
import type { ResolvedEnvironment } from './resolveEnvironment.js';

/** The transport for one call, from the `transport` option (default `'webrtc'`). */
export function createTransport(
  option: TransportOption | undefined,
  apiBaseUrl: () => string | undefined,
  env: ResolvedEnvironment,
): Transport {
  const context: TransportContext = {
    get apiBaseUrl() {
      return apiBaseUrl();
    },
    fetch: env.fetch,
    RTCPeerConnection: env.RTCPeerConnection,
    WebSocket: env.WebSocket,
    AudioContext: env.AudioContext,
  };
  if (typeof option === 'function') return option(context);
  if (option === undefined || option === 'webrtc' || (option === 'auto' && context.RTCPeerConnection)) {
    return webRtcTransport(context);
  }
  // The WebSocket transport plugs in here (docs/ARCHITECTURE.md); until then, a clear refusal.
  throw new RealtimeError(
    'unsupported_environment',
    `The WebSocket transport (transport: ${JSON.stringify(option)}) is not available in this version of talkwire yet: use 'webrtc' where the browser has WebRTC, or pass a transport factory.`,
  );
}
