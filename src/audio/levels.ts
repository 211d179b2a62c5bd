/**
 * Level math for meters. Every function reads a range of a caller's buffer and allocates nothing, so the
 * worklet can call it once per render quantum.
 *
 * A NaN sample counts as silence: one bad sample must not turn a meter into NaN for good.
 */

/** Root mean square of `samples[start..end)`; 0 for an empty range. */
export function computeRms(samples: Float32Array, start = 0, end = samples.length): number {
  const from = start > 0 ? Math.min(Math.floor(start), samples.length) : 0;
  const to = end < samples.length ? Math.max(Math.floor(end), from) : samples.length;
  const count = to - from;
  if (count <= 0) return 0;
  let sum = 0;
  for (let i = from; i < to; i++) {
    const s = samples[i]!;
    if (s === s) sum += s * s;
  }
  return Math.sqrt(sum / count);
}

/** Largest absolute sample of `samples[start..end)`; 0 for an empty range. Not clamped to 1. */
export function computePeak(samples: Float32Array, start = 0, end = samples.length): number {
  const from = start > 0 ? Math.min(Math.floor(start), samples.length) : 0;
  const to = end < samples.length ? Math.max(Math.floor(end), from) : samples.length;
  let peak = 0;
  for (let i = from; i < to; i++) {
    const s = samples[i]!;
    const a = s < 0 ? -s : s;
    if (a > peak) peak = a;
  }
  return peak;
}

/**
 * One step of an attack/release follower, as VU meters do: rise with the `attackMs` time constant, fall with
 * `releaseMs`, over `elapsedMs` since the previous step. Frame-rate independent, so a meter read in
 * `requestAnimationFrame` behaves the same at 30 and 144 Hz.
 */
export function smoothLevel(
  previous: number,
  target: number,
  elapsedMs: number,
  attackMs = 10,
  releaseMs = 150,
): number {
  const prev = previous === previous ? previous : 0;
  const next = target === target ? target : 0;
  if (!(elapsedMs > 0)) return prev;
  const tau = next > prev ? attackMs : releaseMs;
  if (!(tau > 0)) return next;
  return prev + (next - prev) * (1 - Math.exp(-elapsedMs / tau));
}

/** Maps an RMS level (0..1) to a meter position (0..1) on a dB scale from `floorDb` to 0 dBFS. */
export function levelToMeter(level: number, floorDb = -60): number {
  if (!(level > 0)) return 0;
  const db = 20 * Math.log10(level);
  if (db <= floorDb) return 0;
  if (db >= 0) return 1;
  return 1 - db / floorDb;
}
