import type { RealtimeSessionConfig } from '../core/protocol/session.js';

/** How a user turn ends: the server hears a pause (`server_vad`), judges the meaning (`semantic_vad`), or the user lets go of a key. */
export type TurnDetectionMode = 'server_vad' | 'semantic_vad' | 'push_to_talk';

/** The mode a session config asks for (`undefined` when it does not say). */
export function turnDetectionModeOf(
  config: Partial<RealtimeSessionConfig> | null | undefined,
): TurnDetectionMode | undefined {
  const value = config?.audio?.input?.turn_detection;
  if (value === undefined) return undefined;
  if (value === null) return 'push_to_talk';
  return value.type === 'semantic_vad' ? 'semantic_vad' : 'server_vad';
}
