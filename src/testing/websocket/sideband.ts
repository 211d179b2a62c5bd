import type { WebSocket } from 'ws';
import type { ConversationEngine } from '../engine/ConversationEngine.js';
import type { ServerEvent } from '../engine/types.js';
import { newId } from '../ids.js';
import { openAiError } from '../openAiError.js';
import { MAX_WS_MESSAGE_BYTES } from './WebSocketCall.js';

// Per the addendum (section 2): a sideband gets every event of the call except audio deltas and the call's own
// `session.created`; it learns the session from the `session.updated` its first `session.update` gets.
const NOT_MIRRORED = new Set(['response.output_audio.delta', 'session.created']);
/** A sideband that reads nothing while this much waits is cut off instead of buffered for without end. */
const MAX_UNREAD_BYTES = MAX_WS_MESSAGE_BYTES;

/**
 * Attaches a server's WebSocket to a running call (`/v1/realtime?call_id=…`): it sees the call's events and what it
 * sends (tool outputs, `session.update`, `response.create`) goes into the same conversation. Returns a detach
 * function the emulator runs when the call ends, which closes the socket as a hangup does.
 */
export function attachSideband(ws: WebSocket, call: ConversationEngine, outlivesCall = false): () => void {
  const tap = (event: ServerEvent, text: string) => {
    if (NOT_MIRRORED.has(event.type) || ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > MAX_UNREAD_BYTES) return void ws.close(1008, 'Sideband is not reading its events');
    ws.send(text);
  };
  call.taps.add(tap);
  ws.on('message', (data, isBinary) => {
    if (isBinary) {
      const error = openAiError(
        'Binary frames are not supported: send each client event as a JSON text frame.',
        'invalid_event',
      );
      ws.send(JSON.stringify({ type: 'error', event_id: newId('event'), error: { ...error, event_id: null } }));
      return;
    }
    call.receive(
      Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8'),
    );
  });
  const detach = () => {
    call.taps.delete(tap);
    // Open and deaf: what it sends goes nowhere (the closed call ignores it), and nothing comes back.
    if (outlivesCall) return;
    if (ws.readyState === ws.OPEN) {
      ws.close(1000, 'Call ended');
      setTimeout(() => ws.terminate(), 2_000).unref();
    } else ws.terminate();
  };
  ws.on('close', () => call.taps.delete(tap));
  ws.on('error', () => call.taps.delete(tap));
  return detach;
}
