import { base64ToPcm16 } from '../../audio/base64.js';
import type { OutputAudioEvent } from './createWebSocketAudio.js';

/** What the translation audio needs of a player; `createPcmPlayer` in a page. */
export interface TranslationSink {
  push(itemId: string, pcm: Int16Array): void;
  end(itemId: string): void;
}

export interface TranslationAudioOptions {
  /** Plays the translated speech (a page). Without one, it goes only to `onOutputAudio` (Node). */
  player?: TranslationSink | null;
  onOutputAudio?(event: OutputAudioEvent): void;
  onError?(error: unknown): void;
  /**
   * A pause in the deltas this long ends a stretch of speech: the player then runs dry without counting an
   * underrun (which would deepen its jitter buffer and delay the next stretch). Default 300 ms.
   */
  idleMs?: number;
}

export interface TranslationAudio {
  /** Plays `session.output_audio.delta`; other events are ignored. */
  handleServerEvent(event: { type: string; delta?: unknown; sample_rate?: unknown }): void;
  dispose(): void;
}

/** The id under which translated speech is played and reported: a translation session has no items. */
export const TRANSLATION_ITEM_PREFIX = 'translation_';

/**
 * A translation session's speech over WebSocket: `session.output_audio.delta` (base64 PCM16 24 kHz mono, no item
 * or response) through the same PCM player a conversation uses. The server streams speech in stretches with
 * pauses between them; each stretch is played as one item of the player, ended once the deltas pause.
 */
export function createTranslationAudio(options: TranslationAudioOptions): TranslationAudio {
  const player = options.player ?? null;
  const idleMs = options.idleMs ?? 300;
  let stretch = 0;
  let itemId: string | null = null;
  let lastDeltaAt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  // One timer per pause, not one per delta: it re-arms itself for what is left while deltas keep coming.
  function check(): void {
    timer = undefined;
    if (itemId === null) return;
    const left = idleMs - (Date.now() - lastDeltaAt);
    if (left > 0) {
      timer = setTimeout(check, left);
      return;
    }
    player?.end(itemId);
    itemId = null;
  }

  return {
    handleServerEvent(event) {
      if (event.type !== 'session.output_audio.delta' || typeof event.delta !== 'string') return;
      let samples: Int16Array;
      try {
        samples = base64ToPcm16(event.delta);
      } catch (error) {
        options.onError?.(error);
        return;
      }
      if (samples.length === 0) return;
      itemId ??= `${TRANSLATION_ITEM_PREFIX}${stretch++}`;
      lastDeltaAt = Date.now();
      timer ??= setTimeout(check, idleMs);
      options.onOutputAudio?.({
        itemId,
        responseId: '',
        contentIndex: 0,
        // The player takes its buffer away, so a listener that may keep the samples gets a copy.
        samples: player ? samples.slice() : samples,
        sampleRate: typeof event.sample_rate === 'number' ? event.sample_rate : 24000,
      });
      player?.push(itemId, samples);
    },
    dispose() {
      clearTimeout(timer);
      timer = undefined;
      itemId = null;
    },
  };
}
