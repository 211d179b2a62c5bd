import type { SessionConfig } from './sessionConfig.js';
import {
  SESSION_TYPES,
  isTranscriptionSession,
  isTranslationSession,
  translationPatchProblem,
} from './sessionKinds.js';
import { audioPart } from './sessionSettings.js';
import { noiseReductionProblem, settingsProblem, turnDetectionProblem, voiceProblem } from './settingsValidation.js';

// Patches are checked before mergeSessionConfig() sees them, so a refused update leaves the session untouched.

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
      `Invalid '${param}.rate': ${shown(format.rate)}. Expected a value >= 24000 (audio/pcm is 24 kHz only).`,
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
      `Invalid value: '${shown(patch.type)}'. Supported values are: 'realtime', 'transcription' (translation sessions have their own endpoint).`,
    );
  }
  if (current && patch.type !== undefined && patch.type !== (current.type ?? 'realtime')) {
    return problem(
      'session.type',
      `A ${String(current.type)} session cannot become a ${patch.type as string} session; open a new one.`,
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
  const settings = settingsProblem(patch);
  if (settings) return settings;
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
        const detection = turnDetectionProblem(td);
        if (detection) return detection;
      }
      const noise = noiseReductionProblem(input.noise_reduction);
      if (noise) return noise;
    }
    const output = audio.output;
    if (isRecord(output) && output.speed !== undefined) {
      const speed = output.speed;
      if (typeof speed !== 'number' || !(speed >= 0.25 && speed <= 1.5))
        return problem(
          'session.audio.output.speed',
          `Invalid 'session.audio.output.speed': ${shown(speed)}. Expected a number between 0.25 and 1.5.`,
        );
    }
    if (isRecord(output) && output.voice !== undefined) {
      const voice = voiceProblem(output.voice);
      if (voice) return voice;
      if (
        current &&
        voiceLocked &&
        JSON.stringify(audioPart(current, 'output').voice) !== JSON.stringify(output.voice)
      ) {
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

/** A value from a client's JSON, as an error message quotes it: strings bare, anything else as JSON. */
function shown(value: unknown): string {
  return typeof value === 'string' ? value : String(JSON.stringify(value));
}
