import { RTCPeerConnection } from 'werift';
import { CLIENT_EVENT_TYPES } from '../core/protocol/events.js';
import type { RTCDataChannel, RTCRtpTransceiver, RtpPacket } from 'werift';
import { AudioPlayout } from './AudioPlayout.js';
import { continueDtlsSequence } from './continueDtlsSequence.js';
import { EnergyVad, VAD_FRAME_SAMPLES } from './EnergyVad.js';
import { FaultRegistry, isChannelFault, triggerMatches } from './faults.js';
import type { ChannelFault, ChannelTrigger, Fault } from './faults.js';
import { newId } from './ids.js';
import { MicInput, type MicInputStats } from './MicInput.js';
import { openAiError } from './openAiError.js';
import type { OpenAiErrorBody } from './openAiError.js';
import { ScenarioCursor } from './scenario.js';
import type { AssistantStep, Scenario } from './scenario.js';
import {
  isTextOnly,
  mergeSessionConfig,
  outputSpeed,
  outputVoice,
  transcriptionEnabled,
  turnDetection,
  validateSessionPatch,
} from './sessionConfig.js';
import type { SessionConfig } from './sessionConfig.js';
import { SAMPLE_RATE, synthesizeWord, transcriptDeltas, wordDurationMs } from './speechSynth.js';

/** A conversation item as the server holds it (GA shape). */
export type ConversationItem = Record<string, unknown> & { id: string; type: string };

type ServerEvent = Record<string, unknown> & { type: string };

export interface CallLogger {
  debug?(message: string, data?: unknown): void;
  warn?(message: string, data?: unknown): void;
}

export interface EmulatedCallOptions {
  id: string;
  session: SessionConfig;
  scenario: Scenario;
  faults: FaultRegistry;
  sessionLimitMs: number | undefined;
  logger: CallLogger | undefined;
  onOpen(call: EmulatedCall): void;
  onClosed(call: EmulatedCall): void;
}

/** A call whose channel has not opened by then is given up (its peer never connected). */
const CONNECT_TIMEOUT_MS = 15_000;

/** Generation stays this far ahead of playback, like a real server that produces audio faster than real time. */
const GENERATION_LEAD_MS = 400;
const TEXT_DELTA_INTERVAL_MS = 15;
const MIN_COMMIT_MS = 100;

interface ActiveResponse {
  id: string;
  step: AssistantStep;
  textOnly: boolean;
  output: ConversationItem[];
  item: ConversationItem | undefined;
  deltas: string[];
  next: number;
  transcript: string;
  deltasSent: number;
  audioStarted: boolean;
  timer: NodeJS.Timeout | undefined;
  metadata: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function loopbackOnly(sdp: string): string {
  // Non-loopback candidates (LAN addresses, mDNS names) would make the ICE agent reach out of this machine.
  return sdp
    .split(/\r?\n/)
    .filter((line) => {
      if (!line.startsWith('a=candidate:')) return true;
      const address = line.split(' ')[4];
      return address === '127.0.0.1' || address === '::1';
    })
    .join('\r\n');
}

export const PEER_CONFIG = {
  iceServers: [],
  iceLite: true,
  iceUseIpv4: false,
  iceUseIpv6: false,
  iceAdditionalHostAddresses: ['127.0.0.1'],
  iceInterfaceAddresses: { udp4: '127.0.0.1' },
} as const;

/** One WebRTC call: the peer, the `oai-events` channel, the conversation and the scripted assistant. */
export class EmulatedCall {
  readonly id: string;
  readonly createdAt = Date.now();
  /** performance.now() when `session.created` left, for measurements. */
  sessionCreatedAt: number | undefined;
  state: 'connecting' | 'open' | 'closed' = 'connecting';
  session: SessionConfig;
  readonly conversationId = newId('conv');
  private readonly items: ConversationItem[] = [];
  private readonly pc: RTCPeerConnection;
  private transceiver: RTCRtpTransceiver | undefined;
  private channel: RTCDataChannel | undefined;
  private cursor: ScenarioCursor;
  private readonly faults: FaultRegistry;
  private readonly vad: EnergyVad;
  private readonly mic: MicInput;
  private readonly playout: AudioPlayout;
  private response: ActiveResponse | undefined;
  /** Response whose audio is in the output buffer (may outlive the response itself). */
  private playingResponse: { id: string; item: ConversationItem | undefined; done: boolean; words: string[] } | undefined;
  private pendingUserItemId: string | undefined;
  private bufferedMs = 0;
  private voiceLocked = false;
  private eventsSent = 0;
  private responsesDone = 0;
  private limitTimer: NodeJS.Timeout | undefined;
  private readonly logger: CallLogger | undefined;
  private readonly onClosed: (call: EmulatedCall) => void;
  private readonly onOpen: (call: EmulatedCall) => void;
  private readonly sessionLimitMs: number | undefined;

  private constructor(options: EmulatedCallOptions) {
    this.id = options.id;
    this.session = options.session;
    this.cursor = new ScenarioCursor(options.scenario);
    this.faults = options.faults;
    this.logger = options.logger;
    this.onClosed = options.onClosed;
    this.onOpen = options.onOpen;
    this.sessionLimitMs = options.sessionLimitMs;
    const td = turnDetection(this.session);
    this.vad = new EnergyVad(td ?? { threshold: 0.5, prefix_padding_ms: 300, silence_duration_ms: 200 });
    this.mic = new MicInput((frame) => this.onMicFrame(frame));
    this.playout = new AudioPlayout((packet) => this.sendRtp(packet), {
      onStarted: () => this.onPlayoutStarted(),
      onDrained: () => this.onPlayoutDrained(),
      onTick: () => this.generateAudioAhead(),
    });
    this.pc = new RTCPeerConnection({ ...PEER_CONFIG, iceServers: [], iceAdditionalHostAddresses: ['127.0.0.1'] });
  }

  /** Answers a browser's SDP offer. Throws a TypeError when the offer cannot be used. */
  static async answer(offerSdp: string, options: EmulatedCallOptions): Promise<{ call: EmulatedCall; sdp: string }> {
    const call = new EmulatedCall(options);
    try {
      const sdp = await call.negotiate(offerSdp);
      return { call, sdp };
    } catch (error) {
      call.close('negotiation failed');
      throw error;
    }
  }

  private async negotiate(offerSdp: string): Promise<string> {
    const pc = this.pc;
    // Added before setRemoteDescription, or the answer carries no sending audio and the browser hears nothing.
    this.transceiver = pc.addTransceiver('audio', { direction: 'sendrecv' });
    pc.onTrack.subscribe((track) => {
      if (track.kind !== 'audio') return;
      track.onReceiveRtp.subscribe((rtp) => this.mic.push(rtp.payload));
    });
    pc.onDataChannel.subscribe((channel) => this.attachChannel(channel));
    pc.connectionStateChange.subscribe((state) => {
      if (state === 'failed' || state === 'closed') this.close(`peer connection ${state}`);
    });
    await pc.setRemoteDescription({ type: 'offer', sdp: loopbackOnly(offerSdp) });
    const audio = pc.getTransceivers().find((t) => t.kind === 'audio');
    if (audio) this.transceiver = audio;
    await pc.setLocalDescription(await pc.createAnswer());
    continueDtlsSequence(pc);
    const local = pc.localDescription;
    if (!local) throw new TypeError('Could not create an SDP answer for this offer.');
    this.playout.start();
    setTimeout(() => {
      if (this.state === 'connecting') this.close('peer never connected');
    }, CONNECT_TIMEOUT_MS).unref();
    return local.sdp;
  }

  private sendRtp(packet: RtpPacket): void {
    const sender = this.transceiver?.sender;
    if (!sender || this.state === 'closed') return;
    sender.sendRtp(packet).catch(() => undefined);
  }

  private attachChannel(channel: RTCDataChannel): void {
    if (channel.label !== 'oai-events' || this.channel) return;
    this.channel = channel;
    channel.onMessage.subscribe((data) => {
      const text = typeof data === 'string' ? data : data.toString('utf8');
      // Handled outside werift's SCTP receive loop. (The one-second stall once blamed on replying inside it was
      // werift repeating a DTLS record number; see continueDtlsSequence.ts.)
      setImmediate(() => this.handleClientMessage(text));
    });
    channel.stateChanged.subscribe((state) => {
      if (state === 'open') setImmediate(() => this.onChannelOpen());
      // The peer stays up a moment so the channel's SCTP stream reset reaches the browser, which then reports a
      // closed channel (closing the peer at once leaves the browser waiting for ICE to time out instead).
      if (state === 'closed') setTimeout(() => this.close('data channel closed'), 500).unref();
    });
    if (channel.readyState === 'open') setImmediate(() => this.onChannelOpen());
  }

  private onChannelOpen(): void {
    if (this.state !== 'connecting') return;
    this.state = 'open';
    this.send({ type: 'session.created', session: this.session });
    this.sessionCreatedAt = performance.now();
    this.onOpen(this);
    const limitFault = this.faults.take((f): f is Extract<Fault, { type: 'session_limit' }> => f.type === 'session_limit', this.id);
    const limit = limitFault?.ms ?? this.sessionLimitMs;
    if (limit !== undefined) this.limitTimer = setTimeout(() => this.endAtLimit(limit), limit);
    this.fireFaults('session_created');
  }

  private endAtLimit(limitMs: number): void {
    const minutes = Math.round((limitMs / 60_000) * 100) / 100;
    this.send({
      type: 'error',
      error: { ...openAiError(`Your session hit the maximum duration of ${minutes} minutes.`, 'session_expired'), event_id: null },
    });
    setTimeout(() => this.close('session limit reached'), 20);
  }

  // ---- sending ----

  private send(event: ServerEvent): void {
    const channel = this.channel;
    if (!channel || channel.readyState !== 'open' || this.state === 'closed') return;
    const withId = { event_id: newId('event'), ...event };
    try {
      channel.send(JSON.stringify(withId));
    } catch (error) {
      this.logger?.warn?.('talkwire emulator: send failed', error);
      return;
    }
    this.eventsSent++;
    if (this.eventsSent > 0) this.fireFaults({ afterEvents: this.eventsSent });
  }

  private sendRaw(text: string): void {
    const channel = this.channel;
    if (!channel || channel.readyState !== 'open') return;
    channel.send(text);
  }

  private sendError(error: OpenAiErrorBody, clientEventId: unknown): void {
    this.send({ type: 'error', error: { ...error, event_id: typeof clientEventId === 'string' ? clientEventId : null } });
  }

  // ---- faults ----

  private fireFaults(moment: Exclude<ChannelTrigger, 'now'>): void {
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
    this.logger?.debug?.(`talkwire emulator: fault ${fault.type} on ${this.id}`);
    switch (fault.type) {
      case 'malformed_event':
        this.sendRaw(fault.payload ?? '{"type": "response.done", oops');
        return;
      case 'unknown_event':
        this.send({ type: fault.eventType ?? 'emulator.unknown_event', detail: 'an event type no client knows' });
        return;
      case 'server_error':
        this.sendError(
          {
            ...openAiError('The server had an error while processing your request. Sorry about that!', 'server_error', null, 'server_error'),
            ...fault.error,
          },
          null,
        );
        return;
      case 'ice_pause':
        this.pauseNetwork(fault.ms);
        return;
      case 'drop_channel':
        if (fault.scope === 'call') {
          this.close('dropped by fault');
        } else {
          setImmediate(() => this.channel?.close());
        }
        return;
    }
  }

  /** Answers no ICE check and sends nothing (audio, DTLS, data channel) for `ms`, like a network drop-out. */
  private pauseNetwork(ms: number): void {
    const until = Date.now() + ms;
    for (const transport of this.pc.iceTransports) {
      const connection = transport.connection as unknown as {
        send: (data: Buffer) => Promise<void>;
        options: { filterStunResponse?: ((...args: unknown[]) => boolean) | undefined };
        talkwirePausedUntil?: number;
      };
      if (connection.talkwirePausedUntil === undefined) {
        const send = connection.send;
        const filter = connection.options.filterStunResponse;
        const live = () => Date.now() >= (connection.talkwirePausedUntil ?? 0);
        connection.send = (data) => (live() ? send(data) : Promise.resolve());
        connection.options.filterStunResponse = (...args) => live() && (filter ? filter(...args) : true);
      }
      connection.talkwirePausedUntil = until;
    }
  }

  // ---- client events ----

  private handleClientMessage(text: string): void {
    if (this.state === 'closed') return;
    let event: unknown;
    try {
      event = JSON.parse(text);
    } catch {
      this.sendError(openAiError('The message could not be parsed as JSON. Send each client event as one JSON object.', 'invalid_json'), null);
      return;
    }
    if (!isRecord(event)) {
      this.sendError(openAiError('Expected a JSON object with a "type" field.', 'invalid_event'), null);
      return;
    }
    const eventId = event.event_id;
    if (typeof event.type !== 'string') {
      this.sendError(openAiError("The 'type' field is missing.", 'invalid_event'), eventId);
      return;
    }
    try {
      this.dispatch(event as ServerEvent, eventId);
    } catch (error) {
      this.logger?.warn?.('talkwire emulator: handler failed', error);
      this.sendError(openAiError(`Internal emulator error handling '${event.type}'.`, 'server_error', null, 'server_error'), eventId);
    }
  }

  private dispatch(event: ServerEvent, eventId: unknown): void {
    switch (event.type) {
      case 'session.update':
        return this.onSessionUpdate(event, eventId);
      case 'input_audio_buffer.append': {
        const audio = typeof event.audio === 'string' ? event.audio : '';
        // PCM16 at 24 kHz: 48 bytes per ms.
        this.bufferedMs += Math.floor((audio.length * 3) / 4 / 48);
        return;
      }
      case 'input_audio_buffer.commit':
        if (this.bufferedMs < MIN_COMMIT_MS) {
          const had = this.bufferedMs.toFixed(2);
          return this.sendError(
            openAiError(
              `Error committing input audio buffer: buffer too small. Expected at least ${MIN_COMMIT_MS}ms of audio, but buffer only has ${had}ms of audio.`,
              'input_audio_buffer_commit_empty',
            ),
            eventId,
          );
        }
        this.vad.reset();
        return this.commitUserAudio(this.pendingUserItemId ?? newId('item'), false);
      case 'input_audio_buffer.clear':
        this.bufferedMs = 0;
        this.vad.reset();
        this.pendingUserItemId = undefined;
        return this.send({ type: 'input_audio_buffer.cleared' });
      case 'output_audio_buffer.clear':
        return this.clearOutputAudio();
      case 'conversation.item.create':
        return this.onItemCreate(event, eventId);
      case 'conversation.item.retrieve': {
        const item = this.findItem(event.item_id);
        if (!item) return this.itemNotFound('retrieve', event.item_id, eventId);
        return this.send({ type: 'conversation.item.retrieved', item });
      }
      case 'conversation.item.delete': {
        const index = this.items.findIndex((i) => i.id === event.item_id);
        if (index < 0) return this.itemNotFound('delete', event.item_id, eventId);
        this.items.splice(index, 1);
        return this.send({ type: 'conversation.item.deleted', item_id: event.item_id });
      }
      case 'conversation.item.truncate':
        return this.onItemTruncate(event, eventId);
      case 'response.create':
        if (this.response) {
          return this.sendError(
            openAiError(
              `Conversation already has an active response in progress: ${this.response.id}. Wait until the response is finished before creating a new one.`,
              'conversation_already_has_active_response',
            ),
            eventId,
          );
        }
        return this.startResponse(isRecord(event.response) ? event.response : {});
      case 'response.cancel':
        if (!this.response || (typeof event.response_id === 'string' && event.response_id !== this.response.id)) {
          return this.sendError(openAiError('Cancellation failed: no active response found', 'response_cancel_not_active'), eventId);
        }
        return this.cancelResponse('client_cancelled');
      default:
        return this.sendError(
          openAiError(
            `Invalid value: '${event.type}'. Supported values are: ${CLIENT_EVENT_TYPES.map((t) => `'${t}'`).join(', ')}.`,
            'invalid_value',
            'type',
          ),
          eventId,
        );
    }
  }

  private itemNotFound(action: string, itemId: unknown, eventId: unknown): void {
    this.sendError(
      openAiError(`Error ${action === 'delete' ? 'deleting' : 'retrieving'} item: the item with id '${String(itemId)}' does not exist.`, `item_${action}_invalid_item_id`, 'item_id'),
      eventId,
    );
  }

  private onSessionUpdate(event: ServerEvent, eventId: unknown): void {
    const patch = event.session;
    const problem = validateSessionPatch(patch, this.session, this.voiceLocked);
    if (problem) return this.sendError(openAiError(problem.message, problem.code, problem.param), eventId);
    this.session = mergeSessionConfig(this.session, patch as Record<string, unknown>);
    const td = turnDetection(this.session);
    if (td) this.vad.configure(td);
    else this.vad.reset();
    this.send({ type: 'session.updated', session: this.session });
  }

  private findItem(id: unknown): ConversationItem | undefined {
    return typeof id === 'string' ? this.items.find((i) => i.id === id) : undefined;
  }

  private lastItemId(): string | null {
    return this.items[this.items.length - 1]?.id ?? null;
  }

  /** Appends (or inserts after `previousItemId`) and returns the previous item's id. */
  private insertItem(item: ConversationItem, previousItemId?: string | null): string | null {
    if (previousItemId === 'root') {
      this.items.unshift(item);
      return null;
    }
    if (typeof previousItemId === 'string') {
      const index = this.items.findIndex((i) => i.id === previousItemId);
      this.items.splice(index + 1, 0, item);
      return previousItemId;
    }
    const previous = this.lastItemId();
    this.items.push(item);
    return previous;
  }

  private onItemCreate(event: ServerEvent, eventId: unknown): void {
    const raw = event.item;
    if (!isRecord(raw) || typeof raw.type !== 'string') {
      return this.sendError(openAiError("Missing required parameter: 'item.type'.", 'missing_required_parameter', 'item.type'), eventId);
    }
    const known = ['message', 'function_call', 'function_call_output', 'mcp_approval_response'];
    if (!known.includes(raw.type)) {
      return this.sendError(
        openAiError(`Invalid value: '${raw.type}'. Supported values are: ${known.map((k) => `'${k}'`).join(', ')}.`, 'invalid_value', 'item.type'),
        eventId,
      );
    }
    if (raw.type === 'message') {
      if (raw.role !== 'user' && raw.role !== 'assistant' && raw.role !== 'system') {
        return this.sendError(openAiError("Invalid value for 'item.role': use 'user', 'assistant' or 'system'.", 'invalid_value', 'item.role'), eventId);
      }
      if (!Array.isArray(raw.content)) {
        return this.sendError(openAiError("Missing required parameter: 'item.content'.", 'missing_required_parameter', 'item.content'), eventId);
      }
    }
    if (raw.type === 'function_call_output' && (typeof raw.call_id !== 'string' || typeof raw.output !== 'string')) {
      return this.sendError(
        openAiError("A function_call_output item needs a string 'call_id' and a string 'output'.", 'missing_required_parameter', 'item.call_id'),
        eventId,
      );
    }
    const id = typeof raw.id === 'string' ? raw.id : newId('item');
    if (this.findItem(id)) {
      return this.sendError(openAiError(`Item with id '${id}' already exists.`, 'item_id_already_exists', 'item.id'), eventId);
    }
    const previous = event.previous_item_id;
    if (typeof previous === 'string' && previous !== 'root' && !this.findItem(previous)) {
      return this.sendError(
        openAiError(`Error adding item: the previous item with id '${previous}' does not exist.`, 'previous_item_not_found', 'previous_item_id'),
        eventId,
      );
    }
    const item: ConversationItem = { ...raw, id, type: raw.type, object: 'realtime.item', status: 'completed' };
    const previousItemId = this.insertItem(item, typeof previous === 'string' ? previous : undefined);
    // Scripted replies can quote what the client sent: `{output}` (a function's result), `{heard}` (typed text).
    if (raw.type === 'function_call_output') this.cursor.noteOutput(raw.output as string);
    const typed = raw.type === 'message' && raw.role === 'user' && Array.isArray(raw.content)
      ? (raw.content as unknown[]).find((part): part is { text: string } => isRecord(part) && part.type === 'input_text' && typeof part.text === 'string')
      : undefined;
    if (typed) this.cursor.noteHeard(typed.text);
    this.send({ type: 'conversation.item.added', previous_item_id: previousItemId, item });
    this.send({ type: 'conversation.item.done', previous_item_id: previousItemId, item });
  }

  private onItemTruncate(event: ServerEvent, eventId: unknown): void {
    const item = this.findItem(event.item_id);
    if (!item) {
      return this.sendError(
        openAiError(`Error truncating item: the item with id '${String(event.item_id)}' does not exist.`, 'item_truncate_invalid_item_id', 'item_id'),
        eventId,
      );
    }
    const content = Array.isArray(item.content) ? (item.content as Record<string, unknown>[]) : [];
    const part = content[typeof event.content_index === 'number' ? event.content_index : 0];
    if (item.role !== 'assistant' || part?.type !== 'output_audio') {
      return this.sendError(openAiError('Only assistant messages with audio can be truncated.', 'invalid_value', 'item_id'), eventId);
    }
    const audioEndMs = event.audio_end_ms;
    const transcript = typeof part.transcript === 'string' ? part.transcript : '';
    const words = transcriptDeltas(transcript);
    const totalMs = spokenMs(words, outputSpeed(this.session), words.length);
    if (typeof audioEndMs !== 'number' || !Number.isInteger(audioEndMs) || audioEndMs < 0 || audioEndMs > totalMs) {
      return this.sendError(
        openAiError(`Audio content of ${totalMs}ms is shorter than ${String(audioEndMs)}ms.`, 'invalid_value', 'audio_end_ms'),
        eventId,
      );
    }
    part.transcript = wordsHeardBy(words, outputSpeed(this.session), audioEndMs);
    this.send({ type: 'conversation.item.truncated', item_id: item.id, content_index: 0, audio_end_ms: audioEndMs });
  }

  // ---- microphone, VAD and user turns ----

  private onMicFrame(frame: Int16Array): void {
    if (this.state !== 'open') return;
    this.bufferedMs += (VAD_FRAME_SAMPLES * 1000) / SAMPLE_RATE;
    const td = turnDetection(this.session);
    if (!td) return;
    const vadEvent = this.vad.push(frame);
    if (!vadEvent) return;
    if (vadEvent.type === 'speech_started') {
      const itemId = newId('item');
      this.pendingUserItemId = itemId;
      this.send({ type: 'input_audio_buffer.speech_started', audio_start_ms: vadEvent.audioStartMs, item_id: itemId });
      if (td.interrupt_response) {
        if (this.response) this.cancelResponse('turn_detected');
        else if (this.playingResponse) this.clearOutputAudio();
      }
      return;
    }
    const itemId = this.pendingUserItemId ?? newId('item');
    this.send({ type: 'input_audio_buffer.speech_stopped', audio_end_ms: vadEvent.audioEndMs, item_id: itemId });
    this.commitUserAudio(itemId, td.create_response);
  }

  private commitUserAudio(itemId: string, respond: boolean): void {
    this.pendingUserItemId = undefined;
    this.bufferedMs = 0;
    const item: ConversationItem = {
      id: itemId,
      object: 'realtime.item',
      type: 'message',
      status: 'completed',
      role: 'user',
      content: [{ type: 'input_audio', transcript: null }],
    };
    const previousItemId = this.insertItem(item);
    this.send({ type: 'input_audio_buffer.committed', previous_item_id: previousItemId, item_id: itemId });
    this.send({ type: 'conversation.item.added', previous_item_id: previousItemId, item });
    this.send({ type: 'conversation.item.done', previous_item_id: previousItemId, item });
    const heard = this.cursor.nextHeard();
    if (respond && !this.response) this.startResponse({});
    // Transcription is asynchronous in OpenAI's API and typically lands after response.created.
    if (transcriptionEnabled(this.session)) this.transcribe(item, heard);
  }

  private transcribe(item: ConversationItem, text: string): void {
    for (const delta of transcriptDeltas(text)) {
      this.send({ type: 'conversation.item.input_audio_transcription.delta', item_id: item.id, content_index: 0, delta });
    }
    const part = (item.content as Record<string, unknown>[])[0];
    if (part) part.transcript = text;
    const tokens = Math.max(1, Math.round(text.length / 4));
    this.send({
      type: 'conversation.item.input_audio_transcription.completed',
      item_id: item.id,
      content_index: 0,
      transcript: text,
      usage: { type: 'tokens', total_tokens: tokens * 2, input_tokens: tokens, input_token_details: { text_tokens: 0, audio_tokens: tokens }, output_tokens: tokens },
    });
  }

  // ---- responses ----

  private startResponse(options: Record<string, unknown>): void {
    const modalities = options.output_modalities;
    const textOnly = Array.isArray(modalities) ? modalities.length === 1 && modalities[0] === 'text' : isTextOnly(this.session);
    const step = this.cursor.nextStep();
    const response: ActiveResponse = {
      id: newId('resp'),
      step,
      textOnly,
      output: [],
      item: undefined,
      deltas: step.type === 'reply' ? transcriptDeltas(step.text) : [],
      next: 0,
      transcript: '',
      deltasSent: 0,
      audioStarted: false,
      timer: undefined,
      metadata: options.metadata ?? null,
    };
    this.response = response;
    this.send({ type: 'response.created', response: this.responseObject(response, 'in_progress', null, null) });
    this.fireFaults('response_started');
    if (this.response !== response) return;
    switch (step.type) {
      case 'reply':
        return this.beginMessage(response);
      case 'function_call':
        return this.emitFunctionCall(response, step);
      case 'mcp_approval_request':
        return this.emitMcpApproval(response, step);
      case 'mcp_call':
        return this.emitMcpCall(response, step);
    }
  }

  private responseObject(r: ActiveResponse, status: string, statusDetails: unknown, usage: unknown): Record<string, unknown> {
    return {
      object: 'realtime.response',
      id: r.id,
      status,
      status_details: statusDetails,
      output: r.output,
      conversation_id: this.conversationId,
      output_modalities: [r.textOnly ? 'text' : 'audio'],
      max_output_tokens: this.session.max_output_tokens ?? 'inf',
      audio: { output: { format: { type: 'audio/pcm', rate: 24000 }, voice: outputVoice(this.session) } },
      usage,
      metadata: r.metadata,
    };
  }

  private addOutputItem(r: ActiveResponse, item: ConversationItem): number {
    const outputIndex = r.output.length;
    r.output.push(item);
    this.send({ type: 'response.output_item.added', response_id: r.id, output_index: outputIndex, item });
    const previousItemId = this.insertItem(item);
    this.send({ type: 'conversation.item.added', previous_item_id: previousItemId, item: { ...item } });
    return outputIndex;
  }

  private finishOutputItem(r: ActiveResponse, item: ConversationItem, outputIndex: number): void {
    item.status = 'completed';
    this.send({ type: 'response.output_item.done', response_id: r.id, output_index: outputIndex, item });
    const index = this.items.indexOf(item);
    const previousItemId = index > 0 ? this.items[index - 1]!.id : null;
    this.send({ type: 'conversation.item.done', previous_item_id: previousItemId, item });
  }

  private beginMessage(r: ActiveResponse): void {
    const item: ConversationItem = {
      id: newId('item'),
      object: 'realtime.item',
      type: 'message',
      status: 'in_progress',
      role: 'assistant',
      content: [],
    };
    r.item = item;
    this.addOutputItem(r, item);
    const part = r.textOnly ? { type: 'text', text: '' } : { type: 'audio', transcript: '' };
    this.send({ type: 'response.content_part.added', response_id: r.id, item_id: item.id, output_index: 0, content_index: 0, part });
    if (r.textOnly) {
      this.streamText(r);
    } else {
      this.voiceLocked = true;
      this.playingResponse = { id: r.id, item, done: false, words: r.deltas };
      this.generateAudioAhead();
    }
  }

  private streamText(r: ActiveResponse): void {
    if (this.response !== r) return;
    const delta = r.deltas[r.next++];
    if (delta === undefined) return this.completeMessage(r);
    r.transcript += delta;
    this.send({ type: 'response.output_text.delta', response_id: r.id, item_id: r.item!.id, output_index: 0, content_index: 0, delta });
    if (++r.deltasSent === 2) this.fireFaults('mid_response');
    if (this.response === r) r.timer = setTimeout(() => this.streamText(r), TEXT_DELTA_INTERVAL_MS);
  }

  /** Keeps about GENERATION_LEAD_MS of speech queued ahead of playback, emitting one transcript delta per word. */
  private generateAudioAhead(): void {
    const r = this.response;
    if (!r || r.textOnly || !r.item || r.step.type !== 'reply') return;
    const voice = outputVoice(this.session);
    const speed = outputSpeed(this.session);
    while (this.response === r && this.playout.queuedMs < GENERATION_LEAD_MS) {
      const delta = r.deltas[r.next];
      if (delta === undefined) return this.completeMessage(r);
      this.playout.enqueue(synthesizeWord(delta.trim(), r.next, { voice, speed }));
      r.next++;
      r.transcript += delta;
      this.send({ type: 'response.output_audio_transcript.delta', response_id: r.id, item_id: r.item.id, output_index: 0, content_index: 0, delta });
    }
  }

  private onPlayoutStarted(): void {
    const playing = this.playingResponse;
    if (!playing) return;
    this.send({ type: 'output_audio_buffer.started', response_id: playing.id });
    if (this.response?.id === playing.id) this.fireFaults('mid_response');
  }

  private onPlayoutDrained(): void {
    const playing = this.playingResponse;
    if (!playing || !playing.done) return;
    this.playingResponse = undefined;
    this.send({ type: 'output_audio_buffer.stopped', response_id: playing.id });
  }

  private completeMessage(r: ActiveResponse): void {
    const item = r.item!;
    const common = { response_id: r.id, item_id: item.id, output_index: 0, content_index: 0 };
    if (r.textOnly) {
      this.send({ type: 'response.output_text.done', ...common, text: r.transcript });
      this.send({ type: 'response.content_part.done', ...common, part: { type: 'text', text: r.transcript } });
      item.content = [{ type: 'output_text', text: r.transcript }];
    } else {
      this.send({ type: 'response.output_audio.done', ...common });
      this.send({ type: 'response.output_audio_transcript.done', ...common, transcript: r.transcript });
      this.send({ type: 'response.content_part.done', ...common, part: { type: 'audio', transcript: r.transcript } });
      item.content = [{ type: 'output_audio', transcript: r.transcript }];
    }
    this.finishOutputItem(r, item, 0);
    this.finishResponse(r, 'completed', null);
    if (this.playingResponse?.id === r.id) {
      this.playingResponse.done = true;
      // Nothing left to play (very short reply, already drained): stop now.
      if (!this.playout.playing && this.playout.queuedMs === 0) this.onPlayoutDrained();
    }
  }

  private emitFunctionCall(r: ActiveResponse, step: Extract<AssistantStep, { type: 'function_call' }>): void {
    const callId = step.call_id ?? newId('call', 16);
    const item: ConversationItem = {
      id: newId('item'),
      object: 'realtime.item',
      type: 'function_call',
      status: 'in_progress',
      name: step.name,
      call_id: callId,
      arguments: '',
    };
    const outputIndex = this.addOutputItem(r, item);
    const args = step.arguments;
    const chunk = Math.max(1, Math.ceil(args.length / 3));
    for (let i = 0; i < args.length; i += chunk) {
      this.send({
        type: 'response.function_call_arguments.delta',
        response_id: r.id,
        item_id: item.id,
        output_index: outputIndex,
        call_id: callId,
        delta: args.slice(i, i + chunk),
      });
    }
    item.arguments = args;
    this.send({
      type: 'response.function_call_arguments.done',
      response_id: r.id,
      item_id: item.id,
      output_index: outputIndex,
      call_id: callId,
      name: step.name,
      arguments: args,
    });
    this.finishOutputItem(r, item, outputIndex);
    this.finishResponse(r, 'completed', null);
  }

  private emitMcpApproval(r: ActiveResponse, step: Extract<AssistantStep, { type: 'mcp_approval_request' }>): void {
    const item: ConversationItem = {
      id: newId('mcpr'),
      object: 'realtime.item',
      type: 'mcp_approval_request',
      server_label: step.server_label,
      name: step.name,
      arguments: step.arguments,
    };
    const outputIndex = this.addOutputItem(r, item);
    this.send({ type: 'response.output_item.done', response_id: r.id, output_index: outputIndex, item });
    this.send({ type: 'conversation.item.done', previous_item_id: this.previousOf(item), item });
    this.finishResponse(r, 'completed', null);
  }

  /** A server-side MCP tool call with its progress events, as OpenAI runs one after approval. */
  private emitMcpCall(r: ActiveResponse, step: Extract<AssistantStep, { type: 'mcp_call' }>): void {
    const item: ConversationItem = {
      id: newId('mcp'),
      object: 'realtime.item',
      type: 'mcp_call',
      server_label: step.server_label,
      name: step.name,
      arguments: '',
      approval_request_id: null,
      output: null,
      error: null,
    };
    const outputIndex = this.addOutputItem(r, item);
    const common = { response_id: r.id, item_id: item.id, output_index: outputIndex };
    this.send({ type: 'response.mcp_call_arguments.delta', ...common, delta: step.arguments });
    this.send({ type: 'response.mcp_call_arguments.done', ...common, arguments: step.arguments });
    item.arguments = step.arguments;
    this.send({ type: 'response.mcp_call.in_progress', output_index: outputIndex, item_id: item.id });
    r.timer = setTimeout(() => {
      if (this.response !== r) return;
      item.output = step.output;
      this.send({ type: 'response.mcp_call.completed', output_index: outputIndex, item_id: item.id });
      this.finishOutputItem(r, item, outputIndex);
      this.finishResponse(r, 'completed', null);
    }, 150);
  }

  private previousOf(item: ConversationItem): string | null {
    const index = this.items.indexOf(item);
    return index > 0 ? this.items[index - 1]!.id : null;
  }

  private finishResponse(r: ActiveResponse, status: string, statusDetails: unknown): void {
    if (r.timer) clearTimeout(r.timer);
    if (this.response === r) this.response = undefined;
    this.responsesDone++;
    const outputTokens = Math.max(1, Math.round(r.transcript.length / 4));
    const audioTokens = r.textOnly ? 0 : outputTokens * 3;
    const inputTokens = 100 + this.items.length * 20;
    const usage = {
      total_tokens: inputTokens + outputTokens + audioTokens,
      input_tokens: inputTokens,
      output_tokens: outputTokens + audioTokens,
      input_token_details: {
        text_tokens: inputTokens,
        audio_tokens: 0,
        image_tokens: 0,
        cached_tokens: 0,
        cached_tokens_details: { text_tokens: 0, audio_tokens: 0, image_tokens: 0 },
      },
      output_token_details: { text_tokens: outputTokens, audio_tokens: audioTokens },
    };
    this.send({ type: 'response.done', response: this.responseObject(r, status, statusDetails, usage) });
  }

  private cancelResponse(reason: 'turn_detected' | 'client_cancelled'): void {
    const r = this.response;
    if (!r) return;
    if (r.timer) clearTimeout(r.timer);
    if (r.item) {
      r.item.status = 'incomplete';
      r.item.content = r.textOnly ? [{ type: 'output_text', text: r.transcript }] : [{ type: 'output_audio', transcript: r.transcript }];
    }
    this.finishResponse(r, 'cancelled', { type: 'cancelled', reason });
    // VAD barge-in also truncates what was not played; a client cancel leaves the buffer to output_audio_buffer.clear.
    if (reason === 'turn_detected' && this.playingResponse?.id === r.id) this.clearOutputAudio();
    else if (this.playingResponse?.id === r.id) this.playingResponse.done = true;
  }

  /** Drops unplayed audio; the assistant item keeps only the words that were heard. */
  private clearOutputAudio(): void {
    const playing = this.playingResponse;
    const responseId = playing?.id ?? this.response?.id ?? null;
    const heardMs = this.playout.playedMs;
    this.playout.clear();
    if (playing) {
      this.playingResponse = undefined;
      const part = playing.item && Array.isArray(playing.item.content) ? (playing.item.content as Record<string, unknown>[])[0] : undefined;
      if (part && part.type === 'output_audio') part.transcript = wordsHeardBy(playing.words, outputSpeed(this.session), heardMs);
    }
    this.send({ type: 'output_audio_buffer.cleared', response_id: responseId });
  }

  // ---- introspection and control ----

  /** A snapshot of the conversation, in order (copies: callers cannot change the call's state). */
  listItems(): ConversationItem[] {
    return structuredClone(this.items);
  }

  /** Sends each message as is over the data channel (test input, including hostile input). Returns how many left. */
  sendRawMessages(messages: readonly string[]): number {
    let sent = 0;
    for (const message of messages) {
      const channel = this.channel;
      if (!channel || channel.readyState !== 'open' || this.state === 'closed') break;
      try {
        channel.send(message);
        sent++;
      } catch {
        break;
      }
    }
    return sent;
  }

  setScenario(next: Scenario): void {
    this.cursor = new ScenarioCursor(next);
  }

  get activeResponseId(): string | null {
    return this.response?.id ?? null;
  }

  get audioPlaying(): boolean {
    return this.playingResponse !== undefined;
  }

  /** What the call has heard from the caller's microphone. */
  get input(): MicInputStats {
    return this.mic.stats();
  }

  get serverEventsSent(): number {
    return this.eventsSent;
  }

  /** Ends the call as `/hangup` does: the channel and the peer connection close. */
  close(reason = 'hangup'): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.logger?.debug?.(`talkwire emulator: call ${this.id} closed (${reason})`);
    if (this.limitTimer) clearTimeout(this.limitTimer);
    if (this.response?.timer) clearTimeout(this.response.timer);
    this.response = undefined;
    this.playingResponse = undefined;
    this.playout.stop();
    this.mic.close();
    const channelOpen = this.channel?.readyState === 'open';
    try {
      this.channel?.close();
    } catch {
      // already closed
    }
    // Let the channel's close reach the peer before the transport goes, so it sees a clean close first.
    let peerClosed = false;
    const closePeer = () => {
      if (peerClosed) return;
      peerClosed = true;
      void this.pc.close().catch(() => undefined);
    };
    if (channelOpen && this.channel) {
      // The peer goes only once the channel's SCTP stream reset went through (or after 2 s): closed any sooner,
      // the browser may never see the channel close and only notice the lost network many seconds later.
      this.channel.stateChanged.subscribe((state) => {
        if (state === 'closed') setTimeout(closePeer, 200).unref();
      });
      setTimeout(closePeer, 2_000).unref();
    } else {
      closePeer();
    }
    this.onClosed(this);
  }
}

function spokenMs(words: string[], speed: number, count: number): number {
  let ms = 0;
  for (let i = 0; i < count && i < words.length; i++) {
    const pcmLength = synthesizeWord(words[i]!.trim(), i, { speed }).length;
    ms += (pcmLength * 1000) / SAMPLE_RATE;
  }
  return Math.round(ms);
}

/** The words whose audio started before `ms` of playback. */
function wordsHeardBy(words: string[], speed: number, ms: number): string {
  let elapsed = 0;
  let text = '';
  for (const word of words) {
    if (elapsed >= ms) break;
    text += word;
    elapsed += wordDurationMs(word.trim(), speed) + 60 / speed;
  }
  return text.trimStart();
}
