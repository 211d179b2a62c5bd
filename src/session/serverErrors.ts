import { RealtimeError } from '../core/errors.js';
import type { RealtimeErrorPayload } from '../core/protocol/events.js';
import { errorOptionsFrom } from '../transport/webrtc/sdp.js';

/** The server errors that need more than the server's message: what happened to the call, and what to do. */
export function adviseServerError(payload: RealtimeErrorPayload, refusedConfig: boolean): RealtimeError {
  const options = errorOptionsFrom(payload);
  if (payload.code === 'session_expired') {
    return new RealtimeError('session_expired', `${payload.message} Connect again to start a new session.`, options);
  }
  if (refusedConfig) {
    return new RealtimeError(
      'server_error',
      `The server refused the session config passed in options.session: ${payload.message}`,
      options,
    );
  }
  return new RealtimeError(
    'server_error',
    `The voice cannot change once the assistant has spoken in this session: set audio.output.voice in options.session before connecting, or start a new conversation. (${payload.message})`,
    options,
  );
}
