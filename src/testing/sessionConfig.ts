import { newId } from './ids.js';
import {
  SESSION_TYPES,
  isTranscriptionSession,
  isTranslationSession,
  translationPatchProblem,
} from './sessionKinds.js';
export {
  defaultTranscriptionSessionConfig,
  defaultTranslationSessionConfig,
  isTranscriptionSession,
  isTranslationSession,
  outputLanguage,
} from './sessionKinds.js';

/** A GA session object as the server reports it (JSON, loosely typed on purpose: clients may send anything). */
export type SessionConfig = Record<string, unknown>;

export interface TurnDetection {
  type: 'server_vad' | 'semantic_vad';
  threshold: number;
  prefix_padding_ms: number;
  silence_duration_ms: number;
  create_response: boolean;
  interrupt_response: boolean;
}

const SERVER_VAD_DEFAULTS = {
  type: 'server_vad',
  threshold: 0.5,
  prefix_padding_ms: 300,
  silence_duration_ms: 200,
  idle_timeout_ms: null,
  create_response: true,
  interrupt_response: true,
};

const SEMANTIC_VAD_DEFAULTS = {
  type: 'semantic_vad',
  eagerness: 'auto',
  create_response: true,
  interrupt_response: true,
};

const VOICES = ['alloy', 'ash', 'ballad', 'coral', 'echo', 'sage', 'shimmer', 'verse', 'marin', 'cedar'];

/** The effective config of a fresh session, shaped like the `session.created` OpenAI sends. */
export function defaultSessionConfig(): SessionConfig {
  return {
    type: 'realtime',
    object: 'realtime.session',
    id: newId('sess'),
    model: 'gpt-realtime',
    output_modalities: ['audio'],
    instructions: 'You are a helpful assistant.',
    tools: [],
    tool_choice: 'auto',
    max_output_tokens: 'inf',
    tracing: null,
    truncation: 'auto',
    prompt: null,
    expires_at: 0,
    audio: {
      input: {
        format: { type: 'audio/pcm', rate: 24000 },
        transcription: null,
        noise_reduction: null,
        turn_detection: { ...SERVER_VAD_DEFAULTS },
      },
      output: { format: { type: 'audio/pcm', rate: 24000 }, voice: 'alloy', speed: 1 },
    },
    include: null,
  };
}

export interface ConfigProblem {
  message: string;
  param: string;
  code: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function problem(param: string, message: string, code = 'invalid_value'): ConfigProblem {
  return { param, message, code };
}

const AUDIO_FORMATS = ['audio/pcm', 'audio/pcmu', 'audio/pcma'];

/**
 * An audio format OpenAI would refuse (only 24 kHz for `audio/pcm`), or one the emulator cannot carry: over
 * WebSocket it speaks PCM16 only, no G.711.
 */
function formatProblem(
  format: unknown,
  param: string,
  transport: 'webrtc' | 'websocket' | undefined,
): ConfigProblem | null {
  if (format === undefined) return null;
  if (!isRecord(format) || typeof format.type !== 'string' || !AUDIO_FORMATS.includes(format.type)) {
    return problem(`${param}.type`, `Invalid '${param}.type': use ${AUDIO_FORMATS.map((f) => `'${f}'`).join(', ')}.`);
  }
  if (format.type === 'audio/pcm' && format.rate !== undefined && format.rate !== 24000) {
    return problem(
      `${param}.rate`,
      `Invalid '${param}.rate': ${String(format.rate)}. Expected a value >= 24000 (audio/pcm is 24 kHz only).`,
    );
  }
  if (format.type !== 'audio/pcm' && transport === 'websocket') {
    return problem(
      `${param}.type`,
      `The emulator carries only 'audio/pcm' (24 kHz) over WebSocket, not '${format.type}'.`,
      'unsupported_format',
    );
  }
  return null;
}

/** The audio formats of a whole session, checked for a transport (e.g. a minted session opened over WebSocket). */
export function sessionFormatProblem(session: SessionConfig, transport: 'webrtc' | 'websocket'): ConfigProblem | null {
  return (
    formatProblem(audioPart(session, 'input').format, 'session.audio.input.format', transport) ??
    formatProblem(audioPart(session, 'output').format, 'session.audio.output.format', transport)
  );
}

/** Checks the fields the emulator acts on; OpenAI rejects the same mistakes with an `error` event. */
export function validateSessionPatch(
  patch: unknown,
  current: SessionConfig | null,
  voiceLocked = false,
  transport?: 'webrtc' | 'websocket',
): ConfigProblem | null {
  if (!isRecord(patch)) return problem('session', "Invalid type for 'session': expected an object.", 'invalid_type');
  if (patch.type !== undefined && !SESSION_TYPES.includes(patch.type as string)) {
    return problem(
      'session.type',
      `Invalid value: '${String(patch.type)}'. Supported values are: 'realtime', 'transcription' (translation sessions have their own endpoint).`,
    );
  }
  if (current && patch.type !== undefined && patch.type !== (current.type ?? 'realtime')) {
    return problem(
      'session.type',
      `A ${String(current.type)} session cannot become a ${String(patch.type)} session; open a new one.`,
      'cannot_update_session_type',
    );
  }
  if (current && isTranslationSession(current)) return translationPatchProblem(patch);
  const transcription = current ? isTranscriptionSession(current) : patch.type === 'transcription';
  if (transcription) {
    const conversational = [
      'instructions',
      'tools',
      'tool_choice',
      'output_modalities',
      'max_output_tokens',
      'prompt',
      'tracing',
    ].find((key) => patch[key] !== undefined);
    if (conversational)
      return problem(
        `session.${conversational}`,
        `Unknown parameter: 'session.${conversational}'. A transcription session has no responses.`,
        'unknown_parameter',
      );
    if (isRecord(patch.audio) && patch.audio.output !== undefined) {
      return problem(
        'session.audio.output',
        "Unknown parameter: 'session.audio.output'. A transcription session has no output audio.",
        'unknown_parameter',
      );
    }
  }
  const modalities = patch.output_modalities;
  if (modalities !== undefined) {
    const ok =
      Array.isArray(modalities) && modalities.length === 1 && (modalities[0] === 'audio' || modalities[0] === 'text');
    if (!ok) {
      return problem('session.output_modalities', "Invalid 'session.output_modalities': use ['audio'] or ['text'].");
    }
  }
  if (patch.instructions !== undefined && typeof patch.instructions !== 'string') {
    return problem(
      'session.instructions',
      "Invalid type for 'session.instructions': expected a string.",
      'invalid_type',
    );
  }
  if (patch.tools !== undefined && !Array.isArray(patch.tools)) {
    return problem('session.tools', "Invalid type for 'session.tools': expected an array.", 'invalid_type');
  }
  const audio = patch.audio;
  if (audio !== undefined) {
    if (!isRecord(audio))
      return problem('session.audio', "Invalid type for 'session.audio': expected an object.", 'invalid_type');
    const input = audio.input;
    const formats =
      (isRecord(input) ? formatProblem(input.format, 'session.audio.input.format', transport) : null) ??
      (isRecord(audio.output) ? formatProblem(audio.output.format, 'session.audio.output.format', transport) : null);
    if (formats) return formats;
    if (isRecord(input)) {
      const td = input.turn_detection;
      if (td !== undefined && td !== null) {
        if (!isRecord(td) || (td.type !== 'server_vad' && td.type !== 'semantic_vad')) {
          return problem(
            'session.audio.input.turn_detection.type',
            "Invalid 'session.audio.input.turn_detection.type': use 'server_vad' or 'semantic_vad', or null for none.",
          );
        }
        if (td.threshold !== undefined && (typeof td.threshold !== 'number' || td.threshold < 0 || td.threshold > 1)) {
          return problem(
            'session.audio.input.turn_detection.threshold',
            "Invalid 'session.audio.input.turn_detection.threshold': expected a number between 0 and 1.",
          );
        }
      }
    }
    const output = audio.output;
    if (isRecord(output) && output.voice !== undefined) {
      if (typeof output.voice !== 'string' || !VOICES.includes(output.voice)) {
        return problem(
          'session.audio.output.voice',
          `Invalid 'session.audio.output.voice': '${shown(output.voice)}'. Supported values are: ${VOICES.join(', ')}.`,
        );
      }
      if (current && voiceLocked && outputVoice(current) !== output.voice) {
        return problem(
          'session.audio.output.voice',
          "Cannot update a conversation's voice if assistant audio is present.",
          'cannot_update_voice',
        );
      }
    }
  }
  return null;
}

function mergeTurnDetection(current: unknown, patch: unknown): unknown {
  if (patch === null) return null;
  if (!isRecord(patch)) return current;
  const base = isRecord(current) && current.type === patch.type ? current : undefined;
  const defaults = patch.type === 'semantic_vad' ? SEMANTIC_VAD_DEFAULTS : SERVER_VAD_DEFAULTS;
  return { ...defaults, ...(base ?? {}), ...patch };
}

function mergeRecord(current: unknown, patch: unknown): unknown {
  if (patch === null) return null;
  if (!isRecord(patch)) return patch;
  const out: Record<string, unknown> = isRecord(current) ? { ...current } : {};
  for (const [key, value] of Object.entries(patch)) {
    out[key] =
      key === 'turn_detection'
        ? mergeTurnDetection(out[key], value)
        : isRecord(value)
          ? mergeRecord(out[key], value)
          : value;
  }
  return out;
}

/**
 * Applies a validated `session.update` patch: only present fields change, `null` clears, arrays replace.
 * Server-owned fields (`id`, `object`, `model`, `expires_at`) keep their values.
 */
export function mergeSessionConfig(current: SessionConfig, patch: Record<string, unknown>): SessionConfig {
  const merged = mergeRecord(current, patch) as SessionConfig;
  merged.id = current.id;
  merged.object = current.object;
  merged.model = current.model;
  merged.expires_at = current.expires_at;
  merged.type = current.type ?? 'realtime';
  return merged;
}

function audioPart(config: SessionConfig, part: 'input' | 'output'): Record<string, unknown> {
  const audio = config.audio;
  if (!isRecord(audio)) return {};
  const value = audio[part];
  return isRecord(value) ? value : {};
}

export function outputVoice(config: SessionConfig): string {
  const voice = audioPart(config, 'output').voice;
  return typeof voice === 'string' ? voice : 'alloy';
}

export function outputSpeed(config: SessionConfig): number {
  const speed = audioPart(config, 'output').speed;
  return typeof speed === 'number' && speed >= 0.25 && speed <= 1.5 ? speed : 1;
}

export function isTextOnly(config: SessionConfig): boolean {
  const modalities = config.output_modalities;
  return Array.isArray(modalities) && modalities.length === 1 && modalities[0] === 'text';
}

export function transcriptionModel(config: SessionConfig): string {
  const transcription = audioPart(config, 'input').transcription;
  return isRecord(transcription) && typeof transcription.model === 'string' ? transcription.model : '';
}

export function transcriptionEnabled(config: SessionConfig): boolean {
  return isRecord(audioPart(config, 'input').transcription);
}

/** Effective VAD settings, or null when turn detection is off (push-to-talk). */
export function turnDetection(config: SessionConfig): TurnDetection | null {
  // A translation session has no turn detection to configure; the emulator still needs its VAD to find speech.
  const td = isTranslationSession(config) ? SERVER_VAD_DEFAULTS : audioPart(config, 'input').turn_detection;
  if (!isRecord(td)) return null;
  const num = (v: unknown, d: number) => (typeof v === 'number' && Number.isFinite(v) ? v : d);
  const semantic = td.type === 'semantic_vad';
  return {
    type: semantic ? 'semantic_vad' : 'server_vad',
    threshold: num(td.threshold, 0.5),
    prefix_padding_ms: num(td.prefix_padding_ms, 300),
    // semantic VAD waits for the end of a thought; a fixed longer pause stands in for that here.
    silence_duration_ms: num(td.silence_duration_ms, semantic ? 700 : 200),
    create_response: td.create_response !== false,
    interrupt_response: td.interrupt_response !== false,
  };
}

/** A value from a client's JSON, as an error message quotes it: strings bare, anything else as JSON. */
function shown(value: unknown): string {
  return typeof value === 'string' ? value : String(JSON.stringify(value));
}
