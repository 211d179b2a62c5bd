import { newId } from '../ids.js';
import { transcriptDeltas } from '../speechSynth.js';
import { rateLimitsEvent, type ResponseHost } from './responseShapes.js';
import type { ConversationItem } from './types.js';

const DELTA_INTERVAL_MS = 15;

/**
 * An out-of-band response (`conversation: 'none'`), as OpenAI runs it: beside whatever the conversation is doing,
 * with `conversation_id: null` and the request's metadata echoed, its item streamed as text but never added to the
 * conversation (no `conversation.item.*`). Returns a stop function (the call ended, or `response.cancel` named it).
 */
export function runOutOfBand(host: ResponseHost, request: Record<string, unknown>, onEnd: (id: string) => void) {
  const id = newId('resp');
  const instructions = typeof request.instructions === 'string' ? request.instructions : '';
  const text = host.cursor.asideText(instructions);
  const item: ConversationItem = {
    id: newId('item'),
    object: 'realtime.item',
    type: 'message',
    status: 'in_progress',
    role: 'assistant',
    content: [],
  };
  const shape = (status: string, output: ConversationItem[], details: unknown = null) => ({
    object: 'realtime.response',
    id,
    status,
    status_details: details,
    output,
    conversation_id: null,
    output_modalities: ['text'],
    metadata: request.metadata ?? null,
    usage: null,
  });
  const at = { response_id: id, item_id: item.id, output_index: 0, content_index: 0 };
  /** After its `response.done`, as after any response: the tokens it spent (an estimate: its text and a prompt). */
  const spent = () => {
    host.tokensUsed += 100 + Math.ceil(sent.length / 4);
    host.send(rateLimitsEvent(host.tokensUsed));
  };
  const deltas = transcriptDeltas(text);
  let sent = '';
  let timer: NodeJS.Timeout | undefined;
  host.send({ type: 'response.created', response: shape('in_progress', []) });
  host.send({ type: 'response.output_item.added', response_id: id, output_index: 0, item: { ...item } });
  host.send({ type: 'response.content_part.added', ...at, part: { type: 'text', text: '' } });
  const step = (index: number) => {
    const delta = deltas[index];
    if (delta === undefined) {
      const done = { ...item, status: 'completed', content: [{ type: 'output_text', text: sent }] };
      host.send({ type: 'response.output_text.done', ...at, text: sent });
      host.send({ type: 'response.content_part.done', ...at, part: { type: 'text', text: sent } });
      host.send({ type: 'response.output_item.done', response_id: id, output_index: 0, item: done });
      host.send({ type: 'response.done', response: shape('completed', [done]) });
      spent();
      onEnd(id);
      return;
    }
    sent += delta;
    host.send({ type: 'response.output_text.delta', ...at, delta });
    timer = setTimeout(() => step(index + 1), DELTA_INTERVAL_MS);
  };
  timer = setTimeout(() => step(0), DELTA_INTERVAL_MS);
  return {
    id,
    cancel(): void {
      clearTimeout(timer);
      const cut = { ...item, status: 'incomplete', content: [{ type: 'output_text', text: sent }] };
      host.send({
        type: 'response.done',
        response: shape('cancelled', [cut], { type: 'cancelled', reason: 'client_cancelled' }),
      });
      spent();
      onEnd(id);
    },
    stop(): void {
      clearTimeout(timer);
    },
  };
}
