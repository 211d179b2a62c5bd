import type { OpenAiErrorBody } from './openAiError.js';
export type { NetworkConditions } from './conditions.js';

export type HttpEndpoint = 'client_secrets' | 'calls';

/**
 * When a channel fault fires on a call:
 * - `'now'`: at once on the targeted active calls (on the next call's `session.created` if none is active);
 * - `'session_created'`: right after a call's `session.created`;
 * - `'response_started'`: right after a `response.created`;
 * - `'mid_response'`: while a response is streaming (after its audio started, or its second text delta);
 * - `{ afterEvents: n }`: once the call has sent n server events in total.
 */
export type ChannelTrigger = 'now' | 'session_created' | 'response_started' | 'mid_response' | { afterEvents: number };

interface Repeat {
  /** How many times the fault fires before it is used up (default 1; `Infinity` for always). */
  times?: number;
}

export type Fault =
  /** The endpoint answers `status` with an OpenAI-shaped JSON error. */
  | (Repeat & { type: 'http_error'; endpoint: HttpEndpoint; status: number; error?: Partial<OpenAiErrorBody> })
  /** The endpoint answers only after `ms` (simulates a slow or hanging server). */
  | (Repeat & { type: 'http_delay'; endpoint: HttpEndpoint; ms: number })
  /** `/realtime/calls` answers 201 with an SDP answer that does not parse. */
  | (Repeat & { type: 'bad_sdp_answer' })
  /** Closes the data channel (`scope: 'channel'`, default) or the whole peer connection (`'call'`). */
  | (Repeat & { type: 'drop_channel'; when?: ChannelTrigger; scope?: 'channel' | 'call' })
  /** Sends a message that is not JSON (default `{"type": "response.done", oops`). */
  | (Repeat & { type: 'malformed_event'; when?: ChannelTrigger; payload?: string })
  /** Sends a well-formed event of a type the protocol does not have. */
  | (Repeat & { type: 'unknown_event'; when?: ChannelTrigger; eventType?: string })
  /** Sends an `error` server event (default: a server_error the client did not cause). */
  | (Repeat & { type: 'server_error'; when?: ChannelTrigger; error?: Partial<OpenAiErrorBody> })
  /** Ends the session `ms` after `session.created` the way OpenAI ends one at its duration limit. */
  | (Repeat & { type: 'session_limit'; ms: number })
  /** `/realtime/calls` answers 201 with an SDP answer whose ICE candidates point to a closed port: ICE fails. */
  | (Repeat & { type: 'ice_fail' })
  /**
   * The call goes silent for `ms`: incoming ICE checks get no answer and nothing is sent (audio, DTLS, data
   * channel), as on a network that drops out. The browser's peer goes `disconnected`, then recovers.
   */
  | (Repeat & { type: 'ice_pause'; ms: number; when?: ChannelTrigger });

export type ChannelFault = Extract<Fault, { when?: ChannelTrigger }>;

export interface FaultTarget {
  /** Only this call (`rtc_…`); default: any call. */
  callId?: string;
}

interface Armed {
  fault: Fault;
  remaining: number;
  callId: string | undefined;
}

export function isChannelFault(fault: Fault): fault is ChannelFault {
  return (
    fault.type === 'drop_channel' ||
    fault.type === 'malformed_event' ||
    fault.type === 'unknown_event' ||
    fault.type === 'server_error' ||
    fault.type === 'ice_pause'
  );
}

/** Longest `http_delay` or `ice_pause`: beyond that a test is waiting on a typo, not on a slow server. */
const MAX_PAUSE_MS = 120_000;
/** Longest `session_limit` (OpenAI's own limit is 60 minutes). */
const MAX_SESSION_LIMIT_MS = 4 * 60 * 60_000;

const FAULT_TYPES = new Set([
  'http_error',
  'http_delay',
  'bad_sdp_answer',
  'drop_channel',
  'malformed_event',
  'unknown_event',
  'server_error',
  'session_limit',
  'ice_fail',
  'ice_pause',
]);

function isTrigger(when: unknown): boolean {
  if (when === 'now' || when === 'session_created' || when === 'response_started' || when === 'mid_response')
    return true;
  const after = (when as { afterEvents?: unknown } | null)?.afterEvents;
  return typeof when === 'object' && typeof after === 'number' && Number.isInteger(after) && after >= 0;
}

/** Validates a fault received as JSON; throws a TypeError saying what is wrong. */
export function toFault(input: unknown): Fault {
  const f = input as Record<string, unknown> | null;
  if (typeof f !== 'object' || f === null || typeof f.type !== 'string' || !FAULT_TYPES.has(f.type)) {
    throw new TypeError(`A fault needs a type, one of: ${[...FAULT_TYPES].join(', ')}.`);
  }
  if (f.when !== undefined && !isTrigger(f.when)) {
    throw new TypeError(
      "fault.when must be 'now', 'session_created', 'response_started', 'mid_response' or { afterEvents: n }.",
    );
  }
  if (
    (f.type === 'http_error' || f.type === 'http_delay') &&
    f.endpoint !== 'client_secrets' &&
    f.endpoint !== 'calls'
  ) {
    throw new TypeError(`Fault ${f.type} needs endpoint 'client_secrets' or 'calls'.`);
  }
  if (f.type === 'http_error' && (typeof f.status !== 'number' || f.status < 400 || f.status > 599)) {
    throw new TypeError('Fault http_error needs a status between 400 and 599.');
  }
  const maxMs = f.type === 'session_limit' ? MAX_SESSION_LIMIT_MS : MAX_PAUSE_MS;
  if (
    (f.type === 'http_delay' || f.type === 'session_limit' || f.type === 'ice_pause') &&
    (typeof f.ms !== 'number' || !(f.ms >= 0 && f.ms <= maxMs))
  ) {
    throw new TypeError(`Fault ${f.type} needs ms between 0 and ${maxMs} (got ${String(f.ms)}).`);
  }
  if (f.times !== undefined && f.times !== null && (typeof f.times !== 'number' || !(f.times >= 1))) {
    throw new TypeError('fault.times must be a number >= 1 (use a large number, or Infinity in JS, for always).');
  }
  return f as unknown as Fault;
}

/** Faults waiting for their moment, global or per call. Each firing uses up one of its `times`. */
export class FaultRegistry {
  private armed: Armed[] = [];

  add(fault: Fault, target: FaultTarget = {}): void {
    this.armed.push({ fault, remaining: fault.times ?? 1, callId: target.callId });
  }

  clear(): void {
    this.armed = [];
  }

  list(): Array<{ fault: Fault; remaining: number; callId?: string }> {
    return this.armed.map((a) => ({
      fault: a.fault,
      remaining: a.remaining,
      ...(a.callId ? { callId: a.callId } : {}),
    }));
  }

  /** Takes (uses up one firing of) the first armed fault that matches. */
  take<T extends Fault>(match: (fault: Fault) => fault is T, callId?: string): T | undefined;
  take(match: (fault: Fault) => boolean, callId?: string): Fault | undefined;
  take(match: (fault: Fault) => boolean, callId?: string): Fault | undefined {
    for (let i = 0; i < this.armed.length; i++) {
      const a = this.armed[i]!;
      if (a.callId !== undefined && a.callId !== callId) continue;
      if (!match(a.fault)) continue;
      a.remaining--;
      if (a.remaining <= 0) this.armed.splice(i, 1);
      return a.fault;
    }
    return undefined;
  }
}

export function triggerMatches(
  when: ChannelTrigger | undefined,
  moment: Exclude<ChannelTrigger, 'now'>,
  eventsSent: number,
): boolean {
  const w = when ?? 'now';
  if (typeof w === 'object') return typeof moment === 'object' && eventsSent >= w.afterEvents;
  // A 'now' fault armed before any call existed fires at the next session.created.
  if (w === 'now') return moment === 'session_created';
  return w === moment;
}
