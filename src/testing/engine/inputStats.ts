import { frameRms } from '../EnergyVad.js';

/** Below this RMS (-60 dBFS) a frame counts as silence, e.g. a muted track. */
const AUDIBLE_RMS = 0.001;

/** What the emulator heard from the caller, for tests (e.g. that a muted mic sends silence). */
export interface MicInputStats {
  /** 20 ms frames decoded so far. */
  frames: number;
  /** Frames above -60 dBFS. */
  audibleFrames: number;
  /** RMS (0..1) of the latest frame. */
  lastRms: number;
}

export class InputMeter {
  private frames = 0;
  private audibleFrames = 0;
  private lastRms = 0;

  measure(frame: Int16Array): void {
    this.lastRms = frameRms(frame);
    this.frames++;
    if (this.lastRms >= AUDIBLE_RMS) this.audibleFrames++;
  }

  stats(): MicInputStats {
    return { frames: this.frames, audibleFrames: this.audibleFrames, lastRms: this.lastRms };
  }
}
