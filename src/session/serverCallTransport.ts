import type { Emitter } from '../transport/createEmitter.js';
import type { Transport, TransportContext, TransportEventMap } from '../transport/Transport.js';
import { createWebRtcTransport, webRtcTransport } from '../transport/webrtc/createWebRtcTransport.js';
import type { SessionFeatures } from './createSessionFeatures.js';
import type { LazyFeatures } from './lazySessionFeatures.js';
import { callEndedByServer, hungUpByServer } from './serverHangup.js';
import { createServerToolScreen } from './serverToolScreen.js';
import type { RealtimeSessionOptions } from './types.js';

/**
 * The WebRTC transport of a call the app's server created (`callUrl`), loaded with `import()` for those calls only
 * (through `lazyTransport`, which lends `emitter`). Two things a plain call does not do:
 * - server messages pass `serverToolScreen` first, so the server's sideband tools never reach the page;
 * - a lost call asks the server whether it hung up (`serverHangup`): if so it ends with `call_ended`, else the
 *   loss keeps its own reason (`data_channel_closed`, `connection_failed`) and may reconnect.
 */
export function serverCallTransport(
  context: TransportContext,
  callUrl: string,
  emitter: Emitter<TransportEventMap>,
  features: LazyFeatures,
  options: Pick<RealtimeSessionOptions, 'tools' | 'session'>,
): Transport {
  const inner = context.RTCPeerConnection
    ? createWebRtcTransport({
        RTCPeerConnection: context.RTCPeerConnection,
        fetch: context.fetch ?? (() => Promise.reject(new Error('no fetch() available'))),
        callUrl,
      })
    : webRtcTransport(context); // throws unsupported_environment, with its advice
  // The page's own tools: from the options until the features' code is in, then its live registry (addTool).
  const fromOptions = new Set((options.tools ?? []).map((tool) => tool.name));
  let loaded: SessionFeatures | null = null;
  features.load().then(
    (impl) => (loaded = impl),
    () => undefined,
  );
  const screen = createServerToolScreen(() => loaded?.toolNames() ?? fromOptions, options.session?.tools);
  let callId: string | null = null;

  inner.on('message', (raw) => {
    // Only what can name a tool is parsed here; everything else goes through as it came.
    if (!screen.watching() && !raw.includes('function_call') && !raw.includes('"tools"')) {
      emitter.emit('message', raw);
      return;
    }
    let event: unknown;
    try {
      event = JSON.parse(raw);
    } catch {
      emitter.emit('message', raw); // the store reports it as it would
      return;
    }
    const screened = screen(event);
    if (screened !== null) emitter.emit('message', screened === event ? raw : JSON.stringify(screened));
  });
  inner.on('close', (error) => {
    const asked = callId !== null && (error.code === 'data_channel_closed' || error.code === 'connection_failed');
    if (!asked) return void emitter.emit('close', error);
    void hungUpByServer(callUrl, callId!, context.fetch).then((hungUp) =>
      emitter.emit('close', hungUp ? callEndedByServer(error) : error),
    );
  });
  inner.on('remote_stream', (stream) => emitter.emit('remote_stream', stream));
  inner.on('connection_state', (state) => emitter.emit('connection_state', state));

  return {
    get status() {
      return inner.status;
    },
    media: inner.media,
    async connect(secret, signal) {
      const result = await inner.connect(secret, signal);
      callId = result.callId;
      return result;
    },
    send: (event) => inner.send(event),
    close: () => inner.close(),
    on: emitter.on,
    getStats: () => inner.getStats?.(),
  };
}
