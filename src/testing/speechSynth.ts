/** Sample rate of everything on the media track (Opus runs at 48 kHz). */
export const SAMPLE_RATE = 48_000;

const VOICE_PITCH: Record<string, number> = {
  alloy: 180,
  ash: 120,
  ballad: 140,
  coral: 210,
  echo: 115,
  sage: 190,
  shimmer: 220,
  verse: 130,
  marin: 200,
  cedar: 110,
};

export interface SynthOptions {
  voice?: string;
  /** 0.25..1.5 like `audio.output.speed`. */
  speed?: number;
}

/** Milliseconds one word takes to say (about 160 words per minute at speed 1, longer words longer). */
export function wordDurationMs(word: string, speed = 1): number {
  const letters = word.replace(/[^\p{L}\p{N}]/gu, '').length;
  return Math.round((120 + Math.min(letters, 12) * 35) / speed);
}

/**
 * A voiced burst that sounds like one spoken word: a harmonic tone whose pitch glides (rising on questions,
 * falling at sentence ends), shaped by a syllable-like envelope and followed by a short pause. Deterministic,
 * so tests can rely on it; clearly audible, so level meters and ears see it as speech.
 */
export function synthesizeWord(word: string, index: number, options: SynthOptions = {}): Int16Array {
  const speed = options.speed ?? 1;
  const voicedMs = wordDurationMs(word, speed);
  const gapMs = Math.round((/[.!?]$/.test(word) ? 220 : /[,;:]$/.test(word) ? 140 : 60) / speed);
  const voiced = Math.round((voicedMs * SAMPLE_RATE) / 1000);
  const out = new Int16Array(voiced + Math.round((gapMs * SAMPLE_RATE) / 1000));
  const base = VOICE_PITCH[options.voice ?? 'alloy'] ?? 170;
  const start = base * (1 + 0.08 * Math.sin(index * 1.7));
  const end = /\?$/.test(word) ? start * 1.25 : /[.!]$/.test(word) ? start * 0.8 : start * 0.95;
  const syllables = Math.max(1, Math.round(voicedMs / 180));
  let phase = 0;
  for (let i = 0; i < voiced; i++) {
    const t = i / voiced;
    const f0 = start + (end - start) * t;
    phase += (2 * Math.PI * f0) / SAMPLE_RATE;
    let s = 0;
    for (let h = 1; h <= 5; h++) s += Math.sin(phase * h) / h;
    const attack = Math.min(1, i / (0.015 * SAMPLE_RATE));
    const release = Math.min(1, (voiced - i) / (0.03 * SAMPLE_RATE));
    const syllable = 0.55 + 0.45 * Math.abs(Math.sin(Math.PI * syllables * t));
    out[i] = Math.round(s * 0.28 * attack * release * syllable * 32767);
  }
  return out;
}

/** Splits a reply into transcript deltas the way OpenAI streams them: words with their leading space. */
export function transcriptDeltas(text: string): string[] {
  return text.match(/\s*\S+/g) ?? [];
}
