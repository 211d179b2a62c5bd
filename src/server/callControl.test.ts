// Call control against a real HTTP server on 127.0.0.1 standing in for api.openai.com: each request is checked
// for method, path, headers and body exactly as the Calls API documents them.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, freePort, listenLocally } from '../../test/support/localServer.js';
import { acceptCall, hangupCall, referCall, rejectCall, type CallControlOptions } from './callControl.js';
import { CallControlError } from './CallControlError.js';

const API_KEY = 'sk-proj-CALLCTRL0123456789abcdefSECRET';
const CALL = 'rtc_479a275623b54bdb9b6fbae2f7cbd408';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}
let upstream: Server;
let base: string;
let seen: Seen[] = [];
let reply: (res: ServerResponse) => void = (res) => res.writeHead(200).end();

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
  base = `${await listenLocally(upstream)}/v1`;
});
afterAll(() => closeServer(upstream));
afterEach(() => {
  seen = [];
  reply = (res) => res.writeHead(200).end();
});

const options = (extra: Partial<CallControlOptions> = {}): CallControlOptions => ({
  apiKey: API_KEY,
  apiBaseUrl: base,
  ...extra,
});

async function rejection(promise: Promise<unknown>): Promise<CallControlError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a CallControlError');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CallControlError);
  expect(String((error as Error).message)).not.toContain('CALLCTRL');
  return error as CallControlError;
}

describe('call control requests', () => {
  it('acceptCall posts the session as JSON with type realtime', async () => {
    await acceptCall(CALL, { model: 'gpt-realtime', instructions: 'Answer the phone.' }, options());
    expect(seen).toHaveLength(1);
    const [request] = seen;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe(`/v1/realtime/calls/${CALL}/accept`);
    expect(request?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request?.body ?? '')).toEqual({
      type: 'realtime',
      model: 'gpt-realtime',
      instructions: 'Answer the phone.',
    });
  });

  it('rejectCall posts the status code, or an empty object for OpenAI’s default', async () => {
    await rejectCall(CALL, { status_code: 486 }, options());
    await rejectCall(CALL, undefined, options());
    expect(seen.map((s) => [s.method, s.url, s.headers['content-type'], s.body])).toEqual([
      ['POST', `/v1/realtime/calls/${CALL}/reject`, 'application/json', '{"status_code":486}'],
      ['POST', `/v1/realtime/calls/${CALL}/reject`, 'application/json', '{}'],
    ]);
  });

  it('referCall posts the target URI', async () => {
    await referCall(CALL, { target_uri: 'tel:+14155550123' }, options());
    await referCall(CALL, { target_uri: 'sip:agent@example.com' }, options());
    expect(seen.map((s) => [s.url, s.body])).toEqual([
      [`/v1/realtime/calls/${CALL}/refer`, '{"target_uri":"tel:+14155550123"}'],
      [`/v1/realtime/calls/${CALL}/refer`, '{"target_uri":"sip:agent@example.com"}'],
    ]);
  });

  it('hangupCall posts with no body', async () => {
    await hangupCall(CALL, options());
    expect(seen).toHaveLength(1);
    expect(seen[0]?.method).toBe('POST');
    expect(seen[0]?.url).toBe(`/v1/realtime/calls/${CALL}/hangup`);
    expect(seen[0]?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(seen[0]?.headers['content-type']).toBeUndefined();
    expect(seen[0]?.body).toBe('');
  });

  it('reads OPENAI_API_KEY per call and says to set it when missing', async () => {
    const before = process.env.OPENAI_API_KEY;
    try {
      delete process.env.OPENAI_API_KEY;
      const missing = await rejection(hangupCall(CALL, { apiBaseUrl: base }));
      expect(missing.code).toBe('missing_api_key');
      expect(missing.message).toContain('OPENAI_API_KEY');
      process.env.OPENAI_API_KEY = API_KEY;
      await hangupCall(CALL, { apiBaseUrl: base });
      expect(seen[0]?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    } finally {
      if (before === undefined) delete process.env.OPENAI_API_KEY;
      else process.env.OPENAI_API_KEY = before;
    }
  });
});

describe('call control errors', () => {
  it('refuses bad arguments before any request', async () => {
    for (const promise of [
      hangupCall('../../files', options()),
      hangupCall('', options()),
      acceptCall(CALL, null as never, options()),
      rejectCall(CALL, { status_code: 200 }, options()),
      rejectCall(CALL, { status_code: 486.5 }, options()),
      referCall(CALL, { target_uri: 'https://example.com' }, options()),
      referCall(CALL, {} as never, options()),
    ]) {
      expect((await rejection(promise)).code).toBe('invalid_request');
    }
    expect(seen).toHaveLength(0);
  });

  it.each([
    [401, 'upstream_auth_failed'],
    [403, 'upstream_auth_failed'],
    [404, 'call_not_found'],
    [400, 'upstream_rejected'],
    [409, 'upstream_rejected'],
    [429, 'upstream_rate_limited'],
    [500, 'upstream_error'],
    [503, 'upstream_error'],
  ])('maps %i to %s with OpenAI’s message and no key fragment', async (status, code) => {
    reply = (res) => {
      res.writeHead(status, { 'Content-Type': 'application/json', ...(status === 429 ? { 'Retry-After': '4' } : {}) });
      res.end(
        JSON.stringify({
          error: {
            message: `Status ${status} for key ${API_KEY} (sk-proj-CAL***CRET).`,
            type: 'invalid_request_error',
          },
        }),
      );
    };
    const error = await rejection(hangupCall(CALL, options()));
    expect(error.code).toBe(code);
    expect(error.upstreamStatus).toBe(status);
    expect(error.message).toContain(`Status ${status} for key`);
    expect(error.message).not.toMatch(/sk-/);
    if (status === 429) expect(error.retryAfter).toBe('4');
  });

  it('summarises a huge error body and stops reading it', async () => {
    reply = (res) => {
      res.writeHead(500, { 'Content-Type': 'text/html' });
      res.end('<html>'.padEnd(5 * 1024 * 1024, 'x'));
    };
    const error = await rejection(hangupCall(CALL, options()));
    expect(error.code).toBe('upstream_error');
    expect(error.message.length).toBeLessThan(600);
  });

  it('is unreachable without echoing credentials, and times out', async () => {
    const port = await freePort();
    const unreachable = await rejection(
      hangupCall(CALL, options({ apiBaseUrl: `http://user:hunter2@127.0.0.1:${port}/v1` })),
    );
    expect(unreachable.code).toBe('upstream_unreachable');
    expect(unreachable.message).not.toContain('hunter2');
    reply = (res) => setTimeout(() => res.writeHead(200).end(), 500);
    expect((await rejection(hangupCall(CALL, options({ timeoutMs: 50 })))).code).toBe('upstream_timeout');
  });

  it('passes the caller’s abort through as the abort reason', async () => {
    reply = (res) => setTimeout(() => res.writeHead(200).end(), 500);
    const controller = new AbortController();
    const pending = hangupCall(CALL, options({ signal: controller.signal }));
    setTimeout(() => controller.abort(new Error('user gave up')), 20);
    await expect(pending).rejects.toThrow('user gave up');
  });
});
