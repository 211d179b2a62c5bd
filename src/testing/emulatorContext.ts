import type { ConversationEngine, ConversationOptions } from './engine/ConversationEngine.js';
import type { CallLogger } from './engine/types.js';
import type { FaultRegistry, HttpEndpoint } from './faults.js';
import { openAiError } from './openAiError.js';
import { HttpError } from './http/requests.js';
import type { Scenario } from './scenario.js';
import type { SecretStore } from './SecretStore.js';
import type { SessionConfig } from './sessionConfig.js';
import type { SipCallInfo } from './sip/SipCall.js';

/** What the routes and media adapters share inside one emulator. */
export interface EmulatorContext {
  readonly secrets: SecretStore;
  readonly faults: FaultRegistry;
  /** Calls that are connecting or open, WebRTC and WebSocket alike. */
  readonly calls: Map<string, ConversationEngine>;
  /** Per call, how to close the sideband sockets attached to it (run when the call ends). */
  readonly sidebands: Map<string, Set<() => void>>;
  /** Simulated incoming SIP calls, by call id, for `/accept`, `/reject` and `/refer`. */
  readonly sip: Map<string, SipLeg>;
  /** What happened to each simulated SIP call (the newest 100, kept after they end). */
  readonly sipCalls: Map<string, SipCallInfo>;
  readonly sidebandsOutliveCalls: boolean;
  scenario: Scenario;
  readonly secretTtlSeconds: number;
  readonly livenessTimeoutMs: number;
  readonly maxPendingCalls: number;
  readonly controlToken: string | undefined;
  readonly logger: CallLogger | undefined;
  /** SDP offers being negotiated right now (not yet in `calls`). */
  negotiating: number;
  callOptions(id: string, session: SessionConfig): ConversationOptions;
}

export async function applyHttpFaults(context: EmulatorContext, endpoint: HttpEndpoint): Promise<void> {
  const delay = context.faults.take((f) => f.type === 'http_delay' && f.endpoint === endpoint);
  if (delay?.type === 'http_delay') await new Promise((r) => setTimeout(r, delay.ms));
  const failure = context.faults.take((f) => f.type === 'http_error' && f.endpoint === endpoint);
  if (failure?.type === 'http_error') {
    throw new HttpError(failure.status, {
      ...openAiError(
        `Injected failure: ${endpoint} answered ${failure.status}.`,
        'emulator_fault',
        null,
        failure.status >= 500 ? 'server_error' : 'invalid_request_error',
      ),
      ...failure.error,
    });
  }
}

/** Calls whose peer has not connected yet (half-open), counted against `maxPendingCalls`. */
export function pendingCalls(context: EmulatorContext): number {
  let pending = context.negotiating;
  for (const call of context.calls.values()) if (call.state === 'connecting') pending++;
  return pending;
}

/** The phone side of a simulated SIP call, as the Calls API controls it. */
export interface SipLeg {
  accept(session: Record<string, unknown>): void;
  reject(statusCode: number): void;
  refer(targetUri: string): void;
}
