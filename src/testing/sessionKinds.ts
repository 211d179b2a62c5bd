import { newId } from './ids.js';
import type { ConfigProblem, SessionConfig } from './sessionConfig.js';

// Transcription and translation sessions: their fresh configs and what a translation `session.update` may change.

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const problem = (param: string, message: string, code = 'invalid_value'): ConfigProblem => ({ param, message, code });

const audioOf = (config: SessionConfig, part: 'input' | 'output'): Record<string, unknown> => {
  const audio = config.audio;
  const value = isRecord(audio) ? audio[part] : undefined;
  return isRecord(value) ? value : {};
};

/**
 * A fresh transcription session (`type: "transcription"`), as OpenAI reports it: server VAD on, never answering.
 * The model defaults to gpt-4o-transcribe here so captions flow with no config.
 */
export function defaultTranscriptionSessionConfig(): SessionConfig {
  return {
    type: 'transcription',
    object: 'realtime.transcription_session',
    id: newId('sess'),
    expires_at: 0,
    include: null,
    audio: {
      input: {
        format: { type: 'audio/pcm', rate: 24000 },
        transcription: { model: 'gpt-4o-transcribe', language: null, prompt: '' },
        noise_reduction: null,
        turn_detection: { type: 'server_vad', threshold: 0.5, prefix_padding_ms: 300, silence_duration_ms: 200 },
      },
    },
  };
}

/** A fresh translation session (`gpt-realtime-translate`), as `/realtime/translations/client_secrets` reports it. */
export function defaultTranslationSessionConfig(): SessionConfig {
  return {
    type: 'translation',
    object: 'realtime.translation_session',
    id: newId('sess'),
    model: 'gpt-realtime-translate',
    expires_at: 0,
    audio: { input: { transcription: null, noise_reduction: null }, output: { language: 'es' } },
  };
}

export function isTranslationSession(config: SessionConfig): boolean {
  return config.type === 'translation';
}

/** What `session.update` may change in a translation session (OpenAI's list). */
export function translationPatchProblem(patch: Record<string, unknown>): ConfigProblem | null {
  const extra = Object.keys(patch).find((key) => key !== 'audio' && key !== 'type' && key !== 'model');
  if (extra)
    return problem(
      `session.${extra}`,
      `Unknown parameter: 'session.${extra}'. A translation session takes only audio.output.language, audio.input.transcription and audio.input.noise_reduction.`,
      'unknown_parameter',
    );
  const audio = patch.audio;
  if (audio === undefined) return null;
  if (!isRecord(audio))
    return problem('session.audio', "Invalid type for 'session.audio': expected an object.", 'invalid_type');
  const output = audio.output;
  if (
    output !== undefined &&
    (!isRecord(output) ||
      (output.language !== undefined &&
        (typeof output.language !== 'string' || !/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/.test(output.language))))
  ) {
    return problem(
      'session.audio.output.language',
      "Invalid 'session.audio.output.language': expected a language code such as 'es' or 'fr'.",
    );
  }
  const input = audio.input;
  if (input !== undefined && isRecord(input)) {
    const key = Object.keys(input).find((k) => k !== 'transcription' && k !== 'noise_reduction');
    if (key)
      return problem(
        `session.audio.input.${key}`,
        `Unknown parameter: 'session.audio.input.${key}'.`,
        'unknown_parameter',
      );
  }
  return null;
}

export function isTranscriptionSession(config: SessionConfig): boolean {
  return config.type === 'transcription';
}

export const SESSION_TYPES = ['realtime', 'transcription'];

export function outputLanguage(config: SessionConfig): string {
  const language = audioOf(config, 'output').language;
  return typeof language === 'string' ? language : 'es';
}
