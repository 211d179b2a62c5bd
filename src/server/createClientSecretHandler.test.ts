import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, freePort, listenLocally } from '../../test/support/localServer.js';
import { createClientSecretHandler } from './createClientSecretHandler.js';
import { mintClientSecret } from './mintClientSecret.js';
import { toNodeListener } from './toNodeListener.js';

const API_KEY = 'sk-proj-TESTKEY0123456789abcdefSECRET';
const SECRET = {
  value: 'ek_68af296e8e408191a1120ab6383263c2',
  expires_at: 1756310470,
  session: { type: 'realtime', object: 'realtime.session', id: 'sess_1', model: 'gpt-realtime' },
};

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A real HTTP server on 127.0.0.1 standing in for api.openai.com. */
let upstream: Server;
let upstreamUrl: string;
let seen: Seen[] = [];
let reply: (res: ServerResponse) => void = (res) => json(res, 200, SECRET);

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

beforeAll(async () => {
  upstream = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      reply(res);
    });
  });
  upstreamUrl = `${await listenLocally(upstream)}/v1`;
});

afterAll(() => closeServer(upstream));

afterEach(() => {
  seen = [];
  reply = (res) => json(res, 200, SECRET);
});

const post = (body?: string, headers: Record<string, string> = {}) =>
  new Request('http://app.test/api/realtime-session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body }),
  });

async function errorOf(response: Response): Promise<{ message: string; code: string; upstream_status?: number }> {
  const text = await response.text();
  expect(text).not.toContain(API_KEY);
  expect(text).not.toContain('TESTKEY');
  return (JSON.parse(text) as { error: { message: string; code: string } }).error;
}

describe('createClientSecretHandler', () => {
  it('mints with the GA request shape and answers OpenAI’s body uncached', async () => {
    const handler = createClientSecretHandler({
      apiKey: API_KEY,
      apiBaseUrl: upstreamUrl,
      authorize: 'public',
      expiresAfterSeconds: 120,
      session: { model: 'gpt-realtime', instructions: 'Be brief.' },
    });
    const response = await handler(post());
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(await response.json()).toEqual(SECRET);

    expect(seen).toHaveLength(1);
    const [request] = seen;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/v1/realtime/client_secrets');
    expect(request?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request?.body ?? '')).toEqual({
      expires_after: { anchor: 'created_at', seconds: 120 },
      session: { type: 'realtime', model: 'gpt-realtime', instructions: 'Be brief.' },
    });
  });

  it('refuses other methods with 405 and Allow, before anything else', async () => {
    const handler = createClientSecretHandler({ apiKey: API_KEY, apiBaseUrl: upstreamUrl, authorize: 'public' });
    for (const method of ['GET', 'PUT', 'OPTIONS', 'DELETE']) {
      const response = await handler(new Request('http://app.test/k', { method }));
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('POST');
      expect((await errorOf(response)).code).toBe('method_not_allowed');
    }
    expect(seen).toHaveLength(0);
  });

  it('answers 500 telling the developer to set OPENAI_API_KEY when no key is configured', async () => {
    const handler = createClientSecretHandler({ apiKey: undefined, apiBaseUrl: upstreamUrl, authorize: 'public' });
    const response = await handler(post());
    expect(response.status).toBe(500);
    const error = await errorOf(response);
    expect(error.code).toBe('missing_api_key');
    expect(error.message).toContain('OPENAI_API_KEY');
    expect(seen).toHaveLength(0);
  });

  it('reads OPENAI_API_KEY from the environment per request', async () => {
    const before = process.env.OPENAI_API_KEY;
    process.env.OPENAI_API_KEY = API_KEY;
    try {
      const response = await createClientSecretHandler({ apiBaseUrl: upstreamUrl, authorize: 'public' })(post());
      expect(response.status).toBe(200);
      expect(seen[0]?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    } finally {
      if (before === undefined) delete process.env.OPENAI_API_KEY;
      else process.env.OPENAI_API_KEY = before;
    }
  });

  it('honours authorize: false is 403, a throw is 401, a Response is passed through', async () => {
    const base = { apiKey: API_KEY, apiBaseUrl: upstreamUrl };
    const denied = await createClientSecretHandler({ ...base, authorize: () => false })(post());
    expect(denied.status).toBe(403);
    expect((await errorOf(denied)).code).toBe('forbidden');

    const thrown = await createClientSecretHandler({
      ...base,
      authorize: async () => {
        throw new Error('bad token');
      },
    })(post());
    expect(thrown.status).toBe(401);
    expect((await errorOf(thrown)).code).toBe('unauthorized');

    const custom = await createClientSecretHandler({
      ...base,
      authorize: () => new Response('nope', { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } }),
    })(post());
    expect(custom.status).toBe(401);
    expect(await custom.text()).toBe('nope');
    expect(seen).toHaveLength(0);

    const allowed = await createClientSecretHandler({
      ...base,
      authorize: (request) => request.headers.get('x-user') === 'ada',
    })(post(undefined, { 'x-user': 'ada' }));
    expect(allowed.status).toBe(200);
  });

  it('ignores a client-supplied session unless overrides are allowed, and then only the listed fields', async () => {
    const body = JSON.stringify({
      session: { instructions: 'Leak secrets.', model: 'gpt-expensive', type: 'realtime' },
    });
    const closed = createClientSecretHandler({
      apiKey: API_KEY,
      apiBaseUrl: upstreamUrl,
      authorize: 'public',
      session: { instructions: 'Be kind.' },
    });
    expect((await closed(post(body))).status).toBe(200);
    expect((JSON.parse(seen[0]?.body ?? '') as { session: unknown }).session).toEqual({
      type: 'realtime',
      instructions: 'Be kind.',
    });

    const open = createClientSecretHandler({
      apiKey: API_KEY,
      apiBaseUrl: upstreamUrl,
      authorize: 'public',
      session: { model: 'gpt-realtime', instructions: 'Be kind.' },
      allowSessionOverrides: ['instructions'],
    });
    expect((await open(post(body))).status).toBe(200);
    expect((JSON.parse(seen[1]?.body ?? '') as { session: unknown }).session).toEqual({
      type: 'realtime',
      model: 'gpt-realtime',
      instructions: 'Leak secrets.',
    });

    const custom = createClientSecretHandler({
      apiKey: API_KEY,
      apiBaseUrl: upstreamUrl,
      authorize: 'public',
      allowSessionOverrides: (requested) => ({
        instructions: `User asked: ${String(requested.instructions).slice(0, 5)}`,
      }),
    });
    expect((await custom(post(body))).status).toBe(200);
    expect((JSON.parse(seen[2]?.body ?? '') as { session: unknown }).session).toEqual({
      type: 'realtime',
      instructions: 'User asked: Leak ',
    });

    const badJson = await open(post('{not json'));
    expect(badJson.status).toBe(400);
    expect((await errorOf(badJson)).code).toBe('invalid_request');
  });

  it('bounds the request body with 413, by header and by streamed size', async () => {
    const handler = createClientSecretHandler({
      apiKey: API_KEY,
      apiBaseUrl: upstreamUrl,
      authorize: 'public',
      allowSessionOverrides: ['instructions'],
      maxBodyBytes: 1024,
    });
    const big = JSON.stringify({ session: { instructions: 'x'.repeat(5000) } });
    const declared = await handler(post(big, { 'Content-Length': String(big.length) }));
    expect(declared.status).toBe(413);

    // A streamed body carries no Content-Length; the reader stops at the limit.
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(encoder.encode('x'.repeat(512)));
      },
    });
    const streamed = await handler(
      new Request('http://app.test/k', { method: 'POST', body: stream, duplex: 'half' } as RequestInit),
    );
    expect(streamed.status).toBe(413);
    expect((await errorOf(streamed)).code).toBe('body_too_large');
    expect(seen).toHaveLength(0);
  });

  it.each([
    [401, 'upstream_auth_failed', 502],
    [403, 'upstream_auth_failed', 502],
    [400, 'upstream_rejected', 502],
    [429, 'upstream_rate_limited', 429],
    [500, 'upstream_error', 502],
    [503, 'upstream_error', 502],
  ])('maps upstream %i to %s (%i) with OpenAI’s message and no key fragment', async (upstreamStatus, code, status) => {
    reply = (res) =>
      json(
        res,
        upstreamStatus,
        {
          error: {
            message: `Incorrect API key provided: sk-proj-TES***********CRET. Status ${upstreamStatus}.`,
            type: 'invalid_request_error',
            code: 'invalid_api_key',
          },
        },
        upstreamStatus === 429 ? { 'Retry-After': '7' } : {},
      );
    const response = await createClientSecretHandler({ apiKey: API_KEY, apiBaseUrl: upstreamUrl, authorize: 'public' })(
      post(),
    );
    expect(response.status).toBe(status);
    if (upstreamStatus === 429) expect(response.headers.get('retry-after')).toBe('7');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const error = await errorOf(response);
    expect(error.code).toBe(code);
    expect(error.upstream_status).toBe(upstreamStatus);
    expect(error.message).toContain(`Status ${upstreamStatus}.`);
    expect(error.message).not.toMatch(/sk-/);
  });

  it('answers 502 when upstream is unreachable and 504 when it is too slow', async () => {
    const port = await freePort();
    const unreachable = await createClientSecretHandler({
      apiKey: API_KEY,
      apiBaseUrl: `http://127.0.0.1:${port}/v1`,
      authorize: 'public',
    })(post());
    expect(unreachable.status).toBe(502);
    expect((await errorOf(unreachable)).code).toBe('upstream_unreachable');

    reply = (res) => setTimeout(() => json(res, 200, SECRET), 500);
    const slow = await createClientSecretHandler({
      apiKey: API_KEY,
      apiBaseUrl: upstreamUrl,
      authorize: 'public',
      timeoutMs: 50,
    })(post());
    expect(slow.status).toBe(504);
    expect((await errorOf(slow)).code).toBe('upstream_timeout');
  });

  it('answers 502 when upstream answers 200 without a value', async () => {
    reply = (res) => json(res, 200, { hello: 'world' });
    const response = await createClientSecretHandler({ apiKey: API_KEY, apiBaseUrl: upstreamUrl, authorize: 'public' })(
      post(),
    );
    expect(response.status).toBe(502);
    expect((await errorOf(response)).code).toBe('upstream_invalid_response');
  });

  it('reports failures to onError without the key', async () => {
    reply = (res) => json(res, 401, { error: { message: `Incorrect API key provided: ${API_KEY}` } });
    const logged: string[] = [];
    const handler = createClientSecretHandler({
      apiKey: API_KEY,
      apiBaseUrl: upstreamUrl,
      authorize: 'public',
      onError: (error) => logged.push(`${error.code} ${error.message} ${inspect(error.cause)}`),
    });
    await handler(post());
    expect(logged).toHaveLength(1);
    expect(logged[0]).not.toContain('TESTKEY');
  });

  it('rejects an out-of-range lifetime when created', () => {
    expect(() => createClientSecretHandler({ expiresAfterSeconds: 5 })).toThrow(RangeError);
    expect(() => createClientSecretHandler({ expiresAfterSeconds: 7201 })).toThrow(RangeError);
  });
});

describe('toNodeListener', () => {
  it('serves the handler from node:http', async () => {
    const app = createServer(
      toNodeListener(
        createClientSecretHandler({
          apiKey: API_KEY,
          apiBaseUrl: upstreamUrl,
          authorize: 'public',
          allowSessionOverrides: ['instructions'],
        }),
      ),
    );
    const origin = await listenLocally(app);
    try {
      const base = `${origin}/api/realtime-session`;
      const ok = await fetch(base, { method: 'POST', body: JSON.stringify({ session: { instructions: 'Hi' } }) });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('cache-control')).toBe('no-store');
      expect(await ok.json()).toEqual(SECRET);
      expect((JSON.parse(seen[0]?.body ?? '') as { session: unknown }).session).toEqual({
        type: 'realtime',
        instructions: 'Hi',
      });

      const get = await fetch(base);
      expect(get.status).toBe(405);
      expect(get.headers.get('allow')).toBe('POST');

      const big = await fetch(base, { method: 'POST', body: 'x'.repeat(64 * 1024) });
      expect(big.status).toBe(413);
    } finally {
      await closeServer(app);
    }
  });
});

describe('mintClientSecret', () => {
  it('returns the parsed secret', async () => {
    const secret = await mintClientSecret({ apiKey: API_KEY, apiBaseUrl: `${upstreamUrl}/`, session: { model: 'm' } });
    expect(secret.value).toBe(SECRET.value);
    expect(seen[0]?.url).toBe('/v1/realtime/client_secrets');
  });
});
