import type {
  Transport,
  TransportAudioHost,
  TransportContext,
  TransportOption,
  WebSocketSessionOptions,
} from '../transport/Transport.js';
import { lazyTransport } from '../transport/lazyTransport.js';
import { webRtcTransport } from '../transport/webrtc/createWebRtcTransport.js';
import type { ResolvedEnvironment } from './resolveEnvironment.js';

/**
 * The transport for one call, from the `transport` option (default `'webrtc'`; `'auto'` tries WebRTC where the
 * environment has it and falls back to WebSocket). Their code loads on connect, so a WebRTC app never downloads it.
 */
export function createTransport(
  option: TransportOption | undefined,
  apiBaseUrl: () => string | undefined,
  env: ResolvedEnvironment,
  audio?: TransportAudioHost,
  websocket?: WebSocketSessionOptions,
  minted?: TransportContext['minted'],
): Transport {
  const context: TransportContext = {
    get apiBaseUrl() {
      return apiBaseUrl();
    },
    fetch: env.fetch,
    RTCPeerConnection: env.RTCPeerConnection,
    WebSocket: env.WebSocket,
    AudioContext: env.AudioContext,
    audio: env.AudioContext && env.getUserMedia ? audio : undefined,
    websocket,
    minted,
  };
  if (typeof option === 'function') return option(context);
  if (option === 'auto' && context.RTCPeerConnection) {
    return lazyTransport(
      (emitter) => import('../transport/autoTransport.js').then((m) => m.autoTransport(context, emitter)),
      true,
    );
  }
  if (option === 'websocket' || (option === 'auto' && !context.RTCPeerConnection)) {
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
