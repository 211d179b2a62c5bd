import { openAiError } from '../openAiError.js';
import { isTranscriptionSession, isTranslationSession, outputLanguage, outputVoice } from '../sessionConfig.js';
import { synthesizeWord, transcriptDeltas } from '../speechSynth.js';
import type { ConversationEngine } from './ConversationEngine.js';
import type { ServerEvent } from './types.js';
import { TRANSLATION_AUDIO } from '../websocket/PcmDeltaOutput.js';

/** Client events a transcription session refuses, as OpenAI does: it has no responses and no conversation to edit. */
const NOT_IN_TRANSCRIPTION = [
  'response.create',
  'response.cancel',
  'conversation.item.create',
  'conversation.item.truncate',
  'output_audio_buffer.clear',
];
const TRANSLATION_EVENTS = ['session.update', 'session.input_audio_buffer.append', 'session.close'];
/** How long `session.close` waits for translated audio still queued before `session.closed`. */
const CLOSE_FLUSH_LIMIT_MS = 10_000;
const TRANSLATION_DELTA_MS = 40;

/**
 * Handles what a transcription or translation session does differently. True when the event was handled (or
 * refused) here; false for the conversation engine's own dispatch.
 */
export function refusedByKind(call: ConversationEngine, event: ServerEvent, eventId: unknown): boolean {
  if (isTranscriptionSession(call.session) && NOT_IN_TRANSCRIPTION.includes(event.type)) {
    call.sendError(
      openAiError(
        `'${event.type}' is not supported in a transcription session: it transcribes input audio and never creates responses.`,
        'invalid_value',
        'type',
      ),
      eventId,
    );
    return true;
  }
  if (!isTranslationSession(call.session)) return false;
  switch (event.type) {
    case 'session.update':
      call.onSessionUpdate(event, eventId);
      return true;
    case 'session.input_audio_buffer.append':
      call.turns.append(event.audio, eventId);
      return true;
    case 'session.close':
      closeTranslation(call);
      return true;
    default:
      call.sendError(
        openAiError(
          `Invalid value: '${event.type}'. A translation session takes ${TRANSLATION_EVENTS.map((t) => `'${t}'`).join(', ')}.`,
          'invalid_value',
          'type',
        ),
        eventId,
      );
      return true;
  }
}

const translated = new WeakSet<ConversationEngine>();

/**
 * One heard turn of a translation session: the source transcript (when input transcription is on), the scripted
 * translation for the output language in force now, and that translation spoken on the output (WebRTC track).
 */
export function translateTurn(call: ConversationEngine, heard: string): void {
  const language = outputLanguage(call.session);
  const target = call.cursor.translationOf(language);
  const input = call.session.audio as { input?: { transcription?: unknown } } | undefined;
  const events: ServerEvent[] = [];
  // Each side is one running text: a later turn continues it after a space.
  const lead = translated.has(call) ? ' ' : '';
  translated.add(call);
  let elapsed = 0;
  if (input?.input?.transcription) {
    transcriptDeltas(heard).forEach((delta, i) => {
      events.push({
        type: 'session.input_transcript.delta',
        delta: i === 0 ? lead + delta : delta,
        elapsed_ms: (elapsed += 300),
      });
    });
  }
  elapsed = 0;
  const voice = outputVoice(call.session);
  transcriptDeltas(target).forEach((delta, i) => {
    events.push({
      type: 'session.output_transcript.delta',
      delta: i === 0 ? lead + delta : delta,
      elapsed_ms: (elapsed += 300),
    });
    call.output.enqueue(synthesizeWord(delta.trim(), i, { voice }), {
      responseId: TRANSLATION_AUDIO,
      itemId: TRANSLATION_AUDIO,
    });
  });
  const next = (): void => {
    const event = events.shift();
    if (event === undefined || call.state === 'closed') return;
    call.send(event);
    if (events.length > 0) setTimeout(next, TRANSLATION_DELTA_MS);
  };
  next();
}

/** `session.close`: the translated audio still queued plays out, then `session.closed`, then the call ends. */
function closeTranslation(call: ConversationEngine): void {
  const started = Date.now();
  const wait = (): void => {
    if (call.state === 'closed') return;
    if (call.output.queuedMs > 0 && Date.now() - started < CLOSE_FLUSH_LIMIT_MS) {
      setTimeout(wait, 50);
      return;
    }
    call.send({ type: 'session.closed' });
    setTimeout(() => call.close('session.close'), 20);
  };
  wait();
}
