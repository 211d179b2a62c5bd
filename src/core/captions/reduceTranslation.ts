import { isObject, own, type JsonObject } from '../protocol/guards.js';
import type { TranslationState } from './types.js';

/** Characters of each side kept; older text is dropped from the front. */
export const TRANSLATION_TEXT_LIMIT = 200_000;

export function createTranslationState(): TranslationState {
  return { source: '', target: '', outputLanguage: null, closed: false, sourceElapsedMs: null, targetElapsedMs: null };
}

const elapsed = (event: JsonObject): number | null => {
  const value = own(event, 'elapsed_ms');
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
};

/**
 * Pure reducer for translation sessions (`gpt-realtime-translate`): `session.input_transcript.delta` is the
 * source caption, `session.output_transcript.delta` the target. Returns `state` itself when nothing changed.
 */
export function reduceTranslation(state: TranslationState, event: unknown): TranslationState {
  if (!isObject(event)) return state;
  const type = own(event, 'type');
  switch (type) {
    case 'session.input_transcript.delta':
    case 'session.output_transcript.delta': {
      const delta = own(event, 'delta');
      if (typeof delta !== 'string' || delta === '') return state;
      if (type === 'session.input_transcript.delta') {
        return {
          ...state,
          source: (state.source + delta).slice(-TRANSLATION_TEXT_LIMIT),
          sourceElapsedMs: elapsed(event) ?? state.sourceElapsedMs,
        };
      }
      return {
        ...state,
        target: (state.target + delta).slice(-TRANSLATION_TEXT_LIMIT),
        targetElapsedMs: elapsed(event) ?? state.targetElapsedMs,
      };
    }
    case 'session.created':
    case 'session.updated': {
      const session = own(event, 'session');
      const audio = isObject(session) ? own(session, 'audio') : undefined;
      const output = isObject(audio) ? own(audio, 'output') : undefined;
      const language = isObject(output) ? own(output, 'language') : undefined;
      return typeof language === 'string' && language !== state.outputLanguage
        ? { ...state, outputLanguage: language }
        : state;
    }
    case 'session.closed':
      return state.closed ? state : { ...state, closed: true };
    default:
      return state;
  }
}
