import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startRealtimeEmulator } from '../entries/testing.js';
import type { RealtimeEmulator } from '../entries/testing.js';

let emulator: RealtimeEmulator;
let api: string;

const fixture = JSON.parse(
  readFileSync(new URL('../../../shared/fixtures/realtime/http/client_secrets.response.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

// An offer shaped like a browser's; the emulator checks its shape before negotiating.
const OFFER = [
  'v=0',
  'o=- 1 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111',
  'a=fingerprint:sha-256 00:11',
  '',
].join('\r\n');

async function mint(body: unknown = {}, key = 'sk-test'): Promise<Response> {
  return fetch(`${api}/realtime/client_secrets`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

function postOffer(key: string | null, contentType = 'application/sdp', body = OFFER): Promise<Response> {
  return fetch(`${api}/realtime/calls`, {
    method: 'POST',
    headers: { ...(key ? { Authorization: `Bearer ${key}` } : {}), 'Content-Type': contentType },
    body,
  });
}

beforeAll(async () => {
  emulator = await startRealtimeEmulator({ port: 0 });
  api = emulator.apiBaseUrl;
});
afterEach(() => emulator.clearFaults());
afterAll(() => emulator.close());

describe('emulator HTTP contract', () => {
  it('binds 127.0.0.1 and reports url and apiBaseUrl', () => {
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emulator.apiBaseUrl).toBe(`${emulator.url}/v1`);
  });

  it('refuses to bind a non-loopback host', async () => {
    await expect(startRealtimeEmulator({ host: '0.0.0.0' })).rejects.toThrow(/loopback/);
  });

  it('mints a client secret shaped like OpenAI, with the session config and expiry', async () => {
    const before = Math.floor(Date.now() / 1000);
    const res = await mint({
      expires_after: { anchor: 'created_at', seconds: 120 },
      session: { type: 'realtime', model: 'gpt-realtime', instructions: 'Hi.' },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { value: string; expires_at: number; session: Record<string, unknown> };
    expect(body.value).toMatch(/^ek_[0-9a-f]{32}$/);
    expect(body.expires_at - before).toBeGreaterThanOrEqual(119);
    expect(body.expires_at - before).toBeLessThanOrEqual(121);
    expect(Object.keys(body.session).sort()).toEqual(Object.keys(fixture.session as object).sort());
    expect(body.session.instructions).toBe('Hi.');
    expect(body.session.object).toBe('realtime.session');
  });

  it('401s without a key and for ek_ keys minting more keys', async () => {
    const none = await fetch(`${api}/realtime/client_secrets`, { method: 'POST', body: '{}' });
    expect(none.status).toBe(401);
    const err = ((await none.json()) as { error: Record<string, unknown> }).error;
    expect(Object.keys(err).sort()).toEqual(['code', 'message', 'param', 'type']);
    expect(err.type).toBe('invalid_request_error');
    expect((await mint({}, 'ek_abc')).status).toBe(401);
  });

  it('401s on /calls for missing, unknown and expired secrets, saying which', async () => {
    const missing = await postOffer(null);
    expect(missing.status).toBe(401);
    const unknown = await postOffer('ek_0000');
    expect(unknown.status).toBe(401);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toMatch(/unknown/);
    const { value } = (await (await mint({ expires_after: { anchor: 'created_at', seconds: 0.05 } })).json()) as {
      value: string;
    };
    await new Promise((r) => setTimeout(r, 80));
    const expired = await postOffer(value);
    expect(expired.status).toBe(401);
    const body = (await expired.json()) as { error: { message: string; type: string; code: string } };
    expect(body.error.message).toMatch(/expired/);
    expect(body.error).toMatchObject({ type: 'invalid_request_error', code: 'expired_api_key' });
  });

  it('400s for a wrong content type and for an offer that is not SDP', async () => {
    const { value } = (await (await mint()).json()) as { value: string };
    const wrongType = await postOffer(value, 'application/json', JSON.stringify({ sdp: OFFER }));
    expect(wrongType.status).toBe(400);
    expect(((await wrongType.json()) as { error: { message: string } }).error.message).toMatch(/application\/sdp/);
    const garbage = await postOffer(value, 'application/sdp', 'hello');
    expect(garbage.status).toBe(400);
  });

  it('answers CORS preflights for any requested headers and exposes Location', async () => {
    const pre = await fetch(`${api}/realtime/calls`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:6006',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization, content-type, openai-beta, x-stainless-os',
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('http://localhost:6006');
    expect(pre.headers.get('access-control-allow-headers')).toBe(
      'authorization, content-type, openai-beta, x-stainless-os',
    );
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
    const res = await postOffer(null);
    expect(res.headers.get('access-control-expose-headers')).toContain('Location');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('injects HTTP faults: errors with OpenAI-shaped bodies and delays, used up after `times`', async () => {
    emulator.inject({
      type: 'http_error',
      endpoint: 'client_secrets',
      status: 429,
      error: { message: 'Rate limit reached', code: 'rate_limit_exceeded' },
    });
    const limited = await mint();
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { error: Record<string, unknown> }).error).toMatchObject({
      message: 'Rate limit reached',
      code: 'rate_limit_exceeded',
    });
    expect((await mint()).status).toBe(200);

    await fetch(`${emulator.url}/__emulator/faults`, {
      method: 'POST',
      body: JSON.stringify({ fault: { type: 'http_delay', endpoint: 'client_secrets', ms: 150 } }),
    });
    const t0 = performance.now();
    expect((await mint()).status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
    const bad = await fetch(`${emulator.url}/__emulator/faults`, {
      method: 'POST',
      body: JSON.stringify({ type: 'nope' }),
    });
    expect(bad.status).toBe(400);
  });

  it('answers an ordinary request within a few milliseconds', async () => {
    await mint();
    const t0 = performance.now();
    await mint();
    expect(performance.now() - t0).toBeLessThan(50);
  });
});
