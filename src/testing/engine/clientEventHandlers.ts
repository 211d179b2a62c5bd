import { CLIENT_EVENT_TYPES } from '../../core/protocol/events.js';
import { openAiError } from '../openAiError.js';
import { outputSpeed } from '../sessionConfig.js';
import type { ConversationEngine } from './ConversationEngine.js';
import { checkImages } from './images.js';
import { audioSentMs, isRecord, truncateItem } from './items.js';
import { runOutOfBand } from './outOfBand.js';
import { refusedByKind } from './sessionKinds.js';
import type { ServerEvent } from './types.js';

/**
 * Routes one parsed client event to its handler. Kept apart from the engine so the engine holds the call's state
 * and lifecycle, and this file holds what each client event type does to it.
 */
export function dispatchClientEvent(call: ConversationEngine, event: ServerEvent, eventId: unknown): void {
  if (refusedByKind(call, event, eventId)) return;
  switch (event.type) {
    case 'session.update':
      return call.onSessionUpdate(event, eventId);
    case 'input_audio_buffer.append':
      return call.turns.append(event.audio, eventId);
    case 'input_audio_buffer.commit':
      return call.turns.commit(eventId);
    case 'input_audio_buffer.clear':
      call.turns.clear();
      return call.send({ type: 'input_audio_buffer.cleared' });
    case 'output_audio_buffer.clear':
      if (!call.serverPlayback) {
        return call.sendError(
          openAiError(
            "'output_audio_buffer.clear' is only supported over WebRTC and SIP; over WebSocket the client plays the audio and sends 'conversation.item.truncate'.",
            'invalid_value',
            'type',
          ),
          eventId,
        );
      }
      return call.responses.clearOutputAudio();
    case 'conversation.item.create':
      return onItemCreate(call, event, eventId);
    case 'conversation.item.retrieve': {
      const item = call.items.find(event.item_id);
      if (!item) return itemNotFound(call, 'retrieve', event.item_id, eventId);
      return call.send({ type: 'conversation.item.retrieved', item });
    }
    case 'conversation.item.delete':
      if (!call.items.remove(event.item_id)) return itemNotFound(call, 'delete', event.item_id, eventId);
      return call.send({ type: 'conversation.item.deleted', item_id: event.item_id });
    case 'conversation.item.truncate':
      return onItemTruncate(call, event, eventId);
    case 'response.create': {
      if (isRecord(event.response) && event.response.conversation === 'none') {
        // Out of band: runs beside the conversation's own response, never touches the conversation.
        const run = runOutOfBand(call, event.response, (id) => call.asides.delete(id));
        call.asides.set(run.id, run);
        return;
      }
      const active = call.responses.active;
      if (active) {
        return call.sendError(
          openAiError(
            `Conversation already has an active response in progress: ${active.id}. Wait until the response is finished before creating a new one.`,
            'conversation_already_has_active_response',
          ),
          eventId,
        );
      }
      return call.responses.start(isRecord(event.response) ? event.response : {});
    }
    case 'response.cancel': {
      const aside = typeof event.response_id === 'string' ? call.asides.get(event.response_id) : undefined;
      if (aside) return aside.cancel();
      const active = call.responses.active;
      if (!active || (typeof event.response_id === 'string' && event.response_id !== active.id)) {
        return call.sendError(
          openAiError('Cancellation failed: no active response found', 'response_cancel_not_active'),
          eventId,
        );
      }
      return call.responses.cancel('client_cancelled');
    }
    default:
      return call.sendError(
        openAiError(
          `Invalid value: '${event.type}'. Supported values are: ${CLIENT_EVENT_TYPES.map((t) => `'${t}'`).join(', ')}.`,
          'invalid_value',
          'type',
        ),
        eventId,
      );
  }
}

function itemNotFound(
  call: ConversationEngine,
  action: 'retrieve' | 'delete',
  itemId: unknown,
  eventId: unknown,
): void {
  const verb = action === 'delete' ? 'deleting' : 'retrieving';
  call.sendError(
    openAiError(
      `Error ${verb} item: the item with id '${String(itemId)}' does not exist.`,
      `item_${action}_invalid_item_id`,
      'item_id',
    ),
    eventId,
  );
}

function onItemCreate(call: ConversationEngine, event: ServerEvent, eventId: unknown): void {
  const prepared = call.items.prepareCreate(event);
  if (!('item' in prepared)) return call.sendError(prepared, eventId);
  const { item } = prepared;
  const images = item.type === 'message' && Array.isArray(item.content) ? checkImages(item.content as unknown[]) : [];
  if (!Array.isArray(images)) return call.sendError(images, eventId);
  const previousItemId = call.items.insert(item, prepared.previous);
  // Scripted replies can quote what the client sent: `{output}` (a function's result), `{heard}` (typed text).
  if (item.type === 'function_call_output') call.cursor.noteOutput(item.output as string);
  const typed =
    item.type === 'message' && item.role === 'user' && Array.isArray(item.content)
      ? (item.content as unknown[]).find(
          (part): part is { text: string } =>
            isRecord(part) && part.type === 'input_text' && typeof part.text === 'string',
        )
      : undefined;
  if (typed) call.cursor.noteHeard(typed.text);
  if (images.length > 0) call.cursor.noteImages(images);
  call.send({ type: 'conversation.item.added', previous_item_id: previousItemId, item });
  call.send({ type: 'conversation.item.done', previous_item_id: previousItemId, item });
}

function onItemTruncate(call: ConversationEngine, event: ServerEvent, eventId: unknown): void {
  const item = call.items.find(event.item_id);
  const speed = outputSpeed(call.session);
  const problem = truncateItem(item, event, speed, (target) =>
    audioSentMs(target, call.output, call.serverPlayback, speed),
  );
  if (problem) return call.sendError(problem, eventId);
  call.send({
    type: 'conversation.item.truncated',
    item_id: item!.id,
    content_index: 0,
    audio_end_ms: event.audio_end_ms,
  });
}
