import type { RealtimeSessionConfig, RealtimeTurnDetection } from '../core/protocol/session.js';
import type { RealtimeState } from '../core/state/types.js';

/** How a user turn ends: the server hears a pause (`server_vad`), judges the meaning (`semantic_vad`), or the user lets go of a key. */
export type TurnDetectionMode = 'server_vad' | 'semantic_vad' | 'push_to_talk';

/** The `turn_detection` value a mode sends. VAD modes answer and allow barge-in, as OpenAI's defaults do. */
export function turnDetectionFor(mode: TurnDetectionMode): RealtimeTurnDetection | null {
  switch (mode) {
    case 'push_to_talk':
      return null;
    case 'semantic_vad':
      return { type: 'semantic_vad', eagerness: 'auto', create_response: true, interrupt_response: true };
    default:
      return {
        type: 'server_vad',
        threshold: 0.5,
        prefix_padding_ms: 300,
        silence_duration_ms: 500,
        create_response: true,
        interrupt_response: true,
      };
  }
}

/** The mode a session config asks for (`undefined` when it does not say). */
export function turnDetectionModeOf(config: Partial<RealtimeSessionConfig> | null | undefined): TurnDetectionMode | undefined {
  const value = config?.audio?.input?.turn_detection;
  if (value === undefined) return undefined;
  if (value === null) return 'push_to_talk';
  return value.type === 'semantic_vad' ? 'semantic_vad' : 'server_vad';
}

/** The mode the server last confirmed (`state.session`); server VAD when it has not said. */
export function selectTurnDetectionMode(state: RealtimeState): TurnDetectionMode {
  return turnDetectionModeOf(state.session) ?? 'server_vad';
}

/** `config` with `turn_detection` set for `mode`, keeping the rest of its audio input settings. */
export function withTurnDetection(config: Partial<RealtimeSessionConfig> | undefined, mode: TurnDetectionMode): Partial<RealtimeSessionConfig> {
  return {
    ...config,
    audio: { ...config?.audio, input: { ...config?.audio?.input, turn_detection: turnDetectionFor(mode) } },
  };
}
