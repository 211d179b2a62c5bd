import { newId } from '../ids.js';
import { isTextOnly, outputSpeed, outputVoice } from '../sessionConfig.js';
import { synthesizeWord, transcriptDeltas } from '../speechSynth.js';
import { wordsHeardBy } from './items.js';
import { rateLimitsEvent, responseObject, usageFor } from './responseShapes.js';
import type { ActiveResponse, ResponseHost } from './responseShapes.js';
import { emitFunctionCall, emitMcpApproval, emitMcpCall } from './toolSteps.js';
import type { StepSink } from './toolSteps.js';
import type { ConversationItem, PlayoutEvents } from './types.js';

/** Generation stays this far ahead of the output, like a real server that produces audio faster than real time. */
const GENERATION_LEAD_MS = 400;
const TEXT_DELTA_INTERVAL_MS = 15;

interface Playing {
  id: string;
  item: ConversationItem | undefined;
  done: boolean;
  words: string[];
}

/** The scripted assistant: one response at a time, its items, text or audio, and how it ends. */
export class ResponseRunner implements StepSink, PlayoutEvents {
  private response: ActiveResponse | undefined;
  /** Response whose audio is in the server's output buffer (WebRTC; may outlive the response itself). */
  private playing: Playing | undefined;

  constructor(private readonly host: ResponseHost) {}

  get active(): ActiveResponse | undefined {
    return this.response;
  }

  get audioPlaying(): boolean {
    return this.playing !== undefined;
  }

  isActive(r: ActiveResponse): boolean {
    return this.response === r;
  }

  start(options: Record<string, unknown>): void {
    const host = this.host;
    const modalities = options.output_modalities;
    const textOnly = Array.isArray(modalities)
      ? modalities.length === 1 && modalities[0] === 'text'
      : isTextOnly(host.session);
    const step = host.cursor.nextStep();
    const response: ActiveResponse = {
      id: newId('resp'),
      step,
      textOnly,
      output: [],
      item: undefined,
      deltas: step.type === 'reply' ? transcriptDeltas(step.text) : [],
      next: 0,
      transcript: '',
      deltasSent: 0,
      generated: false,
      timer: undefined,
      metadata: options.metadata ?? null,
    };
    this.response = response;
    host.idle.disarm();
    host.send({ type: 'response.created', response: responseObject(host, response, 'in_progress', null, null) });
    host.fireFaults('response_started');
    if (this.response !== response) return;
    const delayMs = host.modelDelay();
    if (delayMs > 0) {
      // Cancelled meanwhile: finishResponse clears the timer.
      response.timer = setTimeout(() => this.runStep(response), delayMs);
      return;
    }
    this.runStep(response);
  }

  private runStep(response: ActiveResponse): void {
    if (this.response !== response) return;
    const host = this.host;
    const step = response.step;
    response.timer = undefined;
    switch (step.type) {
      case 'reply':
        return this.beginMessage(response);
      case 'function_call':
        return emitFunctionCall(host, this, response, step);
      case 'mcp_approval_request':
        return emitMcpApproval(host, this, response, step);
      case 'mcp_call':
        return emitMcpCall(host, this, response, step);
    }
  }

  addOutputItem(r: ActiveResponse, item: ConversationItem): number {
    const outputIndex = r.output.length;
    r.output.push(item);
    this.host.send({ type: 'response.output_item.added', response_id: r.id, output_index: outputIndex, item });
    const previousItemId = this.host.items.insert(item);
    this.host.send({ type: 'conversation.item.added', previous_item_id: previousItemId, item: { ...item } });
    return outputIndex;
  }

  finishOutputItem(r: ActiveResponse, item: ConversationItem, outputIndex: number): void {
    item.status = 'completed';
    this.host.send({ type: 'response.output_item.done', response_id: r.id, output_index: outputIndex, item });
    this.host.send({ type: 'conversation.item.done', previous_item_id: this.host.items.previousOf(item), item });
  }

  finishResponse(r: ActiveResponse, status: string, statusDetails: unknown): void {
    if (r.timer) clearTimeout(r.timer);
    if (this.response === r) this.response = undefined;
    const usage = usageFor(r, this.host.items.length);
    this.host.send({ type: 'response.done', response: responseObject(this.host, r, status, statusDetails, usage) });
    this.host.tokensUsed += usage.total_tokens as number;
    this.host.send(rateLimitsEvent(this.host.tokensUsed));
    this.host.idle.arm();
  }

  private beginMessage(r: ActiveResponse): void {
    const item: ConversationItem = {
      id: newId('item'),
      object: 'realtime.item',
      type: 'message',
      status: 'in_progress',
      role: 'assistant',
      content: [],
    };
    r.item = item;
    this.addOutputItem(r, item);
    const part = r.textOnly ? { type: 'text', text: '' } : { type: 'audio', transcript: '' };
    this.host.send({
      type: 'response.content_part.added',
      response_id: r.id,
      item_id: item.id,
      output_index: 0,
      content_index: 0,
      part,
    });
    if (r.textOnly) {
      this.streamText(r);
    } else {
      this.host.lockVoice();
      this.playing = { id: r.id, item, done: false, words: r.deltas };
      this.onTick();
    }
  }

  private streamText(r: ActiveResponse): void {
    if (this.response !== r) return;
    const delta = r.deltas[r.next++];
    if (delta === undefined) return this.completeMessage(r);
    r.transcript += delta;
    this.host.send({
      type: 'response.output_text.delta',
      response_id: r.id,
      item_id: r.item!.id,
      output_index: 0,
      content_index: 0,
      delta,
    });
    if (++r.deltasSent === 2) this.host.fireFaults('mid_response');
    if (this.response === r) r.timer = setTimeout(() => this.streamText(r), TEXT_DELTA_INTERVAL_MS);
  }

  /** Keeps about GENERATION_LEAD_MS of speech queued ahead of the output, emitting one transcript delta per word. */
  onTick(): void {
    const r = this.response;
    if (!r || r.textOnly || !r.item || r.step.type !== 'reply' || r.generated) return;
    const { output, session } = this.host;
    const voice = outputVoice(session);
    const speed = outputSpeed(session);
    const tag = { responseId: r.id, itemId: r.item.id };
    while (this.response === r && output.queuedMs < GENERATION_LEAD_MS) {
      const delta = r.deltas[r.next];
      if (delta === undefined) {
        r.generated = true;
        // Over WebSocket the audio travels in events: `output_audio.done` may only follow the last delta.
        if (this.host.serverPlayback || output.queuedMs === 0) this.completeMessage(r);
        return;
      }
      output.enqueue(synthesizeWord(delta.trim(), r.next, { voice, speed }), tag);
      r.next++;
      r.transcript += delta;
      this.host.send({
        type: 'response.output_audio_transcript.delta',
        response_id: r.id,
        item_id: r.item.id,
        output_index: 0,
        content_index: 0,
        delta,
      });
    }
  }

  onStarted(): void {
    const playing = this.playing;
    if (!playing) return;
    if (this.host.serverPlayback) this.host.send({ type: 'output_audio_buffer.started', response_id: playing.id });
    if (this.response?.id === playing.id) this.host.fireFaults('mid_response');
  }

  onDrained(): void {
    const r = this.response;
    if (!this.host.serverPlayback) {
      if (r?.generated && r.item && !r.textOnly) this.completeMessage(r);
      return;
    }
    const playing = this.playing;
    if (!playing || !playing.done) return;
    this.playing = undefined;
    this.host.send({ type: 'output_audio_buffer.stopped', response_id: playing.id });
  }

  private completeMessage(r: ActiveResponse): void {
    const item = r.item!;
    const common = { response_id: r.id, item_id: item.id, output_index: 0, content_index: 0 };
    const send = (event: Record<string, unknown> & { type: string }) => this.host.send(event);
    if (r.textOnly) {
      send({ type: 'response.output_text.done', ...common, text: r.transcript });
      send({ type: 'response.content_part.done', ...common, part: { type: 'text', text: r.transcript } });
      item.content = [{ type: 'output_text', text: r.transcript }];
    } else {
      send({ type: 'response.output_audio.done', ...common });
      send({ type: 'response.output_audio_transcript.done', ...common, transcript: r.transcript });
      send({ type: 'response.content_part.done', ...common, part: { type: 'audio', transcript: r.transcript } });
      item.content = [{ type: 'output_audio', transcript: r.transcript }];
    }
    this.finishOutputItem(r, item, 0);
    this.finishResponse(r, 'completed', null);
    if (this.playing?.id !== r.id) return;
    if (!this.host.serverPlayback) {
      this.playing = undefined;
      return;
    }
    this.playing.done = true;
    // Nothing left to play (very short reply, already drained): stop now.
    if (!this.host.output.playing && this.host.output.queuedMs === 0) this.onDrained();
  }

  cancel(reason: 'turn_detected' | 'client_cancelled'): void {
    const r = this.response;
    if (!r) return;
    if (r.timer) clearTimeout(r.timer);
    if (r.item) {
      r.item.status = 'incomplete';
      r.item.content = r.textOnly
        ? [{ type: 'output_text', text: r.transcript }]
        : [{ type: 'output_audio', transcript: r.transcript }];
    }
    this.finishResponse(r, 'cancelled', { type: 'cancelled', reason });
    if (this.playing?.id !== r.id) return;
    if (!this.host.serverPlayback) {
      // Generation stops; what the client already received stays for it to play and truncate.
      this.host.output.clear();
      this.playing = undefined;
    } else if (reason === 'turn_detected') {
      // VAD barge-in also truncates what was not played; a client cancel leaves the buffer to output_audio_buffer.clear.
      this.clearOutputAudio();
    } else {
      this.playing.done = true;
    }
  }

  /** Drops unplayed audio (WebRTC); the assistant item keeps only the words that were heard. */
  clearOutputAudio(): void {
    const playing = this.playing;
    const responseId = playing?.id ?? this.response?.id ?? null;
    const heardMs = this.host.output.playedMs;
    this.host.output.clear();
    if (playing) {
      this.playing = undefined;
      const part =
        playing.item && Array.isArray(playing.item.content)
          ? (playing.item.content as Record<string, unknown>[])[0]
          : undefined;
      if (part && part.type === 'output_audio')
        part.transcript = wordsHeardBy(playing.words, outputSpeed(this.host.session), heardMs);
    }
    this.host.send({ type: 'output_audio_buffer.cleared', response_id: responseId });
  }

  stop(): void {
    if (this.response?.timer) clearTimeout(this.response.timer);
    this.response = undefined;
    this.playing = undefined;
  }
}
