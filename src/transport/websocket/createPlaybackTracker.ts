import type { ConversationItemTruncateEvent, ResponseCancelEvent } from '../../core/protocol/events.js';

/**
 * Over WebSocket the client plays the model's audio, so only the client knows how much of a reply was heard.
 * This keeps that count per item, in samples, and turns an interruption into the events the server needs:
 * `response.cancel` while a response runs, and `conversation.item.truncate` with the milliseconds actually
 * played. Pure: no clock, no I/O; the player reports samples and the session sends what this returns.
 */
export interface PlaybackTracker {
  /** Audio of `samples` samples arrived for `itemId`. Returns `false` once the item was cut: drop that audio. */
  received(itemId: string, samples: number, contentIndex?: number): boolean;
  /** `response.output_audio.done` for the item: no more audio will come. */
  receivedAll(itemId: string): void;
  /** The player's running count of the item's samples played (reports and `clear()` both feed it). */
  played(itemId: string, samples: number): void;
  /** `response.created` / `response.done`. */
  responseStarted(responseId: string): void;
  responseEnded(responseId: string): void;
  /**
   * Starts an interruption (`speech_started`, or `interrupt()`): says whether to cancel the response and which
   * item was audible, and cuts every unfinished item so their late deltas are dropped. Then clear the player and ask
   * `truncation(item, played)` with the exact position the player returns.
   */
  interrupt(options: { serverCancels: boolean }): InterruptPlan;
  /**
   * The truncate event for an interrupted item, or `null` when none is due: nothing of it was played, or all
   * of it was (audio fully received and fully played). `audio_end_ms` never exceeds what was received.
   */
  truncation(itemId: string, playedSamples?: number): ConversationItemTruncateEvent | null;
  /** The item being heard now (received, not yet fully played, not cut), if any. */
  readonly audibleItem: string | null;
  /** Forgets everything, e.g. on a new connection. */
  reset(): void;
}

export interface InterruptPlan {
  /** Send this first when not `null`: a response is running and the server will not cancel it itself. */
  cancel: ResponseCancelEvent | null;
  /** The item that was audible; pass it to `truncation()` once the player reports its position. */
  itemId: string | null;
}

interface ItemPlayback {
  received: number;
  played: number;
  done: boolean;
  cut: boolean;
  contentIndex: number;
}

export interface PlaybackTrackerOptions {
  /** Samples per second of the output audio. Default 24000 (`audio/pcm`); 8000 for `pcmu`/`pcma`. */
  sampleRate?: number;
  /** Items remembered; older ones are forgotten (their audio long finished). Default 16. */
  maxItems?: number;
}

export function createPlaybackTracker(options: PlaybackTrackerOptions = {}): PlaybackTracker {
  const sampleRate = options.sampleRate ?? 24000;
  const maxItems = options.maxItems ?? 16;
  // Insertion order is arrival order of each item's first audio, which is the order they play in.
  const items = new Map<string, ItemPlayback>();
  const activeResponses = new Set<string>();

  function entry(itemId: string): ItemPlayback {
    let item = items.get(itemId);
    if (!item) {
      item = { received: 0, played: 0, done: false, cut: false, contentIndex: 0 };
      items.set(itemId, item);
      if (items.size > maxItems) items.delete(items.keys().next().value!);
    }
    return item;
  }

  function finished(item: ItemPlayback): boolean {
    return item.done && item.played >= item.received;
  }

  function audibleItem(): string | null {
    let found: string | null = null;
    for (const [id, item] of items) {
      if (!item.cut && item.received > 0 && !finished(item)) {
        found = id;
        break;
      }
    }
    return found;
  }

  return {
    received(itemId, samples, contentIndex = 0) {
      const item = entry(itemId);
      if (item.cut) return false;
      item.received += samples;
      item.contentIndex = contentIndex;
      return true;
    },
    receivedAll(itemId) {
      const item = items.get(itemId);
      // After a cut, later deltas were dropped uncounted: "done" then no longer means "all of it is here".
      if (item && !item.cut) item.done = true;
    },
    played(itemId, samples) {
      const item = items.get(itemId);
      // Reports lag; a stale one must not move the count back.
      if (item && samples > item.played) item.played = Math.min(samples, item.received);
    },
    responseStarted(responseId) {
      activeResponses.add(responseId);
    },
    responseEnded(responseId) {
      activeResponses.delete(responseId);
    },
    interrupt({ serverCancels }) {
      let cancel: ResponseCancelEvent | null = null;
      if (!serverCancels) {
        // The newest running response is the one writing to the conversation.
        let last: string | undefined;
        for (const id of activeResponses) last = id;
        if (last !== undefined) cancel = { type: 'response.cancel', response_id: last };
      }
      const itemId = audibleItem();
      // The player drops everything it holds, so every unfinished item is cut, not only the audible one.
      for (const item of items.values()) if (item.received > 0 && !finished(item)) item.cut = true;
      return { cancel, itemId };
    },
    truncation(itemId, playedSamples) {
      const item = items.get(itemId);
      if (!item) return null;
      if (playedSamples !== undefined && playedSamples > item.played)
        item.played = Math.min(playedSamples, item.received);
      const played = Math.min(item.played, item.received);
      const audioEndMs = Math.floor((played * 1000) / sampleRate);
      if (audioEndMs <= 0 || finished(item)) return null;
      return {
        type: 'conversation.item.truncate',
        item_id: itemId,
        content_index: item.contentIndex,
        audio_end_ms: audioEndMs,
      };
    },
    get audibleItem() {
      return audibleItem();
    },
    reset() {
      items.clear();
      activeResponses.clear();
    },
  };
}
