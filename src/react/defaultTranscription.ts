import type { RealtimeInputTranscription, RealtimeSessionConfig } from '../core/protocol/session.js';

/** Without input transcription the user's turns have no text, so a UI that shows messages turns it on. */
export const DEFAULT_TRANSCRIPTION: RealtimeInputTranscription = { model: 'gpt-4o-mini-transcribe' };

/** `config` with input transcription on, unless it already says what it wants (`null` there turns it off). */
export function withDefaultTranscription(config: Partial<RealtimeSessionConfig> = {}): Partial<RealtimeSessionConfig> {
  const input = config.audio?.input;
  if (input !== undefined && 'transcription' in input) return config;
  return { ...config, audio: { ...config.audio, input: { ...input, transcription: DEFAULT_TRANSCRIPTION } } };
}
