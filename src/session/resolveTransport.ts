import { RealtimeError } from '../core/errors.js';
import type { Transport, TransportContext, TransportOption } from '../transport/Transport.js';
import { webRtcTransport } from '../transport/webrtc/createWebRtcTransport.js';
import type { ResolvedEnvironment } from './resolveEnvironment.js';

/** The transport for one call, from the `transport` option (default `'webrtc'`). */
export function createTransport(option: TransportOption | undefined, apiBaseUrl: string | undefined, env: ResolvedEnvironment): Transport {
  const context: TransportContext = {
    apiBaseUrl,
    fetch: env.fetch,
    RTCPeerConnection: env.RTCPeerConnection,
    WebSocket: env.WebSocket,
    AudioContext: env.AudioContext,
  };
  if (typeof option === 'function') return option(context);
  if (option === undefined || option === 'webrtc' || (option === 'auto' && context.RTCPeerConnection)) {
    return webRtcTransport(context);
  }
  if (option === 'websocket' || option === 'auto') {
    throw new RealtimeError(
      'unsupported_environment',
      option === 'auto'
        ? 'This browser has no RTCPeerConnection and the WebSocket transport is not available in this version of talkwire yet. Use a current Chrome, Edge, Firefox or Safari.'
        : "The WebSocket transport is not available in this version of talkwire yet. Use transport: 'webrtc' (the default) or pass a transport factory.",
    );
  }
  throw new RealtimeError('unsupported_environment', `Unknown transport ${JSON.stringify(option)}: use 'webrtc', 'websocket', 'auto' or a factory.`);
}
