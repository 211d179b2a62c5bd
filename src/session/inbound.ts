import { RealtimeError } from '../core/errors.js';
import type { ErrorEvent, ServerEvent } from '../core/protocol/events.js';
import type { RealtimeStore } from '../core/state/store.js';
import type { ErrorInfo } from '../core/state/types.js';
import type { Emitter } from '../transport/createEmitter.js';
import { errorOptionsFrom } from '../transport/webrtc/sdp.js';
import type { Call } from './call.js';
import { serverErrorPayload } from './serverErrorPayload.js';
import type { SessionEventMap } from './types.js';

export interface InboundDeps {
  store: RealtimeStore;
  emitter: Emitter<SessionEventMap>;
  current(): Call | null;
  /** Everything else that follows the conversation (features, the output gate), in this order. */
  listeners: ReadonlyArray<(event: ServerEvent) => void>;
  /** A request raced a response that started or ended on its own: not a failure. */
  isBenignError(code: string | null | undefined): boolean;
  /** The server ended the session (`session_expired`). */
  endSession(call: Call, error: RealtimeError): void;
}

/**
 * The one place a server message goes through: parsed and reduced into the store, handed to the features and the
 * output gate, the connect handshake and server errors resolved, then emitted as `server_event`.
 */
export function createInbound(deps: InboundDeps) {
  const { store, emitter } = deps;

  function onError(call: Call, event: ErrorEvent, previousError: ErrorInfo | null): void {
    const payload = serverErrorPayload(event);
    if (deps.isBenignError(payload.code)) {
      // The response queue handles the race; the store keeps the error it had before.
      store.apply(previousError === null ? { type: 'clear_error' } : { type: 'error', error: previousError });
      return;
    }
    const refusedConfig = !call.connected && call.updateEventId !== null && payload.event_id === call.updateEventId;
    if (payload.code === 'session_expired' || payload.code === 'cannot_update_voice' || refusedConfig) {
      // Rare errors with their own advice: it loads when one happens.
      void import('./serverErrors.js').then(({ adviseServerError }) => {
        const error = adviseServerError(payload, refusedConfig);
        if (payload.code === 'session_expired') deps.endSession(call, error);
        else if (refusedConfig) call.fail(error);
        else emitter.emit('error', error);
      });
      return;
    }
    emitter.emit('error', new RealtimeError('server_error', payload.message, errorOptionsFrom(payload)));
  }

  return function route(call: Call, raw: string): void {
    if (deps.current() !== call) return;
    const previousError = store.getState().lastError;
    const parsed = store.receive(raw);
    if (!parsed.ok) {
      emitter.emit(
        'warning',
        new RealtimeError('protocol_error', `Ignored a server event (${parsed.reason}); it is kept in the event log.`),
      );
      return;
    }
    const event = parsed.event;
    for (const listener of deps.listeners) listener(event);
    if (event.type === 'session.created') call.onSessionCreated?.();
    else if (event.type === 'session.updated') call.onSessionUpdated?.();
    else if (event.type === 'error') onError(call, event, previousError);
    else if (event.type === 'input_audio_buffer.timeout_triggered') emitter.emit('idle', event);
    emitter.emit('server_event', event);
    // Also under its own type, for once()/waitFor() (`error` stays the session's RealtimeError channel).
    if (event.type !== 'error') emitter.emit(event.type as 'server_event', event);
  };
}
