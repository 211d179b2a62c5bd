import type { RealtimeStore } from '../core/state/store.js';
import type { Call } from './call.js';
import { aborted, failures } from './sessionErrors.js';

export interface OpenMicDeps {
  store: RealtimeStore;
  getUserMedia: ((constraints: MediaStreamConstraints) => Promise<MediaStream>) | null;
  constraints: MediaTrackConstraints;
  /** False once the call was superseded or ended: its mic is released at once and nothing is reported. */
  isCurrent(call: Call): boolean;
}

/** Opens the microphone for `call`; the stream belongs to the call from then on, permission goes to the store. */
export async function openMic(call: Call, deps: OpenMicDeps): Promise<MediaStream> {
  const { store } = deps;
  if (!deps.getUserMedia) {
    store.apply({ type: 'mic', patch: { permission: 'unavailable' } });
    throw (await import('./micError.js')).noMicrophoneApi();
  }
  let stream: MediaStream;
  try {
    stream = await deps.getUserMedia({ audio: deps.constraints });
  } catch (cause) {
    // The mapping of browser errors to advice loads only when the mic fails.
    const { micError } = await import('./micError.js');
    if (!deps.isCurrent(call)) throw aborted();
    const { error, permission } = micError(cause);
    store.apply({ type: 'mic', patch: { permission } });
    throw error;
  }
  // The permission prompt can outlive the call: handed to a cleaned-up call, a late grant is released at once.
  call.stream = stream;
  if (!deps.isCurrent(call)) throw aborted();
  const track = stream.getAudioTracks()[0];
  if (!track) throw (await failures()).micWithoutTrack();
  store.apply({ type: 'mic', patch: { permission: 'granted', deviceId: track.getSettings?.().deviceId ?? null } });
  return stream;
}
