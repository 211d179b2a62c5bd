/**
 * Float samples (-1..1) to signed 16-bit PCM, the format OpenAI Realtime takes as `pcm16` / `audio/pcm`.
 * Values beyond ±1 clip instead of wrapping around (a wrapped sample is a loud click); NaN becomes 0.
 */
export function floatToPcm16Sample(value: number): number {
  if (!(value === value)) return 0;
  if (value >= 1) return 32767;
  if (value <= -1) return -32768;
  // Asymmetric scale so that -1 and +1 both reach full scale of the asymmetric int16 range.
  return (value < 0 ? Math.round(value * 32768) : Math.round(value * 32767)) | 0;
}

/**
 * Converts `count` samples from `input[inputStart..]` into `output[outputStart..]` and returns how many it
 * wrote (fewer when either buffer ends first). Allocates nothing.
 */
export function floatToPcm16(
  input: Float32Array,
  output: Int16Array,
  inputStart = 0,
  count = input.length - inputStart,
  outputStart = 0,
): number {
  const n = Math.max(0, Math.min(count, input.length - inputStart, output.length - outputStart));
  for (let i = 0; i < n; i++) {
    const v = input[inputStart + i]!;
    let s: number;
    if (!(v === v)) s = 0;
    else if (v >= 1) s = 32767;
    else if (v <= -1) s = -32768;
    else s = v < 0 ? Math.round(v * 32768) : Math.round(v * 32767);
    output[outputStart + i] = s;
  }
  return n;
}

/** The inverse, for playback and tests: -32768..32767 to -1..1. */
export function pcm16ToFloat(input: Int16Array, output: Float32Array, count = input.length): number {
  const n = Math.max(0, Math.min(count, input.length, output.length));
  for (let i = 0; i < n; i++) {
    const s = input[i]!;
    output[i] = s < 0 ? s / 32768 : s / 32767;
  }
  return n;
}
