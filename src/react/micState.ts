import type { MicPermission, RealtimeState } from '../core/state/types.js';

// Apart from useMicrophone so that a mute button or a status attribute reads the mic without pulling in device
// listing (and its devicechange listener), which only a microphone picker needs.
export const selectMuted = (state: RealtimeState): boolean => state.mic.muted;
export const selectPermission = (state: RealtimeState): MicPermission => state.mic.permission;
