// The server handler never lets the API key (or any fragment of it) out: not in a response body, not in a
// header, not in what it hands to onError (message, cause chain, stack), not on the console. Every failure
// path is driven against a real HTTP server standing in for api.openai.com.
import { createServer, type Server, type ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeServer, freePort, listenLocally } from '../support/localServer.js';
import {
  createClientSecretHandler,
  type ClientSecretHandlerOptions,
} from '../../src/server/createClientSecretHandler.js';

const API_KEY = 'sk-proj-LEAKCANARY0123456789abcdefXYZW';
const FRAGMENTS = [API_KEY, 'LEAKCANARY', '0123456789abcdef', 'sk-proj-LEA', 'XYZW'];
const SECRET = { value: 'ek_0123', expires_at: 1756310470, session: { type: 'realtime' } };

let upstream: Server;
let upstreamUrl: string;
let reply: (res: ServerResponse, body: string) => void;

beforeAll(async () => {
  upstream = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => reply(res, body));
  });
  upstreamUrl = `${await listenLocally(upstream)}/v1`;
});

afterAll(() => closeServer(upstream));

afterEach(() => {
  vi.restoreAllMocks();
});

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}) =>
  (res: ServerResponse) => {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };

/** Upstream answers that quote the key the ways real servers do: whole, masked, in headers, in odd fields. */
const UPSTREAM_FAILURES: Array<[string, (res: ServerResponse) => void]> = [
  [
    '401 quoting the whole key',
    json(401, { error: { message: `Incorrect API key provided: ${API_KEY}.`, code: 'invalid_api_key' } }),
  ],
  [
    '401 quoting a masked key',
    json(401, { error: { message: 'Incorrect API key provided: sk-proj-LEA*************XYZW.' } }),
  ],
  ['403 with the key in param and code', json(403, { error: { message: 'Forbidden', param: API_KEY, code: API_KEY } })],
  ['400 echoing the request', json(400, { error: { message: `Bad request for Authorization: Bearer ${API_KEY}` } })],
  [
    '429 with a key in a header',
    json(429, { error: { message: 'Slow down' } }, { 'Retry-After': '3', 'x-debug': API_KEY }),
  ],
  ['500 with an HTML body', json(500, `<html>Bearer ${API_KEY}</html>`)],
  ['503 with no body', json(503, '')],
  ['200 without a value but quoting the key', json(200, { note: API_KEY })],
  ['200 that is not JSON', json(200, `not json ${API_KEY}`)],
];

async function drive(options: Partial<ClientSecretHandlerOptions>, request?: Request) {
  const logged: unknown[] = [];
  const consoleCalls: unknown[] = [];
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      consoleCalls.push(args);
    });
  }
  const handler = createClientSecretHandler({
    apiKey: API_KEY,
    apiBaseUrl: upstreamUrl,
    authorize: 'public',
    rateLimit: false,
    onError: (error, req) => logged.push(error, req.url),
    ...options,
  });
  const response = await handler(request ?? new Request('http://app.test/api/realtime-session', { method: 'POST' }));
  const headers = [...response.headers.entries()].map(([k, v]) => `${k}: ${v}`).join('\n');
  const body = await response.text();
  return { response, headers, body, logged, consoleCalls };
}

/** Everything an error carries, recursively through its causes. */
function dumpError(value: unknown, depth = 0): string {
  if (depth > 5 || value === null || value === undefined) return String(value);
  if (value instanceof Error) {
    const own = Object.getOwnPropertyNames(value).map(
      (k) => `${k}=${safe((value as unknown as Record<string, unknown>)[k])}`,
    );
    return `${value.name}: ${value.message}\n${value.stack ?? ''}\n${own.join('\n')}\ncause: ${dumpError(value.cause, depth + 1)}`;
  }
  return safe(value);
}

function safe(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function expectNoKey(what: string, text: string): void {
  for (const fragment of FRAGMENTS) expect(text, `${what} contains "${fragment}"`).not.toContain(fragment);
}

function expectClean(result: Awaited<ReturnType<typeof drive>>): void {
  expectNoKey('body', result.body);
  expectNoKey('headers', result.headers);
  expectNoKey('onError', result.logged.map((e) => dumpError(e)).join('\n'));
  expect(result.consoleCalls, 'the handler logged to the console').toEqual([]);
  // No permissive CORS, on success or failure.
  expect(result.response.headers.get('access-control-allow-origin')).toBeNull();
  expect(result.response.headers.get('access-control-allow-credentials')).toBeNull();
}

describe('the key never leaves the server', () => {
  for (const [name, answer] of UPSTREAM_FAILURES) {
    it(`upstream ${name}`, async () => {
      reply = answer;
      const result = await drive({});
      expect(result.response.status).toBeGreaterThanOrEqual(400);
      expect(result.logged.length).toBeGreaterThan(0);
      expectClean(result);
    });
  }

  it('upstream unreachable and upstream too slow', async () => {
    const port = await freePort();
    expectClean(await drive({ apiBaseUrl: `http://127.0.0.1:${port}/v1` }));
    reply = (res) => setTimeout(() => json(200, SECRET)(res), 300);
    const slow = await drive({ timeoutMs: 30 });
    expect(slow.response.status).toBe(504);
    expectClean(slow);
  });

  it('authorize refusing, throwing (with the key in its message) and answering its own Response', async () => {
    reply = json(200, SECRET);
    for (const authorize of [
      () => false,
      () => {
        throw new Error(`session lookup failed near ${API_KEY}`);
      },
      () => new Response('no', { status: 401 }),
    ]) {
      const result = await drive({ authorize });
      expect([401, 403]).toContain(result.response.status);
      expectClean(result);
    }
  });

  it('an override policy that throws (quoting the key) is a 500 whose logged cause is redacted', async () => {
    reply = json(200, SECRET);
    const result = await drive(
      {
        allowSessionOverrides: () => {
          throw new Error(`policy failed for ${API_KEY}`, { cause: new Error(`deeper ${API_KEY}`) });
        },
      },
      new Request('http://app.test/k', { method: 'POST', body: JSON.stringify({ session: { instructions: 'hi' } }) }),
    );
    expect(result.response.status).toBe(500);
    expect(dumpError(result.logged[0])).toContain('policy failed for [redacted]');
    expectClean(result);
  });

  it('wrong method, oversized body, missing key', async () => {
    reply = json(200, SECRET);
    const get = await drive({}, new Request('http://app.test/k', { method: 'GET' }));
    expect(get.response.status).toBe(405);
    expectClean(get);
    const preflight = await drive(
      {},
      new Request('http://app.test/k', { method: 'OPTIONS', headers: { Origin: 'https://evil.test' } }),
    );
    expect(preflight.response.status).toBe(405);
    expectClean(preflight);
    const big = 'x'.repeat(100_000);
    const large = await drive(
      {},
      new Request('http://app.test/k', {
        method: 'POST',
        body: big,
        headers: { 'Content-Length': String(big.length) },
      }),
    );
    expect(large.response.status).toBe(413);
    expectClean(large);
    const missing = await drive({ apiKey: '' });
    expect(missing.response.status).toBe(500);
    expectClean(missing);
  });

  it('success answers the ephemeral key only, uncached, and no CORS', async () => {
    reply = json(200, SECRET);
    const ok = await drive(
      {},
      new Request('http://app.test/k', { method: 'POST', headers: { Origin: 'https://evil.test' } }),
    );
    expect(ok.response.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual(SECRET);
    expect(ok.response.headers.get('cache-control')).toBe('no-store');
    expectClean(ok);
  });
});
