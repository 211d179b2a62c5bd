import type { CaptionEntry } from './types.js';

const speakerOf = (entry: CaptionEntry): string | undefined => entry.segments.find((s) => s.speaker)?.speaker;

/** Final captions as plain text, one entry a line, with speaker labels where the model diarized. */
export function toPlainText(entries: readonly CaptionEntry[]): string {
  const lines: string[] = [];
  for (const entry of entries) {
    if (entry.status !== 'final' || entry.text.trim() === '') continue;
    if (entry.segments.some((s) => s.speaker)) {
      for (const s of entry.segments) lines.push(s.speaker ? `${s.speaker}: ${s.text}` : s.text);
    } else lines.push(entry.text);
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

function stamp(ms: number): string {
  const total = Math.max(0, Math.round(ms));
  const h = Math.floor(total / 3_600_000);
  const m = Math.floor(total / 60_000) % 60;
  const s = Math.floor(total / 1000) % 60;
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(total % 1000, 3)}`;
}

/** `-->` and blank lines would end a cue early. */
const cueText = (text: string) =>
  text
    .replace(/-->/g, '->')
    .replace(/\n\s*\n/g, '\n')
    .trim();

/**
 * Final captions as WebVTT. Times come from the VAD (`audio_start_ms`/`audio_end_ms`) and, for diarized entries,
 * the segments' offsets; an entry without timings follows the previous cue.
 */
export function toWebVtt(entries: readonly CaptionEntry[]): string {
  const cues: string[] = [];
  let cursor = 0;
  for (const entry of entries) {
    if (entry.status !== 'final' || entry.text.trim() === '') continue;
    const start = entry.startMs ?? cursor;
    const end = Math.max(entry.endMs ?? start + 2000, start + 1);
    const speaker = speakerOf(entry);
    if (speaker !== undefined) {
      for (const s of entry.segments) {
        const from = start + s.start * 1000;
        const to = Math.max(start + s.end * 1000, from + 1);
        cues.push(`${stamp(from)} --> ${stamp(to)}\n${s.speaker ? `<v ${cueText(s.speaker)}>` : ''}${cueText(s.text)}`);
      }
    } else cues.push(`${stamp(start)} --> ${stamp(end)}\n${cueText(entry.text)}`);
    cursor = end;
  }
  return `WEBVTT\n\n${cues.map((cue, i) => `${i + 1}\n${cue}`).join('\n\n')}${cues.length ? '\n' : ''}`;
}
