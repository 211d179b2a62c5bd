import { RealtimeError } from '../../core/errors.js';
import type { ClientEvent } from '../../core/protocol/events.js';
import { createEmitter } from '../createEmitter.js';
import type {
  Transport,
  TransportConnectResult,
  TransportContext,
  TransportEventMap,
  TransportMedia,
  TransportStatus,
} from '../Transport.js';
import { callIdFromLocation, callsUrl, looksLikeSdp } from './sdp.js';

/** `remote_stream`: play it through an `<audio>` element, Chromium decodes a remote track only then. */
export type WebRtcTransportEventMap = TransportEventMap;

export interface WebRtcTransportOptions {
  /** Default `https://api.openai.com/v1`; the offer goes to `${apiBaseUrl}/realtime/calls`. */
  apiBaseUrl?: string | undefined;
  /** Your server's `createCallHandler` URL: the offer goes there with no key, and the server creates the call. */
  callUrl?: string;
  fetch: typeof fetch;
  RTCPeerConnection: typeof RTCPeerConnection;
  /** The mic track sent to the model; without one the call is receive-only audio. Also settable with `media.setInput`. */
  inputTrack?: MediaStreamTrack | null;
  inputStream?: MediaStream | null;
  rtcConfiguration?: RTCConfiguration;
}

export type WebRtcTransport = Transport<WebRtcTransportEventMap> & {
  readonly media: TransportMedia;
  /** Swaps the mic without renegotiating. */
  replaceInputTrack(track: MediaStreamTrack | null): Promise<void>;
  readonly peerConnection: RTCPeerConnection | null;
};

export const DATA_CHANNEL_LABEL = 'oai-events';

// A refused or broken call setup loads its errors (and their advice) when it happens: a call that works never does.
const failures = () => import('./webRtcFailures.js');

/**
 * OpenAI's GA WebRTC flow: peer connection with the mic track, the `oai-events` data channel created before
 * the offer, the offer posted at once (no waiting for ICE gathering) to `/realtime/calls` with the ephemeral
 * key, the answer applied, then resolve when the data channel opens.
 */
export function createWebRtcTransport(options: WebRtcTransportOptions): WebRtcTransport {
  const emitter = createEmitter<WebRtcTransportEventMap>();
  let status: TransportStatus = 'new';
  let pc: RTCPeerConnection | null = null;
  let channel: RTCDataChannel | null = null;
  let sender: RTCRtpSender | null = null;
  let inputTrack = options.inputTrack ?? null;
  let inputStream = options.inputStream ?? null;
  // Set while connect() waits; a failure of the connection or channel rejects it instead of emitting 'close'.
  let failConnect: ((error: RealtimeError) => void) | null = null;

  function fail(error: RealtimeError): void {
    if (status === 'closed') return;
    if (failConnect) {
      failConnect(error);
      return;
    }
    teardown();
    emitter.emit('close', error);
  }

  function teardown(): void {
    status = 'closed';
    if (channel) {
      channel.onopen = channel.onclose = channel.onmessage = channel.onerror = null;
      try {
        channel.close();
      } catch {
        // already closed
      }
    }
    if (pc) {
      pc.ontrack = pc.onconnectionstatechange = null;
      try {
        pc.close();
      } catch {
        // already closed
      }
    }
    channel = null;
    sender = null;
  }

  async function connect(secret: string, signal: AbortSignal): Promise<TransportConnectResult> {
    if (status !== 'new') throw (await failures()).usedTransport();
    status = 'connecting';
    let rejectConnect!: (error: RealtimeError) => void;
    const failed = new Promise<never>((_, reject) => {
      rejectConnect = reject;
    });
    failed.catch(() => undefined);
    failConnect = rejectConnect;
    const onAbort = () => rejectConnect(new RealtimeError('aborted', 'The connection attempt was cancelled.'));
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    // Every await races the failure promise, so an abort or a dead connection ends connect() at once.
    const step = <T>(promise: Promise<T>): Promise<T> => Promise.race([promise, failed]);

    try {
      let peer: RTCPeerConnection;
      try {
        peer = new options.RTCPeerConnection(options.rtcConfiguration);
      } catch (cause) {
        throw (await failures()).peerNotCreated(cause);
      }
      pc = peer;
      peer.ontrack = (event) => {
        const stream = event.streams[0] ?? (typeof MediaStream === 'function' ? new MediaStream([event.track]) : null);
        if (stream) emitter.emit('remote_stream', stream);
      };
      peer.onconnectionstatechange = () => {
        const state = peer.connectionState;
        emitter.emit('connection_state', state);
        if (state === 'failed') {
          fail(
            new RealtimeError(
              'connection_failed',
              'The WebRTC connection failed (ICE could not reach the server). Check the network or firewall for UDP, then connect again.',
            ),
          );
        }
      };
      if (inputTrack) {
        sender = inputStream ? peer.addTrack(inputTrack, inputStream) : peer.addTrack(inputTrack);
      } else {
        peer.addTransceiver('audio', { direction: 'recvonly' });
      }
      const dc = peer.createDataChannel(DATA_CHANNEL_LABEL);
      channel = dc;
      const opened = new Promise<void>((resolve) => {
        dc.onopen = () => resolve();
      });
      dc.onmessage = (event: MessageEvent) => {
        if (typeof event.data === 'string') emitter.emit('message', event.data);
        else emitter.emit('message', new TextDecoder().decode(event.data as ArrayBuffer));
      };
      dc.onclose = () => {
        fail(
          new RealtimeError(
            'data_channel_closed',
            status === 'open'
              ? 'The Realtime event channel closed, so the call ended. Connect again to continue.'
              : 'The Realtime event channel closed before it opened. Connect again.',
          ),
        );
      };

      const offer = await step(peer.createOffer());
      await step(peer.setLocalDescription(offer));
      const sdp = peer.localDescription?.sdp ?? offer.sdp ?? '';

      let response: Response;
      let body: string;
      try {
        response = await step(
          options.fetch(options.callUrl ?? callsUrl(options.apiBaseUrl), {
            method: 'POST',
            body: sdp,
            headers: options.callUrl
              ? { 'Content-Type': 'application/sdp' }
              : { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/sdp' },
            signal,
          }),
        );
        body = await step(response.text());
      } catch (cause) {
        if (cause instanceof RealtimeError) throw cause;
        if (signal.aborted) throw new RealtimeError('aborted', 'The connection attempt was cancelled.');
        throw (await failures()).callsUnreachable(options.callUrl ?? callsUrl(options.apiBaseUrl), cause);
      }
      if (!response.ok) throw (await failures()).sdpRejectedError(response.status, body);
      if (!looksLikeSdp(body)) throw (await failures()).notSdp(response.status);
      const callId = callIdFromLocation(response.headers.get('location'));
      try {
        await step(peer.setRemoteDescription({ type: 'answer', sdp: body }));
      } catch (cause) {
        if (cause instanceof RealtimeError) throw cause;
        throw (await failures()).answerRefused(cause);
      }
      if (dc.readyState !== 'open') await step(opened);
      status = 'open';
      return { callId };
    } catch (error) {
      teardown();
      throw error instanceof RealtimeError ? error : (await failures()).notSetUp(error);
    } finally {
      failConnect = null;
      signal.removeEventListener('abort', onAbort);
    }
  }

  async function replaceInputTrack(track: MediaStreamTrack | null): Promise<void> {
    if (!sender) throw new RealtimeError('not_connected', 'No microphone is being sent; connect first.');
    await sender.replaceTrack(track);
  }

  const media: TransportMedia = {
    async setInput(stream) {
      const track = stream?.getAudioTracks()[0] ?? null;
      if (status === 'new') {
        inputTrack = track;
        inputStream = stream;
        return;
      }
      await replaceInputTrack(track);
    },
  };

  return {
    get status() {
      return status;
    },
    media,
    get peerConnection() {
      return pc;
    },
    getStats: () => pc?.getStats(),
    connect,
    send(event: ClientEvent) {
      if (status !== 'open' || !channel || channel.readyState !== 'open') {
        throw new RealtimeError(
          'not_connected',
          `Cannot send "${event.type}": the session is not connected. Call connect() first.`,
        );
      }
      channel.send(JSON.stringify(event));
    },
    close() {
      if (status === 'closed') return;
      failConnect?.(new RealtimeError('aborted', 'The connection attempt was cancelled.'));
      teardown();
    },
    on: emitter.on,
    replaceInputTrack,
  };
}

/** The `'webrtc'` transport option: OpenAI's GA WebRTC call, the session's default. */
export function webRtcTransport(context: TransportContext): WebRtcTransport {
  if (!context.RTCPeerConnection) {
    throw new RealtimeError(
      'unsupported_environment',
      'This browser has no RTCPeerConnection, so it cannot hold a voice call. Use a current Chrome, Edge, Firefox or Safari.',
    );
  }
  const options: WebRtcTransportOptions = {
    fetch: context.fetch ?? (() => Promise.reject(new Error('no fetch() available'))),
    RTCPeerConnection: context.RTCPeerConnection,
    // Read when the offer is posted, not now: the key endpoint may say where its key is valid.
    get apiBaseUrl() {
      return context.apiBaseUrl;
    },
  };
  return createWebRtcTransport(options);
}
