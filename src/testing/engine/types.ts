import type { MicInputStats } from './inputStats.js';

/** A conversation item as the server holds it (GA shape). */
export type ConversationItem = Record<string, unknown> & { id: string; type: string };

export type ServerEvent = Record<string, unknown> & { type: string };

export interface CallLogger {
  debug?(message: string, data?: unknown): void;
  warn?(message: string, data?: unknown): void;
}

export interface PlayoutEvents {
  /** The first audio of a burst left (the output audio buffer started playing). */
  onStarted(): void;
  /** Everything queued has left. */
  onDrained(): void;
  /** Called on every tick while running, so generation can keep a little ahead of the output. */
  onTick(): void;
}

/** Which response and item queued audio belongs to. */
export interface AudioTag {
  responseId: string;
  itemId: string;
}

/** Where a call's generated speech goes: RTP on a media track, or `response.output_audio.delta` events. */
export interface AudioOutput {
  /** Audio queued and not yet sent, in ms. */
  readonly queuedMs: number;
  /** A burst is under way. */
  readonly playing: boolean;
  /** Audio sent in the current burst, in ms. */
  readonly playedMs: number;
  start(): void;
  /** Queues 48 kHz mono PCM. */
  enqueue(pcm: Int16Array, tag: AudioTag): void;
  /** Drops everything not yet sent. */
  clear(): void;
  stop(): void;
  /** Model audio the client has received for an item, in ms (undefined when it got none). */
  deliveredMs?(itemId: string): number | undefined;
}

/** The outcome of handing one serialized event to the transport. */
export type SendOutcome = 'sent' | 'closed' | 'too_large';

/** What a media adapter (WebRTC, WebSocket) gives the conversation engine. */
export interface CallMedia {
  readonly transport: 'webrtc' | 'websocket';
  /**
   * The server plays the output itself (WebRTC): it sends `output_audio_buffer.*` events and cuts unplayed audio
   * on barge-in. Over WebSocket the client plays and truncates.
   */
  readonly serverPlayback: boolean;
  /** Largest message the transport can carry, in bytes. */
  readonly maxMessageBytes: number;
  sendText(text: string): SendOutcome;
  /** Sends messages as they are (hostile-input tests), waiting while the transport's buffer is full. */
  sendRaw(messages: readonly string[]): Promise<number>;
  createOutput(events: PlayoutEvents, emit: (event: ServerEvent) => void): AudioOutput;
  /** Takes `input_audio_buffer.append` audio; returns an error message when it is not valid audio. */
  appendAudio(base64: string): string | null;
  inputStats(): MicInputStats;
  /** Goes silent for `ms` (fault `ice_pause`). */
  pauseNetwork(ms: number): void;
  /** Closes the event channel only (fault `drop_channel` with scope `channel`). */
  dropChannel(): void;
  /** Frees the transport: channel, peer or socket. */
  close(): void;
}
