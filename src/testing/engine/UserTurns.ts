import { EnergyVad } from '../EnergyVad.js';
import type { VadSettings } from '../EnergyVad.js';
import { newId } from '../ids.js';
import { openAiError } from '../openAiError.js';
import {
  isTranscriptionSession,
  isTranslationSession,
  transcriptionEnabled,
  transcriptionModel,
  turnDetection,
} from '../sessionConfig.js';
import { speakerTurns, transcriptionFailure } from '../scenario.js';
import { transcriptDeltas } from '../speechSynth.js';
import type { ConversationEngine } from './ConversationEngine.js';
import { translateTurn } from './sessionKinds.js';
import type { ConversationItem, ServerEvent } from './types.js';

const MIN_COMMIT_MS = 100;

/** The caller's side: the input audio buffer, server VAD, commits and input transcription. */
export class UserTurns {
  private readonly vad: EnergyVad;
  private pendingItemId: string | undefined;
  private bufferedMs = 0;
  /** Input audio received so far (ms), the clock of the VAD's and the idle timeout's times. */
  inputMs = 0;

  constructor(private readonly call: ConversationEngine) {
    const td = turnDetection(call.session);
    this.vad = new EnergyVad(td ?? { threshold: 0.5, prefix_padding_ms: 300, silence_duration_ms: 200 });
  }

  configure(settings: VadSettings | null): void {
    if (settings) this.vad.configure(settings);
    else this.vad.reset();
  }

  /** `input_audio_buffer.append`: over WebSocket the audio itself drives the VAD; over WebRTC only its length counts. */
  append(audio: unknown, eventId: unknown): void {
    if (typeof audio !== 'string') {
      return this.call.sendError(
        openAiError("Missing required parameter: 'audio' (base64 PCM16).", 'missing_required_parameter', 'audio'),
        eventId,
      );
    }
    if (this.call.media.transport === 'websocket') {
      const problem = this.call.media.appendAudio(audio);
      if (problem) this.call.sendError(openAiError(problem, 'invalid_value', 'audio'), eventId);
      return;
    }
    // PCM16 at 24 kHz: 48 bytes per ms.
    this.bufferedMs += Math.floor((audio.length * 3) / 4 / 48);
  }

  commit(eventId: unknown): void {
    if (this.bufferedMs < MIN_COMMIT_MS) {
      const had = this.bufferedMs.toFixed(2);
      return this.call.sendError(
        openAiError(
          `Error committing input audio buffer: buffer too small. Expected at least ${MIN_COMMIT_MS}ms of audio, but buffer only has ${had}ms of audio.`,
          'input_audio_buffer_commit_empty',
        ),
        eventId,
      );
    }
    this.vad.reset();
    this.commitAudio(this.pendingItemId ?? newId('item'), false);
  }

  /** The idle timeout's turn: the silence is committed (it has no transcript) and answered. */
  commitSilence(itemId: string): void {
    this.vad.reset();
    this.commitAudio(itemId, true, true);
  }

  clear(): void {
    this.bufferedMs = 0;
    this.vad.reset();
    this.pendingItemId = undefined;
  }

  onFrame(frame: Int16Array, frameMs: number): void {
    this.bufferedMs += frameMs;
    this.inputMs += frameMs;
    const call = this.call;
    const td = turnDetection(call.session);
    if (!td) return;
    const vadEvent = this.vad.push(frame);
    if (!vadEvent) return;
    if (isTranslationSession(call.session)) {
      // A translation session has no input buffer events: each stretch of speech is simply translated.
      if (vadEvent.type !== 'speech_started') {
        this.bufferedMs = 0;
        translateTurn(call, call.cursor.nextHeard());
      }
      return;
    }
    if (vadEvent.type === 'speech_started') {
      const itemId = newId('item');
      this.pendingItemId = itemId;
      call.idle.disarm();
      call.send({ type: 'input_audio_buffer.speech_started', audio_start_ms: vadEvent.audioStartMs, item_id: itemId });
      if (td.interrupt_response) {
        if (call.responses.active) call.responses.cancel('turn_detected');
        else if (call.responses.audioPlaying && call.serverPlayback) call.responses.clearOutputAudio();
      }
      return;
    }
    const itemId = this.pendingItemId ?? newId('item');
    call.send({ type: 'input_audio_buffer.speech_stopped', audio_end_ms: vadEvent.audioEndMs, item_id: itemId });
    this.commitAudio(itemId, td.create_response);
  }

  private commitAudio(itemId: string, respond: boolean, silent = false): void {
    const call = this.call;
    this.pendingItemId = undefined;
    this.bufferedMs = 0;
    const item: ConversationItem = {
      id: itemId,
      object: 'realtime.item',
      type: 'message',
      status: 'completed',
      role: 'user',
      content: [{ type: 'input_audio', transcript: null }],
    };
    const previousItemId = call.items.insert(item);
    call.send({ type: 'input_audio_buffer.committed', previous_item_id: previousItemId, item_id: itemId });
    call.send({ type: 'conversation.item.added', previous_item_id: previousItemId, item });
    call.send({ type: 'conversation.item.done', previous_item_id: previousItemId, item });
    const heard = silent ? '' : call.cursor.nextHeard();
    // A transcription session transcribes and never answers.
    if (respond && !isTranscriptionSession(call.session) && !call.responses.active) call.responses.start({});
    // Transcription is asynchronous in OpenAI's API and typically lands after response.created.
    if (transcriptionEnabled(call.session)) this.transcribe(item, heard);
  }

  private transcribe(item: ConversationItem, heard: string): void {
    const call = this.call;
    const failure = transcriptionFailure(heard);
    if (failure !== null) {
      call.send({
        type: 'conversation.item.input_audio_transcription.failed',
        item_id: item.id,
        content_index: 0,
        error: { type: 'transcription_error', code: 'audio_unintelligible', message: failure, param: null },
      });
      return;
    }
    const diarize = transcriptionModel(call.session).includes('diarize');
    const turns = diarize ? speakerTurns(heard) : [{ speaker: 'A', text: heard }];
    const text = turns.map((t) => t.text).join(' ');
    const events: ServerEvent[] = [];
    if (diarize) {
      // Diarizing models report who spoke when; times are seconds into the item's audio (about 15 chars a second here).
      let start = 0;
      turns.forEach((turn, i) => {
        const end = start + Math.max(0.3, turn.text.length / 15);
        events.push({
          type: 'conversation.item.input_audio_transcription.segment',
          item_id: item.id,
          content_index: 0,
          id: `seg_${i + 1}`,
          text: turn.text,
          speaker: turn.speaker,
          start,
          end,
        });
        start = end;
      });
    }
    // With `include: ['item.input_audio_transcription.logprobs']`, one token per word and a confident model.
    const withLogprobs =
      Array.isArray(call.session.include) && call.session.include.includes('item.input_audio_transcription.logprobs');
    const logprob = (token: string) => ({ token, logprob: -0.05, bytes: [...Buffer.from(token)] });
    const deltas = transcriptDeltas(text);
    for (const delta of deltas) {
      events.push({
        type: 'conversation.item.input_audio_transcription.delta',
        item_id: item.id,
        content_index: 0,
        delta,
        ...(withLogprobs ? { logprobs: [logprob(delta)] } : {}),
      });
    }
    const tokens = Math.max(1, Math.round(text.length / 4));
    events.push({
      type: 'conversation.item.input_audio_transcription.completed',
      item_id: item.id,
      content_index: 0,
      transcript: text,
      ...(withLogprobs ? { logprobs: deltas.map(logprob) } : {}),
      usage: {
        type: 'tokens',
        total_tokens: tokens * 2,
        input_tokens: tokens,
        input_token_details: { text_tokens: 0, audio_tokens: tokens },
        output_tokens: tokens,
      },
    });
    const part = (item.content as Record<string, unknown>[])[0];
    if (part) part.transcript = text;
    if (!isTranscriptionSession(call.session)) {
      for (const event of events) call.send(event);
      return;
    }
    // Captions stream: interim text shows before the final transcript, as with a live model.
    const next = (): void => {
      const event = events.shift();
      if (event === undefined || call.state === 'closed') return;
      call.send(event);
      if (events.length > 0) setTimeout(next, TRANSCRIPT_DELTA_MS);
    };
    next();
  }
}

/** Pause between transcript events of a transcription session. */
const TRANSCRIPT_DELTA_MS = 40;
