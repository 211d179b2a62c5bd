import { isObject, own, type JsonObject } from './guards.js';
import type { AnySessionConfig, RealtimeAudioFormat } from './session.js';

const BETA_FORMATS: Readonly<Record<string, RealtimeAudioFormat>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, RealtimeAudioFormat>, {
    pcm16: { type: 'audio/pcm', rate: 24000 },
    g711_ulaw: { type: 'audio/pcmu' },
    g711_alaw: { type: 'audio/pcma' },
  }),
);

/** Fields with the same name and meaning in both eras. */
const SHARED = [
  'id',
  'object',
  'expires_at',
  'model',
  'instructions',
  'tools',
  'tool_choice',
  'tracing',
  'include',
] as const;

/**
 * Turns a session object from `session.*` / `transcription_session.*` events into the GA shape. GA sessions
 * (with `type`) pass through untouched. Beta flat sessions are mapped field by field; `temperature` has no GA
 * equivalent and is dropped. Returns null for anything that is not an object.
 */
export function normalizeSessionConfig(
  session: unknown,
  kind: 'realtime' | 'transcription' = 'realtime',
): AnySessionConfig | null {
  if (!isObject(session)) return null;
  const type = own(session, 'type');
  if (type === 'realtime' || type === 'transcription') return session as unknown as AnySessionConfig;
  // Anything else with a `type` is not a session we know how to read.
  if (type !== undefined) return null;

  const out: JsonObject = { type: kind };
  for (const key of SHARED) if (Object.hasOwn(session, key)) out[key] = session[key];

  const modalities = own(session, 'modalities');
  if (Array.isArray(modalities) && kind === 'realtime') {
    out['output_modalities'] = modalities.includes('audio') ? ['audio'] : ['text'];
  }
  const maxTokens = own(session, 'max_response_output_tokens');
  if (maxTokens !== undefined && kind === 'realtime') out['max_output_tokens'] = maxTokens;

  const input: JsonObject = {};
  const inFormat = format(own(session, 'input_audio_format'));
  if (inFormat) input['format'] = inFormat;
  if (Object.hasOwn(session, 'input_audio_transcription'))
    input['transcription'] = session['input_audio_transcription'];
  if (Object.hasOwn(session, 'input_audio_noise_reduction'))
    input['noise_reduction'] = session['input_audio_noise_reduction'];
  if (Object.hasOwn(session, 'turn_detection')) input['turn_detection'] = session['turn_detection'];

  const output: JsonObject = {};
  const outFormat = format(own(session, 'output_audio_format'));
  if (outFormat) output['format'] = outFormat;
  if (Object.hasOwn(session, 'voice')) output['voice'] = session['voice'];
  if (Object.hasOwn(session, 'speed')) output['speed'] = session['speed'];

  const audio: JsonObject = {};
  if (Object.keys(input).length > 0) audio['input'] = input;
  if (Object.keys(output).length > 0 && kind === 'realtime') audio['output'] = output;
  if (Object.keys(audio).length > 0) out['audio'] = audio;
  return out as unknown as AnySessionConfig;
}

function format(value: unknown): RealtimeAudioFormat | undefined {
  if (typeof value === 'string') return BETA_FORMATS[value];
  return undefined;
}
