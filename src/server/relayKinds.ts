import { CLIENT_SECRET_KINDS, type ClientSecretKind } from './mintClientSecret.js';

/** Throws, saying what is allowed, when `kind` is not a session kind the relay can open. */
export function checkRelayKind(kind: unknown): ClientSecretKind {
  if (kind === undefined) return 'realtime';
  if (!CLIENT_SECRET_KINDS.includes(kind as ClientSecretKind))
    throw new TypeError(
      `createRealtimeRelay: kind must be 'realtime', 'transcription' or 'translation'; got ${JSON.stringify(kind)}.`,
    );
  return kind as ClientSecretKind;
}

/**
 * Where the upstream socket opens, per kind: a conversation by model; a transcription session by intent (OpenAI
 * takes exactly one of `model`, `intent` and `call_id`, and refuses a transcription `session.update` on a
 * `?model=` socket); a translation session on its own path.
 */
export function relayTarget(base: string, kind: ClientSecretKind, model: string | undefined): string {
  if (kind === 'transcription') return `${base}/realtime?intent=transcription`;
  if (kind === 'translation')
    return `${base}/realtime/translations?model=${encodeURIComponent(model ?? 'gpt-realtime-translate')}`;
  return `${base}/realtime?model=${encodeURIComponent(model ?? 'gpt-realtime')}`;
}

/**
 * The server's config as the kind's first `session.update`: with its `type` for a conversation or a transcription
 * session; without one for a translation session, whose model is in the URL and whose update takes only `audio`.
 */
export function relaySessionUpdate(kind: ClientSecretKind, session: object): string {
  if (kind !== 'translation') return JSON.stringify({ type: 'session.update', session: { ...session, type: kind } });
  const { audio } = session as { audio?: unknown };
  return JSON.stringify({ type: 'session.update', session: audio === undefined ? {} : { audio } });
}
