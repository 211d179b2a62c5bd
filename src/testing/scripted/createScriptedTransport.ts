import { RealtimeError } from '../../core/errors.js';
import type { ClientEvent, ResponseCreateParams } from '../../core/protocol/events.js';
import { createEmitter } from '../../transport/createEmitter.js';
import type { Transport, TransportEventMap, TransportFactory, TransportStatus } from '../../transport/Transport.js';
import { createScriptedConversation, type ItemRequest } from './scriptedConversation.js';
import * as events from './scriptedEvents.js';
import type { ScriptedEvent } from './scriptedEvents.js';

/** One assistant turn: words it speaks, or a function it calls (the session runs the tool, then asks again). */
export type ScriptedReply = string | { say: string } | { call: string; arguments?: Record<string, unknown> | string };

export interface ScriptedTransportOptions {
  /** Replies in order, one per response the server starts (a `response.create`, or a user turn). */
  replies?: readonly ScriptedReply[];
  /** Said once the replies have run out. Default: "That is all I was scripted to say." */
  fallback?: string;
  /** Pause between two server events (ms). Default 0: each event arrives in its own task, as over a network. */
  intervalMs?: number;
  /** The text of an out-of-band response (`conversation: 'none'`). Default: `Answer: <instructions>`. */
  outOfBand?: (request: ResponseCreateParams) => string;
}

/** A `TransportFactory` for `createRealtimeSession({ transport })`, with the controls of the scripted server. */
export interface ScriptedTransport extends TransportFactory {
  /** The user says `text`, as server VAD and transcription report it; the server answers with the next reply. */
  userSays(text: string): void;
  /** Every client event the session sent, over all calls. */
  readonly received: readonly ClientEvent[];
  /** Resolves once every server event queued so far has been delivered. */
  settled(): Promise<void>;
  /** The connection drops (the session sees `data_channel_closed`). */
  drop(): void;
}

interface Active {
  responseId: string;
  itemId: string;
  previousItemId: string | null;
  spoken: string;
}

/**
 * An in-memory transport that plays a scripted Realtime server: `session.created`/`session.updated`, user turns,
 * streamed spoken replies, function calls and their follow-up, cancels and cleared audio, all as GA events that
 * the real session parses and reduces. No network, no WebRTC, no media, no Node module: a `createRealtimeSession`
 * on it runs in jsdom, a browser or Node, and drives the real store, features and React hooks.
 */
export function createScriptedTransport(options: ScriptedTransportOptions = {}): ScriptedTransport {
  const replies = [...(options.replies ?? [])];
  const received: ClientEvent[] = [];
  const id = events.createEventIds();
  let line: ReturnType<typeof openLine> | null = null;

  function openLine() {
    const emitter = createEmitter<TransportEventMap>();
    let status: TransportStatus = 'new';
    let config: Record<string, unknown> = {};
    let active: Active | null = null;
    let lastResponseId: string | null = null;
    const queue: Array<{ event: ScriptedEvent; responseId?: string }> = [];
    const waiters: Array<() => void> = [];
    let timer: ReturnType<typeof setTimeout> | undefined;

    const pump = () => {
      timer = undefined;
      const next = queue.shift();
      if (next && status === 'open') {
        if (active && next.event.type === 'response.output_audio_transcript.delta')
          active.spoken += String(next.event.delta);
        if (next.event.type === 'response.done' && active?.responseId === next.responseId) active = null;
        conversation.sent(next.event);
        emitter.emit('message', JSON.stringify({ ...next.event, event_id: id('event') }));
      }
      if (queue.length > 0 && status === 'open') timer = setTimeout(pump, options.intervalMs ?? 0);
      else for (const resolve of waiters.splice(0)) resolve();
    };
    const push = (list: ScriptedEvent[], responseId?: string) => {
      for (const event of list) queue.push(responseId === undefined ? { event } : { event, responseId });
      if (timer === undefined && status === 'open') timer = setTimeout(pump, options.intervalMs ?? 0);
    };
    const conversation = createScriptedConversation();

    function reply(): void {
      const next = replies.shift() ?? options.fallback ?? 'That is all I was scripted to say.';
      const responseId = id('resp');
      const itemId = id('item');
      const previousItemId = conversation.add(itemId);
      lastResponseId = responseId;
      push([{ type: 'response.created', response: events.response(responseId, 'in_progress') }], responseId);
      if (typeof next === 'object' && 'call' in next) {
        const args = typeof next.arguments === 'string' ? next.arguments : JSON.stringify(next.arguments ?? {});
        push(
          events.functionCall(responseId, itemId, previousItemId, {
            callId: id('call'),
            name: next.call,
            arguments: args,
          }),
          responseId,
        );
        return;
      }
      const text = typeof next === 'string' ? next : next.say;
      active = { responseId, itemId, previousItemId, spoken: '' };
      push(events.replyStart(responseId, itemId, previousItemId), responseId);
      push(
        events.words(text).map((delta) => events.transcriptDelta(responseId, itemId, delta)),
        responseId,
      );
      push(events.replyEnd(responseId, itemId, previousItemId, text, false), responseId);
    }

    /** Stops the reply being spoken: what was not sent yet is dropped, the item ends `incomplete`. */
    function cancel(): void {
      const cut = active;
      if (!cut) return;
      active = null;
      for (let i = queue.length - 1; i >= 0; i--) if (queue[i]!.responseId === cut.responseId) queue.splice(i, 1);
      push(events.replyEnd(cut.responseId, cut.itemId, cut.previousItemId, cut.spoken, true));
    }

    function receive(event: ClientEvent): void {
      const raw = event as unknown as {
        type: string;
        session?: Record<string, unknown>;
        item?: Record<string, unknown>;
      };
      switch (raw.type) {
        case 'session.update':
          config = { ...config, ...raw.session };
          push([{ type: 'session.updated', session: events.realtimeSession('sess_scripted', config) }]);
          break;
        case 'conversation.item.create': {
          const itemId = typeof raw.item?.id === 'string' ? raw.item.id : id('item');
          const item = { ...raw.item, id: itemId, object: 'realtime.item', status: 'completed' };
          const previous = conversation.add(itemId, item);
          push([
            { type: 'conversation.item.added', previous_item_id: previous, item },
            { type: 'conversation.item.done', previous_item_id: previous, item },
          ]);
          break;
        }
        case 'response.create': {
          const request = (raw as { response?: ResponseCreateParams }).response ?? {};
          if (request.conversation === 'none') {
            const text = options.outOfBand?.(request) ?? `Answer: ${request.instructions ?? ''}`;
            push(events.outOfBandReply(id('resp'), id('item'), text, request.metadata));
          } else reply();
          break;
        }
        case 'conversation.item.retrieve':
        case 'conversation.item.delete':
        case 'conversation.item.truncate':
          push(conversation.answer(raw as unknown as ItemRequest));
          break;
        case 'response.cancel':
          cancel();
          break;
        case 'output_audio_buffer.clear':
          push([{ type: 'output_audio_buffer.cleared', response_id: lastResponseId }]);
          break;
        case 'input_audio_buffer.clear':
          push([{ type: 'input_audio_buffer.cleared' }]);
          break;
        default:
          break;
      }
    }

    const transport: Transport = {
      get status() {
        return status;
      },
      async connect(_secret, signal) {
        status = 'connecting';
        await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 0));
        if (signal.aborted || status !== 'connecting') {
          status = 'closed';
          throw new RealtimeError('aborted', 'The connection attempt was cancelled.');
        }
        status = 'open';
        push([{ type: 'session.created', session: events.realtimeSession('sess_scripted') }]);
        return { callId: id('rtc') };
      },
      send(event) {
        if (status !== 'open')
          throw new RealtimeError(
            'not_connected',
            `Cannot send "${event.type}": the session is not connected. Call connect() first.`,
          );
        received.push(event);
        receive(event);
      },
      close() {
        status = 'closed';
        clearTimeout(timer);
        queue.length = 0;
        for (const resolve of waiters.splice(0)) resolve();
      },
      on: emitter.on,
    };
    return {
      transport,
      userSays(text: string) {
        if (active) {
          cancel();
          push([{ type: 'output_audio_buffer.cleared', response_id: lastResponseId }]);
        }
        const itemId = id('item');
        push(
          events.userTurn(
            itemId,
            conversation.add(itemId, {
              id: itemId,
              object: 'realtime.item',
              type: 'message',
              role: 'user',
              status: 'completed',
              content: [{ type: 'input_audio', transcript: text }],
            }),
            text,
          ),
        );
        reply();
      },
      settled: () =>
        queue.length === 0 && timer === undefined
          ? Promise.resolve()
          : new Promise<void>((resolve) => waiters.push(resolve)),
      drop() {
        if (status !== 'open') return;
        transport.close();
        emitter.emit('close', new RealtimeError('data_channel_closed', 'The scripted connection was dropped.'));
      },
    };
  }

  const factory = (() => {
    line?.transport.close();
    line = openLine();
    return line.transport;
  }) as unknown as ScriptedTransport;
  Object.defineProperty(factory, 'received', { get: () => received });
  factory.userSays = (text) => {
    if (line?.transport.status !== 'open')
      throw new RealtimeError('not_connected', 'userSays(): the scripted call is not connected.');
    line.userSays(text);
  };
  factory.settled = () => line?.settled() ?? Promise.resolve();
  factory.drop = () => line?.drop();
  return factory;
}
