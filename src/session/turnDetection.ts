import type { RealtimeSessionConfig, RealtimeTurnDetection } from '../core/protocol/session.js';
import type { RealtimeState } from '../core/state/types.js';
import { turnDetectionModeOf, type TurnDetectionMode } from './turnDetectionModeOf.js';

export { turnDetectionModeOf, type TurnDetectionMode };

/**
 * The `turn_detection` value a mode sends: the user's own settings for that kind of VAD when known (`known`, what
 * the options or the server last said), else OpenAI's defaults, which answer and allow barge-in.
 */
export function turnDetectionFor(
  mode: TurnDetectionMode,
  known?: RealtimeTurnDetection | null,
): RealtimeTurnDetection | null {
  if (mode !== 'push_to_talk' && known?.type === mode) return known;
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

/** The mode the server last confirmed (`state.session`); server VAD when it has not said. */
export function selectTurnDetectionMode(state: RealtimeState): TurnDetectionMode {
  return turnDetectionModeOf(state.session) ?? 'server_vad';
}

/** `config` with `turn_detection` set for `mode`, keeping the rest of its audio input settings. */
export function withTurnDetection(
  config: Partial<RealtimeSessionConfig> | undefined,
  mode: TurnDetectionMode,
  known?: RealtimeTurnDetection | null,
): Partial<RealtimeSessionConfig> {
  return {
    ...config,
    audio: { ...config?.audio, input: { ...config?.audio?.input, turn_detection: turnDetectionFor(mode, known) } },
  };
}
