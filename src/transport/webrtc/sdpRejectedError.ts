import { RealtimeError } from '../../core/errors.js';
import { errorOptionsFrom, parseOpenAiError } from './sdp.js';

// Loaded only when the server refuses an offer: the advice below is not part of a call that works.
/** A non-2xx answer to the SDP offer, as a `RealtimeError('sdp_rejected')` saying what to do next. */
export function sdpRejectedError(status: number, bodyText: string): RealtimeError {
  const server = parseOpenAiError(bodyText);
  const said = server ? `: ${server.message}` : '';
  let advice: string;
  if (status === 401 || status === 403) {
    advice = 'The ephemeral key was refused (expired, already used or invalid). Fetch a fresh key and connect again.';
  } else if (status === 429) {
    advice = 'The Realtime API is rate limiting this project. Wait a moment and connect again.';
  } else if (status >= 500) {
    advice = 'The Realtime API failed to start the call. Try again shortly.';
  } else {
    advice = 'The Realtime API refused the call offer. Check the session config the key was minted with.';
  }
  return new RealtimeError('sdp_rejected', `${advice} (HTTP ${status}${said})`, errorOptionsFrom(server, status));
}
