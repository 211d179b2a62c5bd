import { createEmitter } from '../../src/transport/createEmitter.js';
import type { Transport, TransportEventMap, TransportFactory, TransportStatus } from '../../src/transport/Transport.js';

/**
 * An events-only transport that plays recorded server events after connecting: captions and translation stories
 * run on the real sessions and reducers with no network and no microphone (a transport without media opens none).
 */
export function captionLine(created: object, events: readonly object[], intervalMs = 120): TransportFactory {
  return () => {
    const emitter = createEmitter<TransportEventMap>();
    let status: TransportStatus = 'new';
    const timers: Array<ReturnType<typeof setTimeout>> = [];
    const transport: Transport = {
      get status() {
        return status;
      },
      async connect() {
        status = 'open';
        timers.push(
          setTimeout(() => emitter.emit('message', JSON.stringify({ type: 'session.created', session: created })), 0),
        );
        events.forEach((event, i) =>
          timers.push(
            setTimeout(() => status === 'open' && emitter.emit('message', JSON.stringify(event)), (i + 1) * intervalMs),
          ),
        );
        return { callId: null };
      },
      send(event) {
        // A translation session's close is answered as the server would.
        if ((event as { type: string }).type === 'session.close')
          setTimeout(() => emitter.emit('message', JSON.stringify({ type: 'session.closed' })), intervalMs);
      },
      close() {
        status = 'closed';
        timers.forEach(clearTimeout);
      },
      on: emitter.on,
    };
    return transport;
  };
}

const T = 'conversation.item.input_audio_transcription.';
const words = (text: string) => text.match(/\s*\S+/g) ?? [];

/** One dictated turn: VAD, commit, deltas, and (unless `final` is false) the completed transcript. */
export function dictation(id: string, previous: string | null, text: string, final = true): object[] {
  return [
    { type: 'input_audio_buffer.speech_started', item_id: id, audio_start_ms: 0 },
    { type: 'input_audio_buffer.speech_stopped', item_id: id, audio_end_ms: 1800 },
    { type: 'input_audio_buffer.committed', item_id: id, previous_item_id: previous },
    ...words(text).map((delta) => ({ type: `${T}delta`, item_id: id, content_index: 0, delta })),
    ...(final ? [{ type: `${T}completed`, item_id: id, content_index: 0, transcript: text }] : []),
  ];
}

export function diarized(id: string, previous: string | null, turns: Array<[speaker: string, text: string]>): object[] {
  let start = 0;
  return [
    { type: 'input_audio_buffer.committed', item_id: id, previous_item_id: previous },
    ...turns.map(([speaker, text], i) => {
      const segment = {
        type: `${T}segment`,
        item_id: id,
        content_index: 0,
        id: `seg_${i}`,
        speaker,
        text,
        start,
        end: start + 1.5,
      };
      start += 1.5;
      return segment;
    }),
    { type: `${T}completed`, item_id: id, content_index: 0, transcript: turns.map(([, text]) => text).join(' ') },
  ];
}

export const failed = (id: string, previous: string | null): object[] => [
  { type: 'input_audio_buffer.committed', item_id: id, previous_item_id: previous },
  {
    type: `${T}failed`,
    item_id: id,
    content_index: 0,
    error: { type: 'transcription_error', message: 'Audio could not be transcribed.' },
  },
];
