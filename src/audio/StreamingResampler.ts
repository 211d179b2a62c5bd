function gcd(a: number, b: number): number {
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/**
 * Converts a stream of float samples from one rate to another, one block at a time (a 128-frame render
 * quantum in the worklet), keeping its position between blocks so the output is continuous.
 *
 * Linear interpolation after a two-tap low-pass when downsampling: cheap, and clean enough for speech
 * recognition, though not a hi-fi converter. Positions are kept as exact integers (in units of
 * 1 / outputRate of an input sample), so the output count over a long stream is exact: one minute at
 * 48 kHz gives exactly 1,440,000 samples at 24 kHz, with no drift.
 */
export class StreamingResampler {
  readonly inputRate: number;
  readonly outputRate: number;
  /** Input samples per output sample is `step / unit`. */
  private readonly step: number;
  private readonly unit: number;
  private readonly lowPass: boolean;
  /** Position of the next output sample relative to the current block start, in 1/unit input samples. */
  private phase = 0;
  private lastInput = 0;
  private lastFiltered = 0;

  constructor(inputRate: number, outputRate = 24000) {
    const from = Math.round(inputRate);
    const to = Math.round(outputRate);
    if (!(from > 0) || !(to > 0) || !Number.isFinite(from) || !Number.isFinite(to)) {
      throw new RangeError(
        `StreamingResampler needs positive sample rates, got ${inputRate} -> ${outputRate}. Pass the AudioContext's sampleRate.`,
      );
    }
    const g = gcd(from, to);
    this.inputRate = from;
    this.outputRate = to;
    this.step = from / g;
    this.unit = to / g;
    this.lowPass = from > to;
  }

  /** The most samples one `process()` call can write for `inputLength` input samples. */
  maxOutputLength(inputLength: number): number {
    return Math.ceil((inputLength * this.unit) / this.step) + 1;
  }

  /**
   * Resamples `input[0..inputLength)` into `output` from index 0 and returns how many samples it wrote.
   * Allocates nothing. Throws a `RangeError` when `output` could be too short (size it with
   * `maxOutputLength`), before touching any state, so nothing is lost.
   */
  process(input: Float32Array, output: Float32Array, inputLength = input.length): number {
    const n = Math.min(inputLength, input.length);
    if (n <= 0) return 0;
    if (output.length < this.maxOutputLength(n)) {
      throw new RangeError(
        `StreamingResampler output buffer holds ${output.length} samples; ${this.maxOutputLength(n)} are needed for ${n} input samples.`,
      );
    }
    const step = this.step;
    const unit = this.unit;
    const lowPass = this.lowPass;
    const limit = (n - 1) * unit;
    let phase = this.phase;
    let written = 0;
    while (phase < limit) {
      const i = Math.floor(phase / unit);
      const frac = (phase - i * unit) / unit;
      let a: number;
      let b: number;
      if (lowPass) {
        a =
          i < 0 ? this.lastFiltered : i === 0 ? 0.5 * (input[0]! + this.lastInput) : 0.5 * (input[i]! + input[i - 1]!);
        b = i + 1 === 0 ? 0.5 * (input[0]! + this.lastInput) : 0.5 * (input[i + 1]! + input[i]!);
      } else {
        a = i < 0 ? this.lastFiltered : input[i]!;
        b = input[i + 1]!;
      }
      output[written++] = a + (b - a) * frac;
      phase += step;
    }
    const last = input[n - 1]!;
    this.lastFiltered = lowPass ? (n > 1 ? 0.5 * (last + input[n - 2]!) : 0.5 * (last + this.lastInput)) : last;
    this.lastInput = last;
    this.phase = phase - n * unit;
    return written;
  }

  /** Forgets the stream, e.g. when capture restarts after a pause. */
  reset(): void {
    this.phase = 0;
    this.lastInput = 0;
    this.lastFiltered = 0;
  }
}
