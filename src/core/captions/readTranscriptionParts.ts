import { isObject, own, type JsonObject } from '../protocol/guards.js';
import type { CaptionLogprob, CaptionSegment } from './types.js';

// Shared by the captions reducer and the conversation reducer: the server's transcription extras, checked and
// bounded (hostile input must not grow state without limit).

const MAX_TEXT = 64 * 1024;
const MAX_LOGPROBS = 4096;

/** A diarized `…input_audio_transcription.segment` event's segment, or undefined when malformed. */
export function readSegment(event: JsonObject): CaptionSegment | undefined {
  const id = own(event, 'id');
  const text = own(event, 'text');
  const start = own(event, 'start');
  const end = own(event, 'end');
  if (typeof id !== 'string' || id.length === 0 || id.length > 512 || typeof text !== 'string') return undefined;
  if (typeof start !== 'number' || !Number.isFinite(start) || typeof end !== 'number' || !Number.isFinite(end))
    return undefined;
  const segment: CaptionSegment = { id, text: text.slice(0, MAX_TEXT), start, end };
  const speaker = own(event, 'speaker');
  if (typeof speaker === 'string' && speaker.length > 0) segment.speaker = speaker.slice(0, 64);
  return segment;
}

/** `logprobs` of a transcription event (`include: ['item.input_audio_transcription.logprobs']`), checked. */
export function readLogprobs(value: unknown): CaptionLogprob[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: CaptionLogprob[] = [];
  for (const raw of value.slice(0, MAX_LOGPROBS)) {
    if (!isObject(raw)) continue;
    const token = own(raw, 'token');
    const logprob = own(raw, 'logprob');
    if (typeof token === 'string' && typeof logprob === 'number' && Number.isFinite(logprob))
      out.push({ token, logprob });
  }
  return out;
}

/** `segments` with `segment` added (same id replaced), in time order, at most `limit`; `undefined` when full. */
export function withSegment(
  segments: readonly CaptionSegment[],
  segment: CaptionSegment,
  limit: number,
): CaptionSegment[] | undefined {
  const kept = segments.filter((s) => s.id !== segment.id);
  if (kept.length >= limit) return undefined;
  kept.push(segment);
  return kept.sort((a, b) => a.start - b.start);
}
