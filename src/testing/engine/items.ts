import { newId } from '../ids.js';
import { openAiError } from '../openAiError.js';
import type { OpenAiErrorBody } from '../openAiError.js';
import { SAMPLE_RATE, synthesizeWord, transcriptDeltas, wordDurationMs } from '../speechSynth.js';
import type { AudioOutput, ConversationItem, ServerEvent } from './types.js';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const CREATABLE = ['message', 'function_call', 'function_call_output', 'mcp_approval_response'];

/** The conversation a call holds, in order. */
export class ItemStore {
  private readonly items: ConversationItem[] = [];

  get length(): number {
    return this.items.length;
  }

  find(id: unknown): ConversationItem | undefined {
    return typeof id === 'string' ? this.items.find((i) => i.id === id) : undefined;
  }

  previousOf(item: ConversationItem): string | null {
    const index = this.items.indexOf(item);
    return index > 0 ? this.items[index - 1]!.id : null;
  }

  /** Appends (or inserts after `previousItemId`, `'root'` for first) and returns the previous item's id. */
  insert(item: ConversationItem, previousItemId?: string | null): string | null {
    if (previousItemId === 'root') {
      this.items.unshift(item);
      return null;
    }
    if (typeof previousItemId === 'string') {
      const index = this.items.findIndex((i) => i.id === previousItemId);
      this.items.splice(index + 1, 0, item);
      return previousItemId;
    }
    const previous = this.items[this.items.length - 1]?.id ?? null;
    this.items.push(item);
    return previous;
  }

  remove(id: unknown): boolean {
    const index = this.items.findIndex((i) => i.id === id);
    if (index < 0) return false;
    this.items.splice(index, 1);
    return true;
  }

  /** A copy: callers cannot change the call's state. */
  snapshot(): ConversationItem[] {
    return structuredClone(this.items);
  }

  /** Checks a `conversation.item.create` and builds the item, or says what is wrong. */
  prepareCreate(event: ServerEvent): { item: ConversationItem; previous: string | undefined } | OpenAiErrorBody {
    const raw = event.item;
    if (!isRecord(raw) || typeof raw.type !== 'string') {
      return openAiError("Missing required parameter: 'item.type'.", 'missing_required_parameter', 'item.type');
    }
    if (!CREATABLE.includes(raw.type)) {
      return openAiError(
        `Invalid value: '${raw.type}'. Supported values are: ${CREATABLE.map((k) => `'${k}'`).join(', ')}.`,
        'invalid_value',
        'item.type',
      );
    }
    if (raw.type === 'message') {
      if (raw.role !== 'user' && raw.role !== 'assistant' && raw.role !== 'system') {
        return openAiError(
          "Invalid value for 'item.role': use 'user', 'assistant' or 'system'.",
          'invalid_value',
          'item.role',
        );
      }
      if (!Array.isArray(raw.content))
        return openAiError("Missing required parameter: 'item.content'.", 'missing_required_parameter', 'item.content');
    }
    if (raw.type === 'function_call_output' && (typeof raw.call_id !== 'string' || typeof raw.output !== 'string')) {
      return openAiError(
        "A function_call_output item needs a string 'call_id' and a string 'output'.",
        'missing_required_parameter',
        'item.call_id',
      );
    }
    const id = typeof raw.id === 'string' ? raw.id : newId('item');
    if (this.find(id)) return openAiError(`Item with id '${id}' already exists.`, 'item_id_already_exists', 'item.id');
    const previous = event.previous_item_id;
    if (typeof previous === 'string' && previous !== 'root' && !this.find(previous)) {
      return openAiError(
        `Error adding item: the previous item with id '${previous}' does not exist.`,
        'previous_item_not_found',
        'previous_item_id',
      );
    }
    const item: ConversationItem = { ...raw, id, type: raw.type, object: 'realtime.item', status: 'completed' };
    return { item, previous: typeof previous === 'string' ? previous : undefined };
  }
}

/**
 * Applies `conversation.item.truncate`: the unheard tail of the transcript goes, as on OpenAI. `deliveredMs` is the
 * model audio the client received for the item (undefined: none); returns the error to send, or null.
 */
export function truncateItem(
  item: ConversationItem | undefined,
  event: ServerEvent,
  speed: number,
  deliveredMs: (item: ConversationItem) => number | undefined,
): OpenAiErrorBody | null {
  if (!item) {
    return openAiError(
      `Error truncating item: the item with id '${String(event.item_id)}' does not exist.`,
      'item_truncate_invalid_item_id',
      'item_id',
    );
  }
  const content = Array.isArray(item.content) ? (item.content as Record<string, unknown>[]) : [];
  const part = content[typeof event.content_index === 'number' ? event.content_index : 0];
  const totalMs = item.role === 'assistant' ? deliveredMs(item) : undefined;
  if (totalMs === undefined) {
    return openAiError('Only model output audio messages can be truncated.', 'unsupported_content_type', 'item_id');
  }
  const audioEndMs = event.audio_end_ms;
  if (typeof audioEndMs !== 'number' || !Number.isInteger(audioEndMs) || audioEndMs < 0 || audioEndMs > totalMs) {
    return openAiError(
      `Audio content of ${totalMs}ms is already shorter than ${String(audioEndMs)}ms.`,
      'invalid_value',
      'audio_end_ms',
    );
  }
  if (part?.type === 'output_audio') {
    const transcript = typeof part.transcript === 'string' ? part.transcript : '';
    part.transcript = wordsHeardBy(transcriptDeltas(transcript), speed, audioEndMs);
  }
  return null;
}

/**
 * Model audio of an item that reached the client, in ms (undefined when the item has none): what the WebSocket
 * output delivered, or over WebRTC the length of the words the item holds.
 */
export function audioSentMs(
  item: ConversationItem,
  output: AudioOutput,
  serverPlayback: boolean,
  speed: number,
): number | undefined {
  if (!serverPlayback) return output.deliveredMs?.(item.id);
  const part = Array.isArray(item.content) ? (item.content as Record<string, unknown>[])[0] : undefined;
  if (part?.type !== 'output_audio') return undefined;
  return spokenMs(transcriptDeltas(typeof part.transcript === 'string' ? part.transcript : ''), speed);
}

/** How long the scripted voice takes to say the first `count` words. */
export function spokenMs(words: string[], speed: number, count = words.length): number {
  let ms = 0;
  for (let i = 0; i < count && i < words.length; i++) {
    const pcmLength = synthesizeWord(words[i]!.trim(), i, { speed }).length;
    ms += (pcmLength * 1000) / SAMPLE_RATE;
  }
  return Math.round(ms);
}

/** The words whose audio started before `ms` of playback. */
export function wordsHeardBy(words: string[], speed: number, ms: number): string {
  let elapsed = 0;
  let text = '';
  for (const word of words) {
    if (elapsed >= ms) break;
    text += word;
    elapsed += wordDurationMs(word.trim(), speed) + 60 / speed;
  }
  return text.trimStart();
}
