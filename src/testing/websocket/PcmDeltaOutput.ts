import { SAMPLE_RATE } from '../speechSynth.js';
import type { AudioOutput, AudioTag, PlayoutEvents, ServerEvent } from '../engine/types.js';
import { downsampleTo24k, encodePcm16 } from './pcm.js';

const TICK_MS = 20;
/**
 * Audio leaves this many times faster than real time, as from a real server, whose model produces speech faster
 * than it is spoken: a client receives a reply well before it has played it, and must truncate what it did not play.
 * Each delta carries at most one tick's worth (80 ms), more only after a late tick.
 */
export const DELIVERY_SPEED = 4;
const MAX_CATCH_UP_MS = 100;
/** Items whose delivered length is remembered for truncation (the newest ones). */
const REMEMBERED_ITEMS = 64;

interface Chunk {
  pcm: Int16Array;
  tag: AudioTag;
}

/** The audio tag of a translation session's speech. */
export const TRANSLATION_AUDIO = 'translation';

/** The WebSocket output: generated speech leaves as `response.output_audio.delta` events, base64 PCM16 at 24 kHz. */
export class PcmDeltaOutput implements AudioOutput {
  private readonly chunks: Chunk[] = [];
  private chunkOffset = 0;
  private queuedSamples = 0;
  private timer: NodeJS.Timeout | undefined;
  private lastTickAt: number | undefined;
  private burst = false;
  private burstSamples = 0;
  /** 24 kHz samples delivered per assistant item. */
  private readonly delivered = new Map<string, number>();

  constructor(
    private readonly emit: (event: ServerEvent) => void,
    private readonly events: PlayoutEvents,
  ) {}

  get queuedMs(): number {
    return (this.queuedSamples * 1000) / SAMPLE_RATE;
  }

  get playing(): boolean {
    return this.burst;
  }

  get playedMs(): number {
    return (this.burstSamples * 1000) / SAMPLE_RATE;
  }

  deliveredMs(itemId: string): number | undefined {
    const samples = this.delivered.get(itemId);
    return samples === undefined ? undefined : samples / 24;
  }

  start(): void {
    this.lastTickAt = undefined;
    this.timer ??= setInterval(() => this.tick(), TICK_MS);
  }

  enqueue(pcm: Int16Array, tag: AudioTag): void {
    if (pcm.length === 0) return;
    this.chunks.push({ pcm, tag });
    this.queuedSamples += pcm.length;
  }

  clear(): void {
    this.chunks.length = 0;
    this.chunkOffset = 0;
    this.queuedSamples = 0;
    this.burst = false;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.clear();
  }

  private tick(): void {
    this.events.onTick();
    // Paced by the clock, not the tick count, so a late timer does not slow delivery down (a stall of more than
    // MAX_CATCH_UP_MS is not made up in one burst).
    const now = performance.now();
    const elapsedMs = Math.min(MAX_CATCH_UP_MS, now - (this.lastTickAt ?? now - TICK_MS));
    this.lastTickAt = now;
    let budget = Math.round((DELIVERY_SPEED * elapsedMs * SAMPLE_RATE) / 1000) & ~1;
    while (budget > 0 && this.chunks.length > 0) {
      const { pcm, tag } = this.chunks[0]!;
      // Even counts, so each 24 kHz delta stays aligned; one delta never mixes two items' audio.
      const take = Math.min(budget, pcm.length - this.chunkOffset) & ~1;
      if (take > 0) this.deliver(pcm.subarray(this.chunkOffset, this.chunkOffset + take), tag);
      this.chunkOffset += take;
      this.queuedSamples -= take;
      budget -= take;
      if (pcm.length - this.chunkOffset < 2) {
        this.queuedSamples -= pcm.length - this.chunkOffset;
        this.chunks.shift();
        this.chunkOffset = 0;
      }
    }
    if (this.queuedSamples <= 0 && this.chunks.length === 0 && this.burst) {
      this.queuedSamples = 0;
      this.burst = false;
      this.events.onDrained();
    }
  }

  private deliver(pcm48: Int16Array, tag: AudioTag): void {
    const pcm24 = downsampleTo24k(pcm48);
    const started = !this.burst;
    if (started) {
      this.burst = true;
      this.burstSamples = 0;
    }
    this.burstSamples += pcm48.length;
    const before = this.delivered.get(tag.itemId) ?? 0;
    // Re-inserted so the map's order is by latest delivery and the oldest item is the one forgotten.
    this.delivered.delete(tag.itemId);
    this.delivered.set(tag.itemId, before + pcm24.length);
    if (this.delivered.size > REMEMBERED_ITEMS) this.delivered.delete(this.delivered.keys().next().value!);
    if (tag.responseId === TRANSLATION_AUDIO) {
      // Translation sessions have no responses: their speech is `session.output_audio.delta`.
      this.emit({
        type: 'session.output_audio.delta',
        delta: encodePcm16(pcm24),
        sample_rate: 24000,
        channels: 1,
        format: 'pcm16',
      });
      if (started) this.events.onStarted();
      return;
    }
    this.emit({
      type: 'response.output_audio.delta',
      response_id: tag.responseId,
      item_id: tag.itemId,
      output_index: 0,
      content_index: 0,
      delta: encodePcm16(pcm24),
    });
    if (started) this.events.onStarted();
  }
}
