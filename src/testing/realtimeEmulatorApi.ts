import type { NetworkConditions } from './conditions.js';
import type { RecordedClientEvent } from './engine/ClientEventLog.js';
import type { MicInputStats } from './engine/inputStats.js';
import type { CallLogger, ConversationItem } from './engine/types.js';
import type { Fault, FaultTarget } from './faults.js';
import type { Scenario, ScenarioData } from './scenario.js';
import type { SessionConfig } from './sessionConfig.js';
import type { IncomingSipOptions, SipCallInfo } from './sip/SipCall.js';

// The emulator's public contract (what `talkwire/testing` exports), kept apart from the server that implements it.

export interface RealtimeEmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Only loopback addresses are accepted: the emulator is for this machine. Default 127.0.0.1. */
  host?: string;
  /** Script for new calls (default: answers every turn with "You said something. This is reply N."). */
  scenario?: Scenario | ScenarioData;
  /** Ends every session this long after `session.created`, like OpenAI's 60-minute limit. Default: no limit. */
  sessionLimitMs?: number;
  /** Default lifetime of minted client secrets when the request gives none (OpenAI: 600). */
  secretTtlSeconds?: number;
  /**
   * Ends a call when nothing came from its peer for this long (a browser that vanished without hanging up).
   * Browsers send ICE consent checks every 5 s or so and WebSocket clients answer pings. Default 15000.
   */
  livenessTimeoutMs?: number;
  /** Most WebRTC calls that may wait for their peer to connect at once; more offers get 429. Default 16. */
  maxPendingCalls?: number;
  /**
   * When set, `/__emulator/*` needs it as `Authorization: Bearer <token>` (or `x-talkwire-emulator-token`). Those
   * endpoints answer only loopback Host names and pages on this machine either way.
   */
  controlToken?: string;
  /** Leave sideband sockets open (and deaf) when their call ends, as OpenAI may (openai-agents-js#684). Default false. */
  sidebandsOutliveCalls?: boolean;
  /** Model delay and network delay, jitter and loss from the start (see `setConditions`). */
  conditions?: Partial<NetworkConditions>;
  logger?: CallLogger;
}

export interface EmulatedCallInfo {
  id: string;
  /** What carries the call: a WebRTC peer (`rtc_…`) or a WebSocket (`sess_…`). */
  transport: 'webrtc' | 'websocket';
  state: 'connecting' | 'open' | 'closed';
  createdAt: number;
  session: SessionConfig;
  activeResponseId: string | null;
  audioPlaying: boolean;
  serverEventsSent: number;
  /** What the emulator heard from the caller: frames decoded, frames above -60 dBFS, latest RMS. */
  input: MicInputStats;
  items: ConversationItem[];
}

export interface EmulatorCalls {
  /** Calls that are connecting or open. */
  list(): EmulatedCallInfo[];
  get(callId: string): EmulatedCallInfo | undefined;
  /** The conversation items a call holds, in order. */
  items(callId: string): ConversationItem[];
  /** The client events a call received, oldest first (the newest 1,000; long strings such as audio summarised). */
  clientEvents(callId: string, type?: string): RecordedClientEvent[];
  /** Resolves with the next call that opens its data channel or socket. */
  waitForOpen(options?: { timeoutMs?: number }): Promise<EmulatedCallInfo>;
  hangup(callId: string): boolean;
  /**
   * Sends raw strings over a call's channel as they are (hostile-input tests). Waits while the channel's buffer is
   * full, so the count is what was really handed to the network; stops at a message too large for the channel.
   */
  send(callId: string, messages: readonly string[]): Promise<number>;
}

export interface EmulatorStats {
  calls: { open: number; connecting: number };
  /** Client secrets held (expired ones are purged). */
  secrets: number;
}

export interface RealtimeEmulator {
  /** Origin, e.g. `http://127.0.0.1:8787`; clients use `${url}/v1` as `apiBaseUrl`. */
  url: string;
  /** `${url}/v1`. */
  apiBaseUrl: string;
  port: number;
  calls: EmulatorCalls;
  /** Simulated incoming SIP calls (see docs/EMULATOR.md, SIP). */
  sip: {
    /** Rings: posts a signed `realtime.call.incoming` webhook; resolves once the app answered it. */
    incoming(options: IncomingSipOptions): Promise<SipCallInfo>;
    get(callId: string): SipCallInfo | undefined;
  };
  /** Script for calls created from now on; with `callId`, replaces the script of that active call. */
  setScenario(next: Scenario | ScenarioData, target?: FaultTarget): void;
  /** Arms a fault, globally or for one call (see `Fault` for when each kind fires). */
  inject(fault: Fault, target?: FaultTarget): void;
  /** Disarms all faults. */
  clearFaults(): void;
  /**
   * Model delay for every call, and delay, jitter and loss on what WebRTC calls send (events and audio); the
   * given fields change, the others stay. Applies at once to active calls. Throws a TypeError on a bad value.
   */
  setConditions(conditions: Partial<NetworkConditions>): NetworkConditions;
  conditions(): NetworkConditions;
  /** Faults still armed. */
  faults(): Array<{ fault: Fault; remaining: number; callId?: string }>;
  /** Calls and secrets held right now. */
  stats(): EmulatorStats;
  /** Hangs up every call and stops listening. */
  close(): Promise<void>;
}
