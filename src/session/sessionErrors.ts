import { RealtimeError } from '../core/errors.js';
import type { ClientEvent } from '../core/protocol/events.js';
import type { ErrorInfo } from '../core/state/types.js';

// The errors the session facade raises itself, and how a client-side error is recorded in `state.lastError`.

/** The errors of a failing connect or call, with their advice: loaded when one happens. */
export const failures = () => import('./connectFailures.js');

export const aborted = () => new RealtimeError('aborted', 'The connection attempt was cancelled by disconnect().');

export const notConnected = (event: ClientEvent) =>
  new RealtimeError(
    'not_connected',
    `Cannot send "${event.type}": the session is not connected. Call connect() first.`,
  );

export function toErrorInfo(error: RealtimeError): ErrorInfo {
  const info: ErrorInfo = { source: 'client', code: error.code, message: error.message };
  if (error.status !== undefined) info.status = error.status;
  if (error.serverType !== undefined) info.type = error.serverType;
  if (error.param !== undefined) info.param = error.param;
  return info;
}
