import { RealtimeError } from '../../core/errors.js';
import type { ClientEvent, ResponseCreateParams, ServerEvent } from '../../core/protocol/events.js';
import type { ConversationItem, ItemReference } from '../../core/protocol/items.js';

/** A side question (`session.ask`): an out-of-band response that never joins the conversation. (contract) */
export interface AskOptions {
  instructions?: string;
  /** What to answer about: text (a user message), or items. Omitted: the conversation so far. */
  input?: string | Array<ConversationItem | ItemReference>;
  /** Echoed on the response; talkwire adds `talkwire_ask` to match the answer to the question. */
  metadata?: Record<string, string>;
  /** Default `['text']`: a side question is read, not heard. */
  outputModalities?: Array<'audio' | 'text'>;
  /** Parse the answer as JSON (ask for JSON in the instructions). */
  json?: boolean;
  /** Aborting cancels the response and rejects with `aborted`. */
  signal?: AbortSignal;
  /** Rejects with `wait_timeout` (and cancels the response) after this many ms. Default 30 000. */
  timeoutMs?: number;
}

interface Pending {
  key: string;
  eventId: string;
  responseId: string | null;
  text: string;
  json: boolean;
  resolve(value: unknown): void;
  reject(error: RealtimeError): void;
  finish(): void;
}

const DEFAULT_ASK_TIMEOUT_MS = 30_000;

function inputItems(input: AskOptions['input']): ResponseCreateParams['input'] {
  if (typeof input !== 'string') return input;
  return [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: input }] }];
}

function answerText(event: ServerEvent & { type: 'response.done' }): string | undefined {
  let text = '';
  for (const item of event.response.output ?? []) {
    if (item.type !== 'message') continue;
    for (const part of item.content ?? []) {
      const value =
        (part as { text?: unknown; transcript?: unknown }).text ?? (part as { transcript?: unknown }).transcript;
      if (typeof value === 'string') text += value;
    }
  }
  return text === '' ? undefined : text;
}

/**
 * Side questions: each `ask` sends `response.create` with `conversation: 'none'` and metadata naming it, follows
 * its response among the others (the conversation's own runs in parallel), and settles on its `response.done`.
 */
export function createAsk(send: (event: ClientEvent) => void) {
  const pending = new Map<string, Pending>();
  let counter = 0;

  const byResponse = (responseId: unknown) => {
    for (const entry of pending.values()) if (entry.responseId === responseId) return entry;
    return undefined;
  };

  function ask<T = string>(options: AskOptions = {}): Promise<T> {
    const key = `ask_${++counter}`;
    const eventId = `talkwire_${key}`;
    return new Promise<T>((resolve, reject) => {
      if (options.signal?.aborted) {
        reject(new RealtimeError('aborted', 'ask() was cancelled before it was sent.'));
        return;
      }
      const cancel = (error: RealtimeError) => {
        if (entry.responseId !== null) {
          try {
            send({ type: 'response.cancel', response_id: entry.responseId });
          } catch {
            // Disconnected meanwhile: nothing left to cancel.
          }
        }
        entry.reject(error);
      };
      const onAbort = () =>
        cancel(new RealtimeError('aborted', 'ask() was cancelled; its response was cancelled too.'));
      const timeoutMs = options.timeoutMs ?? DEFAULT_ASK_TIMEOUT_MS;
      const timer = setTimeout(
        () =>
          cancel(
            new RealtimeError(
              'wait_timeout',
              `ask() had no answer within ${timeoutMs} ms; its response was cancelled. Try again or raise timeoutMs.`,
            ),
          ),
        timeoutMs,
      );
      const entry: Pending = {
        key,
        eventId,
        responseId: null,
        text: '',
        json: options.json === true,
        resolve: (value) => {
          entry.finish();
          resolve(value as T);
        },
        reject: (error) => {
          entry.finish();
          reject(error);
        },
        finish: () => {
          clearTimeout(timer);
          options.signal?.removeEventListener('abort', onAbort);
          pending.delete(key);
        },
      };
      pending.set(key, entry);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      const response: ResponseCreateParams = {
        conversation: 'none',
        metadata: { ...options.metadata, talkwire_ask: key },
        output_modalities: options.outputModalities ?? ['text'],
      };
      if (options.instructions !== undefined) response.instructions = options.instructions;
      const input = inputItems(options.input);
      if (input !== undefined) response.input = input;
      try {
        send({ type: 'response.create', event_id: eventId, response });
      } catch (error) {
        entry.reject(error as RealtimeError);
      }
    });
  }

  function onServerEvent(event: ServerEvent): void {
    if (pending.size === 0) return;
    switch (event.type) {
      case 'response.created': {
        const key = (event.response.metadata as Record<string, unknown> | null | undefined)?.['talkwire_ask'];
        const entry = typeof key === 'string' ? pending.get(key) : undefined;
        if (entry) entry.responseId = event.response.id ?? null;
        return;
      }
      case 'response.output_text.delta':
      case 'response.output_audio_transcript.delta': {
        const entry = byResponse(event.response_id);
        if (entry) entry.text += event.delta;
        return;
      }
      case 'response.done': {
        const entry = byResponse(event.response.id);
        if (!entry) return;
        if (event.response.status !== 'completed') {
          const reason = event.response.status_details?.reason ?? event.response.status;
          entry.reject(
            new RealtimeError(
              'response_failed',
              `The side question's response ended ${event.response.status} (${String(reason)}).`,
            ),
          );
          return;
        }
        const text = answerText(event) ?? entry.text;
        if (!entry.json) {
          entry.resolve(text);
          return;
        }
        try {
          entry.resolve(JSON.parse(text));
        } catch (cause) {
          entry.reject(
            new RealtimeError(
              'response_failed',
              `The answer is not JSON (${text.slice(0, 80)}...). Ask for JSON in the instructions.`,
              { cause },
            ),
          );
        }
        return;
      }
      case 'error': {
        for (const entry of pending.values()) {
          if (entry.eventId === event.error.event_id) {
            entry.reject(
              new RealtimeError('server_error', `The server refused the side question: ${event.error.message}`, {
                serverType: event.error.type,
              }),
            );
          }
        }
        return;
      }
      default:
    }
  }

  /** The call ended: nothing pending can be answered any more. */
  function reset(): void {
    for (const entry of [...pending.values()]) {
      entry.reject(
        new RealtimeError(
          'not_connected',
          'The session disconnected before the side question was answered. Ask again once connected.',
        ),
      );
    }
  }

  return { ask, onServerEvent, reset };
}
