import { pcm16ToBase64 } from '../../audio/base64.js';
import type { InputAudioBufferAppendEvent } from '../../core/protocol/events.js';

export interface PcmUplinkOptions {
  /** Sends one event, e.g. `transport.send`. */
  send(event: InputAudioBufferAppendEvent): void;
  /** Bytes the socket has not sent yet, e.g. `() => transport.bufferedAmount`. */
  bufferedAmount(): number;
  /** Samples per `input_audio_buffer.append`. Default 1200: 50 ms at 24 kHz, the mic worklet's chunk. */
  chunkSamples?: number;
  /** Above this many unsent bytes, chunks wait here instead of piling up in the socket. Default 64 KiB. */
  maxBufferedBytes?: number;
  /** Waiting audio is bounded: past this many samples the oldest is dropped (and counted). Default 2 s. */
  maxQueuedSamples?: number;
  /** A translation session takes its audio as `session.input_audio_buffer.append` (same `audio` field). */
  appendType?: 'input_audio_buffer.append' | 'session.input_audio_buffer.append';
}

export interface PcmUplinkStats {
  sentSamples: number;
  sentChunks: number;
  /** Audio lost because the network could not keep up for longer than the queue holds. */
  droppedSamples: number;
  queuedSamples: number;
}

/** Mic PCM16 (24 kHz mono) to `input_audio_buffer.append` events, in even chunks, with back-pressure. */
export interface PcmUplink {
  /** Takes a copy of `pcm`, so the caller may reuse its buffer (the mic worklet's buffers go back to it). */
  push(pcm: Int16Array): void;
  /** Sends what waits while the socket has room; call it on a timer when pushes stop but audio waits. */
  drain(): void;
  /** Sends everything now, the partial chunk included, e.g. right before `input_audio_buffer.commit`. */
  flush(): void;
  /** Forgets unsent audio, e.g. with `input_audio_buffer.clear`. */
  clear(): void;
  readonly stats: Readonly<PcmUplinkStats>;
}

export function createPcmUplink(options: PcmUplinkOptions): PcmUplink {
  const chunkSamples = options.chunkSamples ?? 1200;
  const appendType = options.appendType ?? 'input_audio_buffer.append';
  const maxBufferedBytes = options.maxBufferedBytes ?? 64 * 1024;
  const maxQueuedChunks = Math.max(1, Math.ceil((options.maxQueuedSamples ?? 48000) / chunkSamples));
  const stats: PcmUplinkStats = { sentSamples: 0, sentChunks: 0, droppedSamples: 0, queuedSamples: 0 };
  // Full chunks waiting for the socket, oldest first, and spare buffers to fill next: steady state allocates
  // no sample buffers.
  const queue: Int16Array[] = [];
  const pool: Int16Array[] = [];
  let staging: Int16Array | null = null;
  let fill = 0;

  function take(): Int16Array {
    return pool.pop() ?? new Int16Array(chunkSamples);
  }

  function sendChunk(chunk: Int16Array): void {
    // The translation event has the conversation event's shape under another name, so it goes out as one.
    options.send({ type: appendType, audio: pcm16ToBase64(chunk) } as InputAudioBufferAppendEvent);
    stats.sentSamples += chunk.length;
    stats.sentChunks++;
  }

  function enqueue(chunk: Int16Array): void {
    queue.push(chunk);
    stats.queuedSamples += chunk.length;
    while (queue.length > maxQueuedChunks) {
      const dropped = queue.shift()!;
      stats.queuedSamples -= dropped.length;
      stats.droppedSamples += dropped.length;
      recycle(dropped);
    }
  }

  function recycle(chunk: Int16Array): void {
    if (chunk.length === chunkSamples && pool.length < maxQueuedChunks) pool.push(chunk);
  }

  function sendQueued(force: boolean): void {
    while (queue.length > 0 && (force || options.bufferedAmount() <= maxBufferedBytes)) {
      const chunk = queue.shift()!;
      stats.queuedSamples -= chunk.length;
      sendChunk(chunk);
      recycle(chunk);
    }
  }

  return {
    push(pcm) {
      if (!(pcm instanceof Int16Array)) {
        throw new TypeError(
          'Input audio must be PCM16 samples in an Int16Array (24 kHz mono). Convert float audio with floatToPcm16 first.',
        );
      }
      let offset = 0;
      while (offset < pcm.length) {
        staging ??= take();
        const n = Math.min(chunkSamples - fill, pcm.length - offset);
        staging.set(pcm.subarray(offset, offset + n), fill);
        fill += n;
        offset += n;
        if (fill === chunkSamples) {
          enqueue(staging);
          staging = null;
          fill = 0;
        }
      }
      sendQueued(false);
    },
    drain() {
      sendQueued(false);
    },
    flush() {
      if (staging && fill > 0) {
        // A short last chunk is sent from its own copy; the staging buffer goes back to the pool.
        enqueue(staging.slice(0, fill));
        recycle(staging);
      } else if (staging) recycle(staging);
      staging = null;
      fill = 0;
      sendQueued(true);
    },
    clear() {
      for (const chunk of queue) recycle(chunk);
      queue.length = 0;
      stats.queuedSamples = 0;
      if (staging) recycle(staging);
      staging = null;
      fill = 0;
    },
    get stats() {
      return stats;
    },
  };
}
