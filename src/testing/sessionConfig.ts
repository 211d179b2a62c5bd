import { newId } from './ids.js';
import { SERVER_VAD_DEFAULTS } from './sessionSettings.js';
export {
  defaultTranscriptionSessionConfig,
  defaultTranslationSessionConfig,
  isTranscriptionSession,
  isTranslationSession,
  outputLanguage,
} from './sessionKinds.js';
export {
  isTextOnly,
  outputSpeed,
  outputVoice,
  transcriptionEnabled,
  transcriptionModel,
  turnDetection,
} from './sessionSettings.js';
export type { TurnDetection } from './sessionSettings.js';
export { sessionFormatProblem, validateSessionPatch } from './sessionValidation.js';
export type { ConfigProblem } from './sessionValidation.js';

/** A GA session object as the server reports it (JSON, loosely typed on purpose: clients may send anything). */
export type SessionConfig = Record<string, unknown>;

const SEMANTIC_VAD_DEFAULTS = {
  type: 'semantic_vad',
  eagerness: 'auto',
  create_response: true,
  interrupt_response: true,
};

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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mergeTurnDetection(current: unknown, patch: unknown): unknown {
  if (patch === null) return null;
  if (!isRecord(patch)) return current;
  const base = isRecord(current) && current.type === patch.type ? current : undefined;
  const defaults = patch.type === 'semantic_vad' ? SEMANTIC_VAD_DEFAULTS : SERVER_VAD_DEFAULTS;
  return { ...defaults, ...(base ?? {}), ...patch };
}

/** Settings an update replaces whole rather than field by field: a new prompt, voice or strategy is a new value. */
const REPLACED = new Set(['prompt', 'tracing', 'truncation', 'voice', 'reasoning', 'format', 'metadata']);

function mergeRecord(current: unknown, patch: unknown): unknown {
  if (patch === null) return null;
  if (!isRecord(patch)) return patch;
  const out: Record<string, unknown> = isRecord(current) ? { ...current } : {};
  for (const [key, value] of Object.entries(patch)) {
    out[key] =
      key === 'turn_detection'
        ? mergeTurnDetection(out[key], value)
        : isRecord(value) && !REPLACED.has(key)
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
