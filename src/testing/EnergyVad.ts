/** 20 ms at 48 kHz: the frame every VAD decision is made on. */
export const VAD_FRAME_SAMPLES = 960;
const FRAME_MS = 20;
/** Voiced frames in a row before speech counts as started (a click is not a turn). */
const START_FRAMES = 3;

export interface VadSettings {
  /** 0..1 like OpenAI's server_vad threshold; mapped to an RMS level from -55 dBFS (0) to -15 dBFS (1). */
  threshold: number;
  prefix_padding_ms: number;
  silence_duration_ms: number;
}

export type VadEvent =
  { type: 'speech_started'; audioStartMs: number } | { type: 'speech_stopped'; audioEndMs: number };

export function thresholdToRms(threshold: number): number {
  const dbfs = -55 + 40 * Math.min(1, Math.max(0, threshold));
  return 10 ** (dbfs / 20);
}

export function frameRms(frame: Int16Array): number {
  let sum = 0;
  for (let i = 0; i < frame.length; i++) {
    const s = frame[i]! / 32768;
    sum += s * s;
  }
  return frame.length ? Math.sqrt(sum / frame.length) : 0;
}

/**
 * Energy-based voice activity detection over 20 ms frames, timed by the audio itself (samples received),
 * not the wall clock, so results do not depend on machine load.
 */
export class EnergyVad {
  private settings: VadSettings;
  private rmsThreshold: number;
  private voicedRun = 0;
  private silentMs = 0;
  private speaking = false;
  private lastVoicedEndMs = 0;
  /** Audio received so far, in ms. */
  elapsedMs = 0;

  constructor(settings: VadSettings) {
    this.settings = settings;
    this.rmsThreshold = thresholdToRms(settings.threshold);
  }

  configure(settings: VadSettings): void {
    this.settings = settings;
    this.rmsThreshold = thresholdToRms(settings.threshold);
  }

  get inSpeech(): boolean {
    return this.speaking;
  }

  /** Forgets a turn in progress (after a manual commit or clear). */
  reset(): void {
    this.speaking = false;
    this.voicedRun = 0;
    this.silentMs = 0;
  }

  /** Feeds one 20 ms frame; returns a VAD event when this frame starts or ends speech. */
  push(frame: Int16Array): VadEvent | null {
    const startMs = this.elapsedMs;
    this.elapsedMs += FRAME_MS;
    const voiced = frameRms(frame) >= this.rmsThreshold;
    if (!this.speaking) {
      this.voicedRun = voiced ? this.voicedRun + 1 : 0;
      if (this.voicedRun >= START_FRAMES) {
        this.speaking = true;
        this.silentMs = 0;
        this.lastVoicedEndMs = this.elapsedMs;
        const firstVoicedMs = startMs - (START_FRAMES - 1) * FRAME_MS;
        return { type: 'speech_started', audioStartMs: Math.max(0, firstVoicedMs - this.settings.prefix_padding_ms) };
      }
      return null;
    }
    if (voiced) {
      this.silentMs = 0;
      this.lastVoicedEndMs = this.elapsedMs;
      return null;
    }
    this.silentMs += FRAME_MS;
    if (this.silentMs >= this.settings.silence_duration_ms) {
      this.speaking = false;
      this.voicedRun = 0;
      return { type: 'speech_stopped', audioEndMs: this.lastVoicedEndMs };
    }
    return null;
  }
}
