import type { RealtimeError } from '../core/errors.js';
import type { ClientEvent } from '../core/protocol/events.js';

export type TransportStatus = 'new' | 'connecting' | 'open' | 'closed';

export interface TransportEventMap {
  /** One raw message from the server (a JSON string on the `oai-events` channel). */
  message: string;
  /** The transport ended on its own (channel or connection lost); `close()` does not emit this. */
  close: RealtimeError;
}

export interface TransportConnectResult {
  /** The call id from the SDP answer's `Location` header (`rtc_...`), when the server sent one. */
  callId: string | null;
}

/** How a session talks to the Realtime server. The WebRTC implementation is `createWebRtcTransport`. */
export interface Transport<Events extends TransportEventMap = TransportEventMap> {
  readonly status: TransportStatus;
  /**
   * Connects with an ephemeral key; resolves once events can be sent. Rejects with a `RealtimeError`
   * (`code: 'aborted'` when `signal` aborts) and leaves nothing open when it does.
   */
  connect(secret: string, signal: AbortSignal): Promise<TransportConnectResult>;
  /** Throws `RealtimeError('not_connected')` unless `status` is `'open'`. */
  send(event: ClientEvent): void;
  /** Idempotent. */
  close(): void;
  on<K extends keyof Events>(type: K, listener: (payload: Events[K]) => void): () => void;
}
