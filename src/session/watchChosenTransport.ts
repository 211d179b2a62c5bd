import type { TransportOption } from '../transport/Transport.js';
import type { Call } from './call.js';
import type { ConnectDeps } from './connectCall.js';
import type { ResolvedEnvironment } from './resolveEnvironment.js';

/**
 * What a call over a chosen transport (any `transport` option, or `callUrl`) reports beyond a default WebRTC
 * call: which transport carries it (`state.transport`), `'auto'` falling back to WebSocket, the audio a transport
 * plays itself (`output_audio`) and the events it sends by itself (`client_event`). Loaded on connect, beside the
 * key and the mic, and wired before the transport connects, so nothing it emits is missed; a default call never
 * downloads it.
 */
export function watchChosenTransport(
  deps: ConnectDeps,
  call: Call,
  choice: TransportOption,
  env: ResolvedEnvironment,
): void {
  const { store, emitter } = deps;
  const transport = call.transport;
  if (!transport) return;
  const kind =
    deps.options.callUrl || (choice === 'auto' && env.RTCPeerConnection)
      ? 'webrtc'
      : typeof choice === 'function'
        ? 'custom'
        : 'websocket';
  store.apply({ type: 'transport', transport: { kind, fallback: null } });
  call.own(
    transport.on('fallback', (fallback) => {
      store.apply({ type: 'transport', transport: { kind: 'websocket', fallback } });
      emitter.emit('transport_fallback', fallback);
    }),
  );
  call.own(transport.on('output_audio', (audio) => emitter.emit('output_audio', audio)));
  call.own(transport.on('client_event', deps.reportSent));
}
