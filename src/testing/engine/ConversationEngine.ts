import { VAD_FRAME_SAMPLES } from '../EnergyVad.js';
import { isChannelFault, triggerMatches } from '../faults.js';
import type { ChannelFault, ChannelTrigger, Fault, FaultRegistry, NetworkConditions } from '../faults.js';
import { newId } from '../ids.js';
import { openAiError } from '../openAiError.js';
import type { OpenAiErrorBody } from '../openAiError.js';
import { ScenarioCursor } from '../scenario.js';
import type { Scenario } from '../scenario.js';
import { mergeSessionConfig, turnDetection, validateSessionPatch } from '../sessionConfig.js';
import type { SessionConfig } from '../sessionConfig.js';
import { SAMPLE_RATE } from '../speechSynth.js';
import { ClientEventLog } from './ClientEventLog.js';
import { dispatchClientEvent } from './clientEventHandlers.js';
import { IdleTimeout, idleTimeoutMs } from './IdleTimeout.js';
import { ItemStore, isRecord } from './items.js';
import type { ResponseHost } from './responseShapes.js';
import type { runOutOfBand } from './outOfBand.js';
import { ResponseRunner } from './ResponseRunner.js';
import type { AudioOutput, CallLogger, CallMedia, ConversationItem, ServerEvent } from './types.js';
import { UserTurns } from './UserTurns.js';

export interface ConversationOptions {
  id: string;
  session: SessionConfig;
  scenario: Scenario;
  faults: FaultRegistry;
  sessionLimitMs: number | undefined;
  logger: CallLogger | undefined;
  conditions?: () => NetworkConditions; // read on every use: a change applies to the next response and packet
  onOpen(call: ConversationEngine): void;
  onClosed(call: ConversationEngine): void;
}

/**
 * One Realtime session, whatever carries it: client-event validation, the conversation, responses, user turns,
 * tools and faults. A media adapter (WebRTC or WebSocket) feeds it client events and input audio and carries its
 * server events and output audio.
 */
export class ConversationEngine implements ResponseHost {
  readonly id: string;
  readonly createdAt = Date.now();
  readonly conversationId = newId('conv');
  readonly items = new ItemStore();
  readonly clientEvents = new ClientEventLog();
  readonly taps = new Set<(event: ServerEvent, text: string) => void>(); // sideband sockets (`?call_id=`)
  /** performance.now() when `session.created` left, for measurements. */
  sessionCreatedAt: number | undefined;
  state: 'connecting' | 'open' | 'closed' = 'connecting';
  session: SessionConfig;
  cursor: ScenarioCursor;
  readonly output: AudioOutput;
  readonly responses: ResponseRunner;
  /** Out-of-band responses running now, by id. */
  readonly asides = new Map<string, ReturnType<typeof runOutOfBand>>();
  readonly turns: UserTurns;
  readonly idle = new IdleTimeout(this);
  tokensUsed = 0;
  private readonly faults: FaultRegistry;
  private voiceLocked = false;
  private eventsSent = 0;
  private limitTimer: NodeJS.Timeout | undefined;
  private readonly options: ConversationOptions;
  readonly modelDelay = () => this.options.conditions?.().modelDelayMs ?? 0;

  constructor(
    readonly media: CallMedia,
    options: ConversationOptions,
  ) {
    this.options = options;
    this.id = options.id;
    this.session = options.session;
    this.cursor = new ScenarioCursor(options.scenario);
    this.faults = options.faults;
    this.responses = new ResponseRunner(this);
    this.output = media.createOutput(this.responses, (event) => this.send(event));
    this.turns = new UserTurns(this);
  }

  get serverPlayback(): boolean {
    return this.media.serverPlayback;
  }

  get serverEventsSent(): number {
    return this.eventsSent;
  }

  lockVoice(): void {
    this.voiceLocked = true;
  }

  /** The event channel is open: `session.created` goes first. */
  open(): void {
    if (this.state !== 'connecting') return;
    this.state = 'open';
    this.send({ type: 'session.created', session: this.session });
    this.sessionCreatedAt = performance.now();
    this.options.onOpen(this);
    const limitFault = this.faults.take(
      (f): f is Extract<Fault, { type: 'session_limit' }> => f.type === 'session_limit',
      this.id,
    );
    const limit = limitFault?.ms ?? this.options.sessionLimitMs;
    if (limit !== undefined) this.limitTimer = setTimeout(() => this.endAtLimit(limit), limit);
    this.fireFaults('session_created');
  }

  private endAtLimit(limitMs: number): void {
    const minutes = Math.round((limitMs / 60_000) * 100) / 100;
    this.sendError(
      openAiError(`Your session hit the maximum duration of ${minutes} minutes.`, 'session_expired'),
      null,
    );
    setTimeout(() => this.close('session limit reached'), 20);
  }

  send(event: ServerEvent): void {
    if (this.state === 'closed') return;
    const text = JSON.stringify({ event_id: newId('event'), ...event });
    const outcome = this.media.sendText(text);
    if (outcome !== 'too_large') for (const tap of this.taps) tap(event, text); // a sideband may attach before the peer
    if (outcome === 'closed') return;
    if (outcome === 'too_large') {
      const message = `The server event '${event.type}' (${Buffer.byteLength(text)} bytes) is larger than the ${this.media.transport} channel carries (${this.media.maxMessageBytes} bytes), so it was not sent.`;
      this.options.logger?.warn?.(`talkwire emulator: ${message}`);
      this.sendError(openAiError(message, 'event_too_large', null, 'server_error'), null);
      return;
    }
    this.eventsSent++;
    this.fireFaults({ afterEvents: this.eventsSent });
  }

  sendError(error: OpenAiErrorBody, clientEventId: unknown): void {
    this.send({
      type: 'error',
      error: { ...error, event_id: typeof clientEventId === 'string' ? clientEventId : null },
    });
  }

  fireFaults(moment: Exclude<ChannelTrigger, 'now'>): void {
    const eventsSent = this.eventsSent;
    for (;;) {
      const fault = this.faults.take(
        (f): f is ChannelFault => isChannelFault(f) && triggerMatches(f.when, moment, eventsSent),
        this.id,
      );
      if (!fault) return;
      this.applyFault(fault);
    }
  }

  /** Applies a channel fault at once. */
  applyFault(fault: ChannelFault): void {
    this.options.logger?.debug?.(`talkwire emulator: fault ${fault.type} on ${this.id}`);
    switch (fault.type) {
      case 'malformed_event':
        this.media.sendText(fault.payload ?? '{"type": "response.done", oops');
        return;
      case 'unknown_event':
        return this.send({
          type: fault.eventType ?? 'emulator.unknown_event',
          detail: 'an event type no client knows',
        });
      case 'server_error':
        return this.sendError(
          {
            ...openAiError(
              'The server had an error while processing your request. Sorry about that!',
              'server_error',
              null,
              'server_error',
            ),
            ...fault.error,
          },
          null,
        );
      case 'ice_pause':
        return this.media.pauseNetwork(fault.ms);
      case 'drop_channel':
        if (fault.scope === 'call') this.close('dropped by fault');
        else setImmediate(() => this.media.dropChannel());
        return;
    }
  }

  /** One client event as received (text); replies go out through the media adapter. */
  receive(text: string): void {
    if (this.state === 'closed') return;
    let event: unknown;
    try {
      event = JSON.parse(text);
    } catch {
      return this.sendError(
        openAiError(
          'The message could not be parsed as JSON. Send each client event as one JSON object.',
          'invalid_json',
        ),
        null,
      );
    }
    if (!isRecord(event))
      return this.sendError(openAiError('Expected a JSON object with a "type" field.', 'invalid_event'), null);
    const eventId = event.event_id;
    if (typeof event.type !== 'string')
      return this.sendError(openAiError("The 'type' field is missing.", 'invalid_event'), eventId);
    this.clientEvents.record(event as ServerEvent);
    try {
      dispatchClientEvent(this, event as ServerEvent, eventId);
    } catch (error) {
      this.options.logger?.warn?.('talkwire emulator: handler failed', error);
      this.sendError(
        openAiError(`Internal emulator error handling '${event.type}'.`, 'server_error', null, 'server_error'),
        eventId,
      );
    }
  }

  onSessionUpdate(event: ServerEvent, eventId: unknown): void {
    const patch = event.session;
    const problem = validateSessionPatch(patch, this.session, this.voiceLocked, this.media.transport);
    if (problem) return this.sendError(openAiError(problem.message, problem.code, problem.param), eventId);
    this.session = mergeSessionConfig(this.session, patch as Record<string, unknown>);
    this.turns.configure(turnDetection(this.session));
    if (idleTimeoutMs(this.session) === null) this.idle.disarm();
    this.send({ type: 'session.updated', session: this.session });
  }

  /** A 20 ms frame of 48 kHz caller audio (decoded RTP, or appended PCM). */
  pushInputFrame(frame: Int16Array): void {
    if (this.state !== 'open') return;
    this.turns.onFrame(frame, (VAD_FRAME_SAMPLES * 1000) / SAMPLE_RATE);
  }

  /** A snapshot of the conversation, in order. */
  listItems(): ConversationItem[] {
    return this.items.snapshot();
  }

  setScenario(next: Scenario): void {
    this.cursor = new ScenarioCursor(next);
  }

  get activeResponseId(): string | null {
    return this.responses.active?.id ?? null;
  }

  get audioPlaying(): boolean {
    return this.responses.audioPlaying;
  }

  /** Ends the call as `/hangup` does: the channel and the transport close. */
  close(reason = 'hangup'): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.options.logger?.debug?.(`talkwire emulator: call ${this.id} closed (${reason})`);
    if (this.limitTimer) clearTimeout(this.limitTimer);
    this.idle.disarm();
    this.responses.stop();
    for (const aside of this.asides.values()) aside.stop();
    this.asides.clear();
    this.output.stop();
    this.media.close();
    this.options.onClosed(this);
  }
}
