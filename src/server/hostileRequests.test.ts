// Hostile HTTP at the key handler: callers who are not authorised, callers who mint too fast or too many at once,
// bodies that are too big, too deep or too slow, an upstream that answers too much, callers who hang up, bad Host
// headers and credentials in the upstream URL. Everything runs against real HTTP servers on 127.0.0.1.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, freePort, listenLocally } from '../../test/support/localServer.js';
import type { ClientSecretError } from './ClientSecretError.js';
import { createClientSecretHandler, type ClientSecretHandlerOptions } from './createClientSecretHandler.js';
import { toNodeListener } from './toNodeListener.js';

const API_KEY = 'sk-proj-HOSTILE0123456789abcdefSECRET';
const SECRET = { value: 'ek_hostile', expires_at: 1756310470, session: { type: 'realtime' } };

let upstream: Server;
let upstreamUrl: string;
let minted = 0;
let reply: (req: IncomingMessage, res: ServerResponse) => void;
const defaultReply = (_req: IncomingMessage, res: ServerResponse) => {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(SECRET));
};

beforeAll(async () => {
  upstream = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      minted++;
      reply(req, res);
    });
  });
  upstreamUrl = `${await listenLocally(upstream)}/v1`;
});
afterAll(() => closeServer(upstream));
afterEach(() => {
  minted = 0;
  reply = defaultReply;
});
reply = defaultReply;

const post = (init: RequestInit & { duplex?: 'half' } = {}) =>
  new Request('http://app.test/api/realtime-session', { method: 'POST', ...init });

function handlerWith(options: Partial<ClientSecretHandlerOptions>) {
  const errors: ClientSecretError[] = [];
  const handler = createClientSecretHandler({
    apiKey: API_KEY,
    apiBaseUrl: upstreamUrl,
    onError: (error) => errors.push(error),
    ...options,
  });
  return { handler, errors };
}

async function codeOf(response: Response): Promise<string> {
  const text = await response.text();
  expect(text).not.toContain('HOSTILE');
  return (JSON.parse(text) as { error: { code: string } }).error.code;
}

/** Upstream streams `total` bytes in 64 KiB chunks, honouring back-pressure; resolves how many it wrote. */
function streamBody(res: ServerResponse, status: number, total: number): Promise<number> {
  return new Promise((resolve) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let written = 0;
    const pump = () => {
      while (written < total) {
        written += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end();
    };
    res.on('close', () => resolve(written));
    pump();
  });
}

/** Sends raw bytes to a server and resolves everything it answers until it closes (or `ms` pass). */
function rawExchange(
  origin: string,
  start: string,
  then?: (write: (data: string) => boolean) => () => void,
  ms = 5000,
): Promise<{ text: string; closed: boolean; error?: string }> {
  const { port } = new URL(origin);
  return new Promise((resolve) => {
    const socket = connect(Number(port), '127.0.0.1');
    let text = '';
    let stop = () => {};
    const timer = setTimeout(() => finish(false), ms);
    const finish = (closed: boolean, error?: string) => {
      clearTimeout(timer);
      stop();
      socket.destroy();
      resolve(error === undefined ? { text, closed } : { text, closed, error });
    };
    socket.on('connect', () => {
      socket.write(start);
      if (then) stop = then((data) => !socket.destroyed && socket.write(data));
    });
    socket.on('data', (d) => (text += d.toString('latin1')));
    socket.on('end', () => finish(true));
    socket.on('error', (e: NodeJS.ErrnoException) => finish(true, e.code ?? e.message));
  });
}

describe('secure by default', () => {
  it('refuses every request with 500 "configure authorize" until authorize is given, minting nothing', async () => {
    const { handler, errors } = handlerWith({});
    const response = await handler(post());
    expect(response.status).toBe(500);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('authorize_required');
    expect(body.error.message).toContain('authorize');
    expect(minted).toBe(0);
    expect(errors.map((e) => e.code)).toEqual(['authorize_required']);
  });

  it("mints for anyone with authorize: 'public'", async () => {
    const { handler } = handlerWith({ authorize: 'public' });
    expect((await handler(post())).status).toBe(200);
    expect(minted).toBe(1);
  });

  it('limits mints per identity (string or { id }) to 10 a minute by default, with 429 and Retry-After', async () => {
    const { handler } = handlerWith({
      authorize: (request) => {
        const user = request.headers.get('x-user');
        return user === 'bob' ? { id: 'bob' } : (user ?? false);
      },
    });
    const as = (user: string) => handler(post({ headers: { 'x-user': user } }));
    for (let i = 0; i < 10; i++) expect((await as('ada')).status).toBe(200);
    const limited = await as('ada');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('6');
    expect(await codeOf(limited)).toBe('rate_limited');
    expect(minted).toBe(10);
    // Another identity has its own allowance.
    for (let i = 0; i < 10; i++) expect((await as('bob')).status).toBe(200);
    expect((await as('bob')).status).toBe(429);
    expect(minted).toBe(20);
  });

  it('shares one allowance among callers without an identity, and takes rateLimit settings or false', async () => {
    const tight = handlerWith({ authorize: () => true, rateLimit: { max: 2, windowMs: 10_000 } }).handler;
    expect((await tight(post())).status).toBe(200);
    expect((await tight(post())).status).toBe(200);
    const third = await tight(post());
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBe('5');
    const open = handlerWith({ authorize: 'public', rateLimit: false }).handler;
    for (let i = 0; i < 30; i++) expect((await open(post())).status).toBe(200);
  });

  it('caps mints in flight across all callers with 503 busy and Retry-After', async () => {
    const held: ServerResponse[] = [];
    reply = (_req, res) => held.push(res);
    const { handler } = handlerWith({ authorize: 'public', rateLimit: false, maxConcurrent: 2 });
    const first = handler(post());
    const second = handler(post());
    await expect.poll(() => held.length).toBe(2);
    const third = await handler(post());
    expect(third.status).toBe(503);
    expect(third.headers.get('retry-after')).toBe('1');
    expect(await codeOf(third)).toBe('busy');
    reply = defaultReply;
    for (const res of held) defaultReply({} as IncomingMessage, res);
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
    // The slots are free again.
    expect((await handler(post())).status).toBe(200);
  });

  it('does not let callers trickling their bodies take the mint slots', async () => {
    const { handler } = handlerWith({ authorize: 'public', rateLimit: false, maxConcurrent: 1, bodyTimeoutMs: 2000 });
    const timers: Array<ReturnType<typeof setInterval>> = [];
    const trickle = () =>
      handler(
        post({
          body: new ReadableStream<Uint8Array>({
            start(controller) {
              timers.push(setInterval(() => controller.enqueue(new Uint8Array([32])), 100));
            },
          }),
          duplex: 'half',
        }),
      );
    const slow = [trickle(), trickle(), trickle()];
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await handler(post())).status).toBe(200);
    for (const timer of timers) clearInterval(timer);
    expect((await Promise.all(slow)).map((r) => r.status)).toEqual([408, 408, 408]);
  });
});

describe('bounded everywhere', () => {
  it('stops reading an upstream 200 that is too large and answers 502 without forwarding it', async () => {
    let wrote: Promise<number> = Promise.resolve(0);
    reply = (_req, res) => void (wrote = streamBody(res, 200, 64 * 1024 * 1024));
    const { handler } = handlerWith({ authorize: 'public' });
    const response = await handler(post());
    expect(response.status).toBe(502);
    const text = await response.text();
    expect(text.length).toBeLessThan(1000);
    expect((JSON.parse(text) as { error: { code: string } }).error.code).toBe('upstream_invalid_response');
    // The handler hung up long before the upstream finished its 64 MB.
    expect(await wrote).toBeLessThan(16 * 1024 * 1024);
  });

  it('summarises a huge upstream error body instead of reading it whole', async () => {
    let wrote: Promise<number> = Promise.resolve(0);
    reply = (_req, res) => void (wrote = streamBody(res, 500, 30 * 1024 * 1024));
    const { handler } = handlerWith({ authorize: 'public' });
    const response = await handler(post());
    expect(response.status).toBe(502);
    const error = (await response.json()) as { error: { code: string; message: string } };
    expect(error.error.code).toBe('upstream_error');
    expect(error.error.message.length).toBeLessThan(600);
    expect(await wrote).toBeLessThan(16 * 1024 * 1024);
  });

  it('answers 504 when the upstream body stalls after the headers, within timeoutMs', async () => {
    reply = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"value": "ek_');
    };
    const { handler } = handlerWith({ authorize: 'public', timeoutMs: 300 });
    const started = Date.now();
    const response = await handler(post());
    expect(response.status).toBe(504);
    expect(await codeOf(response)).toBe('upstream_timeout');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('shortens a long upstream error message', async () => {
    reply = (_req, res) => {
      res.writeHead(400, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `Bad: ${'y'.repeat(10_000)}` } }));
    };
    const { handler } = handlerWith({ authorize: 'public' });
    const response = await handler(post());
    expect(response.status).toBe(502);
    const error = (await response.json()) as { error: { message: string } };
    expect(error.error.message).toContain('Bad: yyy');
    expect(error.error.message.length).toBeLessThan(800);
  });

  it('answers 408 for a request body trickled past the deadline', async () => {
    const { handler, errors } = handlerWith({
      authorize: 'public',
      allowSessionOverrides: ['instructions'],
      bodyTimeoutMs: 300,
    });
    let timer: ReturnType<typeof setInterval> | undefined;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{'));
        timer = setInterval(() => controller.enqueue(new TextEncoder().encode(' ')), 50);
      },
      cancel() {
        clearInterval(timer);
      },
    });
    const started = Date.now();
    const response = await handler(post({ body, duplex: 'half' }));
    clearInterval(timer);
    expect(response.status).toBe(408);
    expect(await codeOf(response)).toBe('request_timeout');
    expect(Date.now() - started).toBeLessThan(3000);
    expect(errors.map((e) => e.code)).toEqual(['request_timeout']);
    expect(minted).toBe(0);
  });

  it('answers 400 for nesting deeper than the limit in an allowed field', async () => {
    const { handler } = handlerWith({ authorize: 'public', allowSessionOverrides: ['instructions', 'tools'] });
    const deep = `{"session":{"tools":${'['.repeat(7000)}${']'.repeat(7000)}}}`;
    const response = await handler(post({ body: deep }));
    expect(response.status).toBe(400);
    expect(await codeOf(response)).toBe('invalid_request');
    expect(minted).toBe(0);
    // Reasonable nesting still passes.
    const fine = await handler(post({ body: JSON.stringify({ session: { tools: [{ a: { b: { c: [1, [2]] } } }] } }) }));
    expect(fine.status).toBe(200);
  });

  it('stays quiet when the caller aborts mid-mint: no 500, nothing for onError', async () => {
    const held: ServerResponse[] = [];
    reply = (_req, res) => held.push(res);
    const { handler, errors } = handlerWith({ authorize: 'public' });
    const controller = new AbortController();
    const pending = handler(post({ signal: controller.signal }));
    await expect.poll(() => held.length).toBe(1);
    controller.abort();
    const response = await pending;
    expect(response.status).toBe(499);
    expect(errors).toEqual([]);
    for (const res of held) res.destroy();
  });

  it('never echoes credentials in apiBaseUrl', async () => {
    const port = await freePort();
    for (const base of [`http://admin:hunter2@127.0.0.1:${port}/v1`, `http://127.0.0.1:${port}/v1?api_key=hunter2`]) {
      const { handler, errors } = handlerWith({ authorize: 'public', apiBaseUrl: base });
      const response = await handler(post());
      expect(response.status).toBe(502);
      const text = await response.text();
      expect(text).not.toContain('hunter2');
      expect(text).not.toContain('admin');
      expect(JSON.stringify(errors.map((e) => [e.message, String(e.cause)]))).not.toContain('hunter2');
    }
  });
});

describe('toNodeListener under hostile requests', () => {
  let app: Server;
  let origin: string;
  const errors: ClientSecretError[] = [];
  beforeAll(async () => {
    app = createServer(
      toNodeListener(
        createClientSecretHandler({
          apiKey: API_KEY,
          apiBaseUrl: upstreamUrl,
          authorize: 'public',
          rateLimit: false,
          allowSessionOverrides: ['instructions'],
          maxBodyBytes: 1024,
          bodyTimeoutMs: 500,
          onError: (error) => errors.push(error),
        }),
      ),
    );
    origin = await listenLocally(app);
  });
  afterAll(() => closeServer(app));
  afterEach(() => {
    errors.length = 0;
  });

  it('answers 413 to an over-limit chunked body, then closes', async () => {
    const result = await rawExchange(
      origin,
      'POST /api/realtime-session HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n',
      (write) => {
        const chunk = `400\r\n${'x'.repeat(1024)}\r\n`;
        const timer = setInterval(() => write(chunk), 5);
        return () => clearInterval(timer);
      },
    );
    expect(result.text).toMatch(/^HTTP\/1\.1 413 /);
    expect(result.text).toContain('body_too_large');
    expect(result.closed).toBe(true);
    expect(minted).toBe(0);
  });

  it('answers 413 to an over-limit declared body', async () => {
    const result = await rawExchange(
      origin,
      `POST /api/realtime-session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\n${'x'.repeat(2048)}`,
    );
    expect(result.text).toMatch(/^HTTP\/1\.1 413 /);
  });

  it('answers 408 to a body trickled at one byte per 100 ms', async () => {
    const started = Date.now();
    const result = await rawExchange(
      origin,
      'POST /api/realtime-session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n{',
      (write) => {
        const timer = setInterval(() => write(' '), 100);
        return () => clearInterval(timer);
      },
    );
    expect(result.text).toMatch(/^HTTP\/1\.1 408 /);
    expect(Date.now() - started).toBeLessThan(4000);
    expect(minted).toBe(0);
  });

  it.each(['exa mple.com', 'user@127.0.0.1', '[::1', '127.0.0.1:99999', 'a/b'])(
    'answers 400 to the invalid Host %j',
    async (host) => {
      const result = await rawExchange(
        origin,
        `POST /api/realtime-session HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
      );
      expect(result.text).toMatch(/^HTTP\/1\.1 400 /);
      expect(result.text).toContain('Host');
      expect(minted).toBe(0);
      expect(errors).toEqual([]);
    },
  );

  it('stays quiet when the caller hangs up mid-mint', async () => {
    const held: ServerResponse[] = [];
    reply = (_req, res) => held.push(res);
    const controller = new AbortController();
    const pending = fetch(`${origin}/api/realtime-session`, { method: 'POST', signal: controller.signal }).catch(
      (error: unknown) => error,
    );
    await expect.poll(() => held.length).toBe(1);
    controller.abort();
    await pending;
    // Give the listener time to see the close and settle.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(errors).toEqual([]);
    for (const res of held) res.destroy();
  });
});
