import type { SessionConfig } from './sessionConfig.js';
import { isTranslationSession } from './sessionKinds.js';

// The engine reads a session through these rather than its raw JSON: a client may leave any field out, so each one
// falls back to the value OpenAI would use.

export interface TurnDetection {
  type: 'server_vad' | 'semantic_vad';
  threshold: number;
  prefix_padding_ms: number;
  silence_duration_ms: number;
  create_response: boolean;
  interrupt_response: boolean;
}

// Lives here, not with the other defaults, because turnDetection() also falls back to it for translation sessions.
export const SERVER_VAD_DEFAULTS = {
  type: 'server_vad',
  threshold: 0.5,
  prefix_padding_ms: 300,
  silence_duration_ms: 200,
  idle_timeout_ms: null,
  create_response: true,
  interrupt_response: true,
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function audioPart(config: SessionConfig, part: 'input' | 'output'): Record<string, unknown> {
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
