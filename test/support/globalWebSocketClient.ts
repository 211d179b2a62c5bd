// Run by createWebSocketTransport.test.ts in a child Node with its built-in (undici) WebSocket: connects with
// header auth, prints the first server event, and closes.
import { createWebSocketTransport } from '../../src/transport/websocket/createWebSocketTransport.js';

const apiBaseUrl = process.argv[2] ?? '';
if (typeof (globalThis as { WebSocket?: unknown }).WebSocket !== 'function')
  throw new Error('This Node has no global WebSocket.');
const transport = createWebSocketTransport({ apiBaseUrl });
const first = new Promise<string>((resolve) => transport.on('message', resolve));
await transport.connect('sk-global', new AbortController().signal);
process.stdout.write(`${await first}\n`);
transport.close();
