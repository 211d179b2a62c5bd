/** Name the PCM player registers under (`registerProcessor`). */
export const PCM_PLAYER_NAME = 'talkwire-pcm-player';

/** `processorOptions` of the player's `AudioWorkletNode`. */
export interface PcmPlayerProcessorOptions {
  /** Rate of the PCM16 pushed in. Default 24000. */
  inputRate?: number;
  /** Ring size in input samples. Default 2^20 (43.7 s at 24 kHz). */
  capacity?: number;
  /** Buffered audio that starts playback at once (ms). Default 60. */
  prefillMs?: number;
  /** Otherwise playback starts this long after audio arrives (ms): the first jitter margin. Default 15. */
  startDelayMs?: number;
  /**
   * The jitter margin built while playing (ms), by lengthening quiet passages when a stream arrives only as fast
   * as it plays. Default 60; 0 turns it off.
   */
  marginMs?: number;
  /** How often the played position is reported (ms). Default 50. */
  reportIntervalMs?: number;
}

/** Messages from the main thread. PCM travels by transfer; items are numeric tokens chosen by the main thread. */
export type PcmPlayerCommand =
  | { type: 'push'; token: number; pcm: Int16Array }
  | { type: 'end'; token: number }
  | { type: 'clear'; request: number }
  | { type: 'stop' };

/**
 * Messages to the main thread: one preallocated `Float64Array` in this layout (posting clones it, which is why
 * the rate is bounded), `kind` telling a periodic report, a clear's answer, or an item's first sample.
 */
export const REPORT_KIND = 0;
export const REPORT_TOKEN = 1;
export const REPORT_PLAYED = 2;
export const REPORT_BUFFERED = 3;
export const REPORT_UNDERRUNS = 4;
export const REPORT_OVERFLOW = 5;
/** The clear request number, or the context time of a first sample. */
export const REPORT_EXTRA = 6;
/** Silent frames added to quiet passages so far (the margin built). */
export const REPORT_STRETCHED = 7;
export const REPORT_LENGTH = 8;

export const KIND_PROGRESS = 0;
export const KIND_CLEARED = 1;
export const KIND_STARTED = 2;
