import { execFile } from 'node:child_process';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, type WebSocket as ServerSocket } from 'ws';
import { RealtimeError } from '../../core/errors.js';
import { startSocketServer } from '../../../test/support/socketServer.js';
import { createWebSocketTransport, type WebSocketTransportOptions } from './createWebSocketTransport.js';
import { realtimeWebSocketUrl, relayWebSocketUrl } from './websocketUrl.js';

let server: Awaited<ReturnType<typeof startSocketServer>> | null = null;

async function startServer(intercept?: Parameters<typeof startSocketServer>[0]) {
  server = await startSocketServer(intercept);
  return server;
}

afterEach(async () => {
  await server?.close();
  server = null;
});

function transport(origin: string, extra: WebSocketTransportOptions = {}) {
  return createWebSocketTransport({ apiBaseUrl: `${origin}/v1`, WebSocket, ...extra });
}

function messages(t: ReturnType<typeof createWebSocketTransport>) {
  const got: string[] = [];
  t.on('message', (m) => got.push(m));
  return got;
}

function nextMessage(socket: ServerSocket): Promise<string> {
  return new Promise((resolve) => socket.once('message', (data) => resolve((data as Buffer).toString())));
}

async function rejection(promise: Promise<unknown>): Promise<RealtimeError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RealtimeError);
  return error as RealtimeError;
}

describe('realtimeWebSocketUrl', () => {
  it('derives the socket URL from apiBaseUrl and the model', () => {
    expect(realtimeWebSocketUrl()).toBe('wss://api.openai.com/v1/realtime?model=gpt-realtime');
    expect(realtimeWebSocketUrl('http://127.0.0.1:4000/v1/', 'gpt-realtime-mini')).toBe(
      'ws://127.0.0.1:4000/v1/realtime?model=gpt-realtime-mini',
    );
    expect(realtimeWebSocketUrl('wss://example.test/v1', 'a b')).toBe('wss://example.test/v1/realtime?model=a+b');
    expect(relayWebSocketUrl('https://app.test/relay?room=1')).toBe('wss://app.test/relay?room=1');
    expect(() => realtimeWebSocketUrl('ftp://x/v1')).toThrow(/http, https, ws or wss/);
    expect(() => relayWebSocketUrl('not a url')).toThrow(/not a URL/);
  });

  it('per session kind: ?intent=transcription without a model; /realtime/translations with one', () => {
    expect(realtimeWebSocketUrl(undefined, 'ignored', 'transcription')).toBe(
      'wss://api.openai.com/v1/realtime?intent=transcription',
    );
    expect(realtimeWebSocketUrl(undefined, undefined, 'translation')).toBe(
      'wss://api.openai.com/v1/realtime/translations?model=gpt-realtime-translate',
    );
    expect(realtimeWebSocketUrl('http://127.0.0.1:4000/v1/', 'gpt-realtime-translate-x', 'translation')).toBe(
      'ws://127.0.0.1:4000/v1/realtime/translations?model=gpt-realtime-translate-x',
    );
    expect(realtimeWebSocketUrl(undefined, undefined, 'realtime')).toBe(
      'wss://api.openai.com/v1/realtime?model=gpt-realtime',
    );
  });
});

describe('createWebSocketTransport', () => {
  it('Node: sends the key as an Authorization header, then carries JSON events both ways', async () => {
    const { origin, nextUpgrade } = await startServer();
    const t = transport(origin, { model: 'gpt-realtime-mini' });
    const got = messages(t);
    const connected = t.connect('sk-test-123', new AbortController().signal);
    const up = await nextUpgrade();
    await expect(connected).resolves.toEqual({ callId: null });
    expect(t.status).toBe('open');
    expect(up.url).toBe('/v1/realtime?model=gpt-realtime-mini');
    expect(up.authorization).toBe('Bearer sk-test-123');
    expect(up.protocols).toEqual([]);

    const sent = nextMessage(up.socket);
    t.send({ type: 'response.create' });
    expect(JSON.parse(await sent)).toEqual({ type: 'response.create' });

    up.socket.send('{"type":"session.created"}');
    up.socket.send(Buffer.from('{"type":"binary.frame"}'), { binary: true });
    await expect.poll(() => got).toEqual(['{"type":"session.created"}', '{"type":"binary.frame"}']);

    const serverSawClose = new Promise<number>((resolve) => up.socket.once('close', (code) => resolve(code)));
    const closes: RealtimeError[] = [];
    t.on('close', (e) => closes.push(e));
    t.close();
    t.close();
    expect(await serverSawClose).toBe(1000);
    expect(t.status).toBe('closed');
    expect(closes).toEqual([]);
    expect(() => t.send({ type: 'response.create' })).toThrow(expect.objectContaining({ code: 'not_connected' }));
  });

  it('browser auth: subprotocols realtime and openai-insecure-api-key.<ek_>, no header', async () => {
    const { origin, nextUpgrade } = await startServer();
    const t = transport(origin, { auth: 'subprotocol' });
    const connected = t.connect('ek_abc123', new AbortController().signal);
    const up = await nextUpgrade();
    await connected;
    expect(up.protocols).toEqual(['realtime', 'openai-insecure-api-key.ek_abc123']);
    expect(up.authorization).toBeUndefined();
    t.close();
  });

  it('refuses a secret a subprotocol cannot carry, without quoting it', async () => {
    const t = createWebSocketTransport({ auth: 'subprotocol', WebSocket });
    const error = await rejection(t.connect('ek_bad secret\n', new AbortController().signal));
    expect(error.code).toBe('client_secret_failed');
    expect(error.message).not.toContain('bad secret');
    expect(t.status).toBe('closed');
  });

  it('relay mode: the relay URL as given (ws scheme), no key in any form', async () => {
    const { origin, nextUpgrade } = await startServer();
    const t = createWebSocketTransport({ relayUrl: `${origin}/relay?room=7`, WebSocket });
    const connected = t.connect('', new AbortController().signal);
    const up = await nextUpgrade();
    await connected;
    expect(up.url).toBe('/relay?room=7');
    expect(up.authorization).toBeUndefined();
    expect(up.protocols).toEqual([]);
    t.close();
  });

  it('a refused upgrade rejects with the HTTP status and never echoes the key', async () => {
    const { origin } = await startServer((_req, socket) => {
      socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}');
      return true;
    });
    for (const auth of ['header', 'subprotocol'] as const) {
      const t = transport(origin, { auth });
      const error = await rejection(t.connect('ek_secret_value', new AbortController().signal));
      expect(error.code).toBe('connection_failed');
      expect(error.status).toBe(401);
      expect(error.message).toMatch(/refused the key/);
      expect(`${error.message} ${String(error.cause)}`).not.toContain('ek_secret_value');
      expect(t.status).toBe('closed');
    }
  });

  it('other refused upgrades name the status', async () => {
    const { origin } = await startServer((_req, socket) => {
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
      return true;
    });
    const error = await rejection(transport(origin).connect('sk-x', new AbortController().signal));
    expect(error.status).toBe(404);
    expect(error.message).toMatch(/HTTP 404.*apiBaseUrl/);
  });

  it('nothing listening -> connection_failed', async () => {
    const { origin } = await startServer();
    await server!.close();
    server = null;
    const error = await rejection(transport(origin).connect('sk-x', new AbortController().signal));
    expect(error.code).toBe('connection_failed');
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('abort mid-upgrade rejects with aborted and leaves no socket open', async () => {
    const stalled: Duplex[] = [];
    const { origin } = await startServer((_req, socket) => {
      stalled.push(socket);
      return true;
    });
    const t = transport(origin);
    const controller = new AbortController();
    const connected = t.connect('sk-x', controller.signal);
    await expect.poll(() => stalled.length).toBe(1);
    // The server's end of an upgrade is half-open: the client's FIN shows as 'end'.
    const socketClosed = new Promise((resolve) => stalled[0]!.once('end', resolve));
    controller.abort();
    expect((await rejection(connected)).code).toBe('aborted');
    await socketClosed;
    expect(t.status).toBe('closed');
  });

  it('close() during connect rejects connect with aborted', async () => {
    const { origin } = await startServer(() => true);
    const t = transport(origin);
    const connected = t.connect('sk-x', new AbortController().signal);
    t.close();
    expect((await rejection(connected)).code).toBe('aborted');
  });

  it('an upgrade that never answers times out', async () => {
    const { origin } = await startServer(() => true);
    const t = transport(origin, { connectTimeoutMs: 100 });
    const error = await rejection(t.connect('sk-x', new AbortController().signal));
    expect(error.code).toBe('connect_timeout');
    expect(t.status).toBe('closed');
  });

  it('the server closing an open call emits close with its code and reason', async () => {
    const { origin, nextUpgrade } = await startServer();
    const t = transport(origin);
    const connected = t.connect('sk-x', new AbortController().signal);
    const up = await nextUpgrade();
    await connected;
    const closed = new Promise<RealtimeError>((resolve) => t.on('close', resolve));
    up.socket.close(1011, 'server_error');
    const error = await closed;
    expect(error.code).toBe('data_channel_closed');
    expect(error.message).toContain('1011: server_error');
    expect(t.status).toBe('closed');
  });

  it('a message over maxMessageBytes ends the call with protocol_error, smaller ones pass', async () => {
    const { origin, nextUpgrade } = await startServer();
    const t = transport(origin, { maxMessageBytes: 1000 });
    const got = messages(t);
    const connected = t.connect('sk-x', new AbortController().signal);
    const up = await nextUpgrade();
    await connected;
    const closed = new Promise<RealtimeError>((resolve) => t.on('close', resolve));
    const serverSawClose = new Promise<number>((resolve) => up.socket.once('close', (code) => resolve(code)));
    up.socket.send('x'.repeat(999));
    up.socket.send('y'.repeat(2000));
    expect((await closed).code).toBe('protocol_error');
    expect(await serverSawClose).toBe(1009);
    expect(got).toEqual(['x'.repeat(999)]);
  });

  it('bufferedAmount grows while the peer does not read, so senders can hold back', async () => {
    const { origin, nextUpgrade } = await startServer();
    const t = transport(origin);
    const connected = t.connect('sk-x', new AbortController().signal);
    const up = await nextUpgrade();
    await connected;
    (up.socket as unknown as { _socket: Duplex })._socket.pause();
    const audio = 'A'.repeat(256 * 1024);
    for (let i = 0; i < 64; i++) t.send({ type: 'input_audio_buffer.append', audio });
    expect(t.bufferedAmount).toBeGreaterThan(0);
    t.close();
  });

  it('without any WebSocket class: unsupported_environment, saying what to pass', async () => {
    const t = createWebSocketTransport({ WebSocket: undefined as never });
    const original = (globalThis as { WebSocket?: unknown }).WebSocket;
    delete (globalThis as { WebSocket?: unknown }).WebSocket;
    try {
      const error = await rejection(t.connect('sk-x', new AbortController().signal));
      expect(error.code).toBe('unsupported_environment');
      expect(error.message).toMatch(/ws/);
    } finally {
      if (original !== undefined) (globalThis as { WebSocket?: unknown }).WebSocket = original;
    }
  });

  it("Node's global WebSocket (undici) sends the Authorization header too", async () => {
    const { origin, nextUpgrade } = await startServer();
    const upgraded = nextUpgrade().then((up) => {
      up.socket.send('{"type":"session.created"}');
      return up;
    });
    const script = fileURLToPath(new URL('../../../test/support/globalWebSocketClient.ts', import.meta.url));
    const output = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        ['--experimental-websocket', '--no-warnings', '--import', 'tsx', script, `${origin}/v1`],
        { timeout: 20_000 },
        (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)),
      );
    });
    const up = await upgraded;
    expect(up.authorization).toBe('Bearer sk-global');
    expect(output.trim()).toBe('{"type":"session.created"}');
  }, 30_000);
});
