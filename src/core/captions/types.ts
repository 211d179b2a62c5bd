import type { KeyedTable } from '../state/KeyedTable.js';

/** One diarized piece of an entry (`conversation.item.input_audio_transcription.segment`). (contract) */
export interface CaptionSegment {
  id: string;
  text: string;
  /** Speaker label from a diarizing model (`gpt-4o-transcribe-diarize`), e.g. `A`. */
  speaker?: string;
  /** Seconds from the start of the item's audio. */
  start: number;
  end: number;
}

/** One token's log probability, kept when the session `include`s `item.input_audio_transcription.logprobs`. */
export interface CaptionLogprob {
  token: string;
  logprob: number;
}

export type CaptionStatus = 'interim' | 'final' | 'failed';

/** One caption: one committed stretch of speech (one input audio item). (contract) */
export interface CaptionEntry {
  /** The input audio item's id. */
  id: string;
  /** Interim text while `.delta`s arrive; the `.completed` transcript once `final`. */
  text: string;
  status: CaptionStatus;
  /** Diarized segments in time order (empty unless the model diarizes). */
  segments: readonly CaptionSegment[];
  /** Present only when the session asked for logprobs. */
  logprobs?: readonly CaptionLogprob[];
  /** Why transcription failed (`status: 'failed'`). */
  error?: string;
  /** Session audio time in ms where speech started and stopped (from VAD), when the server said. */
  startMs?: number;
  endMs?: number;
  /** The item before this one, as the server reported it (`previous_item_id`). */
  previousId?: string | null;
}

/** The captions of one transcription session. Entries are replaced, never mutated. (contract) */
export interface CaptionsState {
  /** Entry ids in speech order (by `previous_item_id` when the server gives it, else arrival). */
  ids: readonly string[];
  /** Entries by id (a persistent table, O(1) per delta): read them with `selectCaptions`. */
  entries: KeyedTable<CaptionEntry>;
  /** Between `speech_started` and `speech_stopped`/`committed`. */
  speaking: boolean;
  /** Entries dropped so far to stay within the bound (oldest first). */
  dropped: number;
}

/** Source and target captions of one translation session. (contract) */
export interface TranslationState {
  /** What the speaker said (`session.input_transcript.delta`; only when input transcription is on). */
  source: string;
  /** The translation (`session.output_transcript.delta`). */
  target: string;
  /** The output language the server last confirmed (`session.created`/`session.updated`). */
  outputLanguage: string | null;
  /** `session.closed` arrived: everything was flushed. */
  closed: boolean;
  /** Milliseconds of session audio the latest source and target deltas stand for (`elapsed_ms`), if sent. */
  sourceElapsedMs: number | null;
  targetElapsedMs: number | null;
}
