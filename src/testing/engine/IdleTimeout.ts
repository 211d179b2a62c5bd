import { newId } from '../ids.js';
import { audioPart } from '../sessionSettings.js';
import type { SessionConfig } from '../sessionConfig.js';
import type { ConversationEngine } from './ConversationEngine.js';
import type { ConversationItem } from './types.js';

/** The start of the note OpenAI inserts before the silent turn (as recorded; the rest of its text is not public). */
export const IDLE_NOTE = 'No user speech was detected for a while. Please review the recorded audio.';

/** `turn_detection.idle_timeout_ms` when set with server VAD (the only mode that has it), else null. */
export function idleTimeoutMs(session: SessionConfig): number | null {
  const td = audioPart(session, 'input').turn_detection as { type?: unknown; idle_timeout_ms?: unknown } | null;
  const ms = td?.idle_timeout_ms;
  return td?.type === 'server_vad' && typeof ms === 'number' && ms > 0 ? ms : null;
}

/**
 * OpenAI's idle timeout: `idle_timeout_ms` after a response's audio has played with no user speech, the server
 * sends `input_audio_buffer.timeout_triggered`, inserts a system note, commits the silence as a user turn and
 * answers it (the order recorded over WebSocket).
 */
export class IdleTimeout {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly call: ConversationEngine) {}

  /** After a response: the clock starts when its queued audio has played. */
  arm(): void {
    this.disarm();
    const ms = idleTimeoutMs(this.call.session);
    if (ms === null || this.call.state !== 'open') return;
    const playsForMs = this.call.output.queuedMs;
    const startMs = Math.round(this.call.turns.inputMs + playsForMs);
    this.timer = setTimeout(() => this.fire(startMs, ms), ms + playsForMs);
  }

  /** The user spoke, a response started, or the call ended. */
  disarm(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private fire(startMs: number, ms: number): void {
    this.timer = undefined;
    const call = this.call;
    if (call.state !== 'open' || call.responses.active || idleTimeoutMs(call.session) === null) return;
    const itemId = newId('item');
    call.send({
      type: 'input_audio_buffer.timeout_triggered',
      audio_start_ms: startMs,
      audio_end_ms: startMs + ms,
      item_id: itemId,
    });
    const note: ConversationItem = {
      id: newId('item'),
      object: 'realtime.item',
      type: 'message',
      status: 'completed',
      role: 'system',
      content: [{ type: 'input_text', text: IDLE_NOTE }],
    };
    const previousItemId = call.items.insert(note);
    call.send({ type: 'conversation.item.added', previous_item_id: previousItemId, item: note });
    call.send({ type: 'conversation.item.done', previous_item_id: previousItemId, item: note });
    call.turns.commitSilence(itemId);
  }
}
