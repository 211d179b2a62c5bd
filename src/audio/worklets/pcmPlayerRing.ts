function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

export interface PlayerRingOptions {
  /** The AudioContext's rate: what `render()` produces. */
  outputRate: number;
  /** Rate of the PCM written. Default 24000 (`audio/pcm`). */
  inputRate?: number;
  /** Input samples the ring holds. Default 2^20 (43.7 s at 24 kHz, 2 MiB); a reply arrives faster than it plays. */
  capacity?: number;
  /** Audio already buffered that starts playback at once. Default 1440 input samples (60 ms). */
  prefillSamples?: number;
  /**
   * Otherwise playback starts this many output frames after audio arrives: the jitter margin. Default 15 ms.
   * Each underrun doubles both thresholds (up to 16 times), so a jittery stream buys itself a deeper buffer;
   * each item that then plays out without one halves them again.
   */
  startDelayFrames?: number;
  /**
   * The jitter margin the player builds while it plays, in output frames. Default 60 ms. A stream that arrives
   * only as fast as it plays keeps just the start delay as its margin (the least buffered, just before each
   * delta lands), so while that low point is under this the player lengthens quiet passages (pauses between
   * words) by whole render quanta: the pauses grow by a few milliseconds, the speech is untouched, the played
   * position still counts input samples, and the margin reaches what stalls of the main thread need without a
   * longer wait for the first sample. Doubles with each underrun like the thresholds above.
   */
  marginFrames?: number;
  /** Items (runs of one token) held at once. Default 256. */
  maxSegments?: number;
}

/** Input samples at or under this magnitude (-36 dBFS) count as quiet: a pause may be lengthened there. */
const QUIET = 512;

/**
 * The player's state and math, kept out of the worklet so it can be tested with synthetic quanta: a ring of
 * PCM16 at the input rate, the runs of samples per item ("segments", by numeric token), a linear resampler
 * that pulls exactly the frames a render quantum needs, a small jitter buffer, underrun counting, and the
 * exact played position per item. All storage is allocated in the constructor; `write`, `render` and
 * `clear` allocate nothing.
 */
export class PlayerRing {
  readonly capacity: number;
  readonly inputRate: number;
  readonly outputRate: number;
  private readonly samples: Int16Array;
  private readonly step: number;
  private readonly unit: number;
  private readonly basePrefill: number;
  private readonly baseStartDelay: number;
  private readonly baseMargin: number;
  private prefill: number;
  private startDelay: number;
  private margin: number;
  private underrunsAtItemStart = 0;
  /** Absolute input positions (samples ever written / consumed); the ring index is position % capacity. */
  private writePos = 0;
  private readPos = 0;
  /** Fraction of an input sample past `readPos`, in 1/unit. */
  private phase = 0;
  private playing = false;
  /** The least buffered (output frames) in this and the previous `window`: the margin kept. Infinity until measured. */
  private lowNow = Infinity;
  private lowBefore = Infinity;
  private windowLeft = 0;
  private readonly window: number;
  /**
   * Frames still to be added since playback (re)started: each start adds at most `margin`. A stall's low point
   * must not add delay again, since the late deltas land together and make it good.
   */
  private stretchBudget = 0;
  private waited = 0;
  private lastEnded = false;

  private readonly segToken: Int32Array;
  private readonly segStart: Float64Array;
  private readonly segEnd: Float64Array;
  private segHead = 0;
  private segCount = 0;

  /** Times playback ran dry while the current item still had audio to come. */
  underruns = 0;
  /** Input samples refused because the ring (or the segment table) was full. */
  overflowSamples = 0;
  /** Silent output frames added inside quiet passages to build the jitter margin. */
  stretchedFrames = 0;
  /** Token whose first sample the last `render()` produced, else -1; for start-latency reports. */
  startedToken = -1;
  /** Token and played samples at the last `clear()`. */
  clearedToken = -1;
  clearedPlayed = 0;
  private lastStarted = -1;

  constructor(options: PlayerRingOptions) {
    const inputRate = Math.round(options.inputRate ?? 24000);
    const outputRate = Math.round(options.outputRate);
    if (!(inputRate > 0) || !(outputRate > 0))
      throw new RangeError(`PlayerRing needs positive rates, got ${inputRate} -> ${outputRate}.`);
    this.inputRate = inputRate;
    this.outputRate = outputRate;
    const g = gcd(inputRate, outputRate);
    this.step = inputRate / g;
    this.unit = outputRate / g;
    this.capacity = Math.max(1024, Math.floor(options.capacity ?? 1 << 20));
    this.samples = new Int16Array(this.capacity);
    this.basePrefill = this.prefill = Math.max(1, Math.floor(options.prefillSamples ?? (inputRate * 60) / 1000));
    this.baseStartDelay = this.startDelay = Math.max(
      0,
      Math.floor(options.startDelayFrames ?? (outputRate * 15) / 1000),
    );
    this.baseMargin = this.margin = Math.max(0, Math.floor(options.marginFrames ?? (outputRate * 60) / 1000));
    this.window = Math.round(outputRate / 2);
    const maxSegments = Math.max(2, Math.floor(options.maxSegments ?? 256));
    this.segToken = new Int32Array(maxSegments);
    this.segStart = new Float64Array(maxSegments);
    this.segEnd = new Float64Array(maxSegments);
  }

  /** Input samples written and not yet played. */
  get buffered(): number {
    return this.writePos - this.readPos;
  }

  /** Token of the item at the play position (the last one played when all is played), or -1. */
  get token(): number {
    return this.segCount === 0 ? -1 : this.segToken[this.segHead]!;
  }

  /** Input samples of `token` played so far. */
  get playedInToken(): number {
    if (this.segCount === 0) return 0;
    const start = this.segStart[this.segHead]!;
    return Math.min(this.readPos, this.segEnd[this.segHead]!) - start;
  }

  /** Appends `count` samples of `pcm` for item `token`; returns how many fit (the rest count as overflow). */
  write(token: number, pcm: Int16Array, count = pcm.length): number {
    const cap = this.capacity;
    const n = Math.max(0, Math.min(count, pcm.length, cap - (this.writePos - this.readPos)));
    const lastIndex = (this.segHead + this.segCount - 1) % this.segToken.length;
    const extends_ =
      this.segCount > 0 && this.segToken[lastIndex] === token && this.segEnd[lastIndex] === this.writePos;
    if (!extends_ && this.segCount === this.segToken.length) {
      this.overflowSamples += count;
      return 0;
    }
    this.overflowSamples += count - n;
    if (n === 0) return 0;
    const start = this.writePos;
    const index = start % cap;
    const first = Math.min(n, cap - index);
    this.samples.set(first === pcm.length ? pcm : pcm.subarray(0, first), index);
    if (first < n) this.samples.set(pcm.subarray(first, n), 0);
    this.writePos += n;
    if (extends_) {
      this.segEnd[lastIndex] = this.writePos;
    } else {
      const slot = (this.segHead + this.segCount) % this.segToken.length;
      this.segToken[slot] = token;
      this.segStart[slot] = start;
      this.segEnd[slot] = this.writePos;
      this.segCount++;
      this.lastEnded = false;
    }
    return n;
  }

  /** No more audio will come for `token` (`response.output_audio.done`): running dry then is no underrun. */
  end(token: number): void {
    if (this.segCount === 0) return;
    const lastIndex = (this.segHead + this.segCount - 1) % this.segToken.length;
    if (this.segToken[lastIndex] === token) this.lastEnded = true;
  }

  /** Fills `out[0..frames)` with the next audio at the output rate, zeros where there is none. */
  render(out: Float32Array, frames = out.length): void {
    this.startedToken = -1;
    const cap = this.capacity;
    const samples = this.samples;
    const step = this.step;
    const unit = this.unit;
    let i = 0;
    if (!this.playing && this.buffered > 0) {
      if (this.buffered >= this.prefill || this.lastEnded || this.waited >= this.startDelay) {
        this.playing = true;
        this.resetLow();
      } else this.waited += frames;
    }
    if (this.playing && this.stretchesQuiet(frames)) {
      // Holds the play position for this quantum: the pause ahead grows by `frames`, nothing audible is lost,
      // and every later low point of the buffer is `frames` higher.
      this.stretchedFrames += frames;
      this.stretchBudget -= frames;
      this.lowNow += frames;
      this.lowBefore += frames;
    } else if (this.playing) {
      for (; i < frames; i++) {
        const available = this.writePos - this.readPos;
        if (available < 1 || (this.phase > 0 && available < 2 && !this.lastEnded)) {
          if (!this.lastEnded) {
            this.underruns++;
            this.prefill = Math.min(this.prefill * 2, this.basePrefill * 16);
            this.startDelay = Math.min(Math.max(this.startDelay * 2, 128), Math.max(this.baseStartDelay, 128) * 16);
            this.margin = Math.min(Math.max(this.margin * 2, 128), Math.max(this.baseMargin, 128) * 4);
          } else if (this.underruns === this.underrunsAtItemStart) {
            this.prefill = Math.max(this.basePrefill, this.prefill >> 1);
            this.startDelay = Math.max(this.baseStartDelay, this.startDelay >> 1);
            this.margin = Math.max(this.baseMargin, this.margin >> 1);
          }
          this.underrunsAtItemStart = this.underruns;
          this.playing = false;
          this.waited = 0;
          break;
        }
        const a = samples[this.readPos % cap]!;
        const b = this.phase > 0 && available >= 2 ? samples[(this.readPos + 1) % cap]! : a;
        out[i] = (a + ((b - a) * this.phase) / unit) / 32768;
        this.phase += step;
        if (this.phase >= unit) {
          const whole = Math.floor(this.phase / unit);
          this.phase -= whole * unit;
          this.readPos = Math.min(this.readPos + whole, this.writePos);
        }
      }
      this.retirePlayed();
      if (this.playing) this.measureLow(frames);
    }
    for (let j = i; j < frames; j++) out[j] = 0;
  }

  /**
   * True when this quantum should be silence added to a pause: the item has started sounding (a quiet start is
   * not delayed), more of it is still to come, less than the margin is buffered, and every input sample the
   * quantum would read is quiet (all of them already here).
   */
  private stretchesQuiet(frames: number): boolean {
    if (this.lastEnded || this.stretchBudget < frames || this.playedInToken === 0) return false;
    if (Math.min(this.lowNow, this.lowBefore) >= this.margin) return false;
    const available = this.writePos - this.readPos;
    const needed = Math.floor((this.phase + frames * this.step) / this.unit) + 1;
    if (available < needed) return false;
    const cap = this.capacity;
    const samples = this.samples;
    for (let k = 0; k < needed; k++) {
      const v = samples[(this.readPos + k) % cap]!;
      if (v > QUIET || v < -QUIET) return false;
    }
    return true;
  }

  private measureLow(frames: number): void {
    // Output frames the buffered input lasts: buffered * outputRate / inputRate.
    const level = ((this.writePos - this.readPos) * this.unit) / this.step;
    if (level < this.lowNow) this.lowNow = level;
    this.windowLeft -= frames;
    if (this.windowLeft <= 0) {
      this.windowLeft = this.window;
      this.lowBefore = this.lowNow;
      this.lowNow = Infinity;
    }
  }

  private resetLow(): void {
    this.lowNow = this.lowBefore = Infinity;
    this.windowLeft = this.window;
    this.stretchBudget = this.margin;
  }

  /** Silences at once: drops everything buffered and keeps the position reached in `clearedToken/Played`. */
  clear(): number {
    this.retirePlayed();
    this.clearedToken = this.token;
    this.clearedPlayed = this.playedInToken;
    this.readPos = this.writePos;
    this.phase = 0;
    this.playing = false;
    this.waited = 0;
    this.lastEnded = false;
    this.segHead = (this.segHead + this.segCount) % this.segToken.length;
    this.segCount = 0;
    return this.clearedPlayed;
  }

  /** Moves past fully played items, keeping the last one so its final position stays readable. */
  private retirePlayed(): void {
    while (this.segCount > 1 && this.segEnd[this.segHead]! <= this.readPos) {
      this.segHead = (this.segHead + 1) % this.segToken.length;
      this.segCount--;
    }
    const token = this.token;
    if (token !== -1 && token !== this.lastStarted && this.playedInToken > 0) {
      this.lastStarted = token;
      this.startedToken = token;
    }
  }
}
