import { base64ToPcm16 } from '../../audio/base64.js';
import type { ClientEvent, ConversationItemTruncateEvent } from '../../core/protocol/events.js';
import { createPlaybackTracker, type PlaybackTracker } from './createPlaybackTracker.js';

/**
 * Payload of the session's `output_audio` event (contract): one `response.output_audio.delta`, decoded.
 * The samples are the listener's to keep.
 */
export interface OutputAudioEvent {
  itemId: string;
  responseId: string;
  contentIndex: number;
  /** PCM16 mono. */
  samples: Int16Array;
  sampleRate: number;
}

/** What the audio link needs of a player; `createPcmPlayer` in a page. */
export interface AudioSink {
  /** Takes ownership of `pcm` (the browser player transfers its buffer). */
  push(itemId: string, pcm: Int16Array): void;
  end(itemId: string): void;
  /** Silences now and answers with the position reached. */
  clear(): Promise<{ itemId: string | null; playedSamples: number }>;
  onProgress(listener: (progress: { itemId: string | null; playedSamples: number }) => void): () => void;
}

export interface InterruptOutcome {
  cancel: ClientEvent | null;
  truncate: ConversationItemTruncateEvent | null;
}

export interface WebSocketAudioOptions {
  send(event: ClientEvent): void;
  /** Plays the model's audio (browser). Without one, audio goes only to `onOutputAudio` and the app reports playback. */
  player?: AudioSink | null;
  onOutputAudio?(event: OutputAudioEvent): void;
  /** True when server VAD cancels the response itself on speech (`turn_detection.interrupt_response`, default on). */
  serverCancelsOnSpeech(): boolean;
  /** After an interruption the link handled: what it sent (the session marks the unheard tail). */
  onInterrupted?(outcome: InterruptOutcome): void;
  /** A send that failed while handling a server event. */
  onError?(error: unknown): void;
  /** Output sample rate. Default 24000 (`audio/pcm`). */
  sampleRate?: number;
  /** Without a player: how many ms of an item the app has played, asked when an interruption truncates it. */
  playedMs?: ((itemId: string) => number | undefined) | undefined;
  /** The clock (ms) for estimating playback without a player or `playedMs`. Default `performance.now()`. */
  now?: () => number;
}

/** The WebSocket session's audio duties, fed with parsed server events. */
export interface WebSocketAudio {
  handleServerEvent(event: { type: string }): void;
  /** `session.interrupt()`: cancel if a response runs, silence, truncate to what was heard. */
  interrupt(): Promise<InterruptOutcome>;
  /** Playback done by the app itself (Node, phone bridges): `samples` of `itemId` played so far. */
  played(itemId: string, samples: number): void;
  readonly tracker: PlaybackTracker;
  dispose(): void;
}

interface AudioDeltaEvent {
  type: string;
  item_id?: unknown;
  response_id?: unknown;
  content_index?: unknown;
  delta?: unknown;
}

const MAX_ESTIMATED_ITEMS = 16;

export function createWebSocketAudio(options: WebSocketAudioOptions): WebSocketAudio {
  const sampleRate = options.sampleRate ?? 24000;
  const tracker = createPlaybackTracker({ sampleRate });
  const player = options.player ?? null;
  const unsubscribe = player?.onProgress((p) => {
    if (p.itemId !== null) tracker.played(p.itemId, p.playedSamples);
  });
  // Without a player the app plays the audio and may say how much of an item it played (`playedMs`, or pushed
  // reports through `played`). Otherwise an item is taken to play in real time from its first delta, as it arrives
  // (what agents-js assumes): exact for an app that plays as it receives, an estimate otherwise.
  const now = options.now ?? (() => performance.now());
  const firstDeltaAt = new Map<string, number>();
  const reported = new Set<string>();
  const appPlayed = (itemId: string) => {
    const asked = options.playedMs?.(itemId);
    const start = firstDeltaAt.get(itemId);
    if (typeof asked === 'number' && Number.isFinite(asked) && asked >= 0)
      tracker.played(itemId, Math.floor((asked * sampleRate) / 1000));
    else if (start !== undefined && !reported.has(itemId))
      tracker.played(itemId, Math.floor(((now() - start) * sampleRate) / 1000));
  };

  function send(event: ClientEvent): void {
    try {
      options.send(event);
    } catch (error) {
      options.onError?.(error);
    }
  }

  async function interrupt(serverCancels: boolean): Promise<InterruptOutcome> {
    const plan = tracker.interrupt({ serverCancels });
    if (plan.cancel) send(plan.cancel);
    let itemId = plan.itemId;
    if (!player && itemId !== null) appPlayed(itemId);
    if (player) {
      // Posted in this same task, so the audio thread stops at its next render quantum.
      const position = await player.clear();
      // The player knows best which item was at the play position; the tracker's view lags by one report.
      if (position.itemId !== null) {
        tracker.played(position.itemId, position.playedSamples);
        itemId = position.itemId;
      }
    }
    const truncate = itemId === null ? null : tracker.truncation(itemId);
    if (truncate) send(truncate);
    const outcome = { cancel: plan.cancel, truncate };
    if (plan.cancel || itemId !== null) options.onInterrupted?.(outcome);
    return outcome;
  }

  function onDelta(event: AudioDeltaEvent): void {
    if (typeof event.item_id !== 'string' || typeof event.delta !== 'string') return;
    let samples: Int16Array;
    try {
      samples = base64ToPcm16(event.delta);
    } catch (error) {
      options.onError?.(error);
      return;
    }
    const contentIndex = typeof event.content_index === 'number' ? event.content_index : 0;
    if (!tracker.received(event.item_id, samples.length, contentIndex)) return;
    if (!player && !firstDeltaAt.has(event.item_id)) {
      firstDeltaAt.set(event.item_id, now());
      // Only recent items can still be playing; the oldest is forgotten.
      if (firstDeltaAt.size > MAX_ESTIMATED_ITEMS) firstDeltaAt.delete(firstDeltaAt.keys().next().value!);
    }
    if (options.onOutputAudio) {
      options.onOutputAudio({
        itemId: event.item_id,
        responseId: typeof event.response_id === 'string' ? event.response_id : '',
        contentIndex,
        // The player takes its buffer away, so a listener that may keep the samples gets a copy.
        samples: player ? samples.slice() : samples,
        sampleRate,
      });
    }
    player?.push(event.item_id, samples);
  }

  return {
    handleServerEvent(event) {
      const e = event as AudioDeltaEvent & { response?: { id?: unknown } };
      switch (e.type) {
        case 'response.output_audio.delta':
        case 'response.audio.delta':
          onDelta(e);
          break;
        case 'response.output_audio.done':
        case 'response.audio.done':
          if (typeof e.item_id === 'string') {
            tracker.receivedAll(e.item_id);
            player?.end(e.item_id);
          }
          break;
        case 'response.created':
          if (typeof e.response?.id === 'string') tracker.responseStarted(e.response.id);
          break;
        case 'response.done':
          if (typeof e.response?.id === 'string') tracker.responseEnded(e.response.id);
          break;
        case 'input_audio_buffer.speech_started':
          if (tracker.audibleItem !== null || !options.serverCancelsOnSpeech()) {
            void interrupt(options.serverCancelsOnSpeech()).catch((error: unknown) => options.onError?.(error));
          }
          break;
      }
    },
    interrupt: () => interrupt(false),
    played(itemId, samples) {
      reported.add(itemId);
      if (reported.size > MAX_ESTIMATED_ITEMS) reported.delete(reported.values().next().value!);
      tracker.played(itemId, samples);
    },
    tracker,
    dispose() {
      unsubscribe?.();
      tracker.reset();
      firstDeltaAt.clear();
      reported.clear();
    },
  };
}
