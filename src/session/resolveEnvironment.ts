import type { CreateSessionAudioEngine } from './SessionAudioEngine.js';
import type { SessionEnvironment } from './types.js';

/** The environment with browser defaults filled in; `null` where neither an override nor a global exists. */
export interface ResolvedEnvironment {
  fetch: typeof fetch | null;
  RTCPeerConnection: typeof RTCPeerConnection | null;
  WebSocket: typeof WebSocket | null;
  getUserMedia: SessionEnvironment['getUserMedia'] | null;
  AudioContext: typeof AudioContext | null;
  createAudioElement: (() => HTMLAudioElement) | null;
  createAudioEngine: CreateSessionAudioEngine | null;
  isBrowser: boolean;
}

/** Read at connect time, never at import or creation, so server rendering and tests touch no globals. */
export function resolveEnvironment(
  overrides: Partial<SessionEnvironment> = {},
  defaultEngine: CreateSessionAudioEngine | null = null,
): ResolvedEnvironment {
  const g = globalThis as typeof globalThis & {
    webkitAudioContext?: typeof AudioContext;
    document?: Document;
    window?: unknown;
  };
  const mediaDevices = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
  return {
    fetch: overrides.fetch ?? (typeof g.fetch === 'function' ? (input, init) => g.fetch(input, init) : null),
    RTCPeerConnection:
      overrides.RTCPeerConnection ?? (typeof g.RTCPeerConnection === 'function' ? g.RTCPeerConnection : null),
    WebSocket: overrides.WebSocket ?? (typeof g.WebSocket === 'function' ? g.WebSocket : null),
    getUserMedia:
      overrides.getUserMedia ??
      (mediaDevices && typeof mediaDevices.getUserMedia === 'function'
        ? (constraints) => mediaDevices.getUserMedia(constraints)
        : null),
    AudioContext: overrides.AudioContext ?? g.AudioContext ?? g.webkitAudioContext ?? null,
    createAudioElement:
      overrides.createAudioElement ??
      (g.document && typeof g.document.createElement === 'function' ? () => g.document.createElement('audio') : null),
    createAudioEngine: overrides.createAudioEngine ?? defaultEngine,
    isBrowser: overrides.isBrowser ?? (typeof g.window !== 'undefined' && typeof g.document !== 'undefined'),
  };
}
