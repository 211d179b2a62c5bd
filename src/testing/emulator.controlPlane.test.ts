// The emulator's control plane (/__emulator/*) and request bounds: each case here was reproduced against the
// emulator before it was hardened (any Origin reflected, any Host, 500 on null bodies, a 1e12 ms delay accepted,
// a connection reset instead of 413, secrets and half-open offers kept without limit).
import { request } from 'node:http';
import { RTCPeerConnection } from 'werift';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startRealtimeEmulator } from '../entries/testing.js';
import type { RealtimeEmulator } from '../entries/testing.js';
import { mintKey } from '../../test/support/rtcClient.js';

let emulator: RealtimeEmulator;

beforeAll(async () => {
  emulator = await startRealtimeEmulator({ maxPendingCalls: 3 });
});
afterEach(() => emulator.clearFaults());
afterAll(() => emulator.close());

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request (fetch cannot set Host), optionally with a chunked body written piece by piece. */
function raw(
  path: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    chunks?: { size: number; count: number };
  } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${emulator.url}${path}`,
      { method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    if (options.chunks) {
      const chunk = Buffer.alloc(options.chunks.size, 0x61);
      let written = 0;
      const writeMore = () => {
        while (written < options.chunks!.count) {
          written++;
          if (!req.write(chunk)) return void req.once('drain', writeMore);
        }
        req.end();
      };
      writeMore();
      return;
    }
    req.end(options.body);
  });
}

const controlHeaders = (extra: Record<string, string> = {}) => ({ 'Content-Type': 'application/json', ...extra });

describe('control plane: who may drive it', () => {
  it('answers loopback Host names, and 403s any other Host (DNS rebinding)', async () => {
    for (const host of ['127.0.0.1', 'localhost', '[::1]']) {
      const ok = await raw('/__emulator/calls', { headers: { Host: `${host}:${emulator.port}` } });
      expect(ok.status, host).toBe(200);
    }
    const rebound = await raw('/__emulator/calls', { headers: { Host: `attacker.example:${emulator.port}` } });
    expect(rebound.status).toBe(403);
    expect((JSON.parse(rebound.body) as { error: { message: string } }).error.message).toMatch(
      /Host 'attacker\.example/,
    );
    const reset = await raw('/__emulator/reset', { method: 'POST', headers: { Host: 'attacker.example' } });
    expect(reset.status).toBe(403);
  });

  it('answers no Origin and pages on this machine; 403s other sites, without reflecting their Origin', async () => {
    expect((await raw('/__emulator/faults')).status).toBe(200);
    const local = await raw('/__emulator/faults', { headers: { Origin: 'http://localhost:5173' } });
    expect(local.status).toBe(200);
    expect(local.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    for (const origin of ['https://attacker.example', 'null', 'http://127.0.0.1.attacker.example']) {
      const refused = await raw('/__emulator/faults', {
        method: 'POST',
        headers: controlHeaders({ Origin: origin }),
        body: JSON.stringify({ type: 'http_error', endpoint: 'calls', status: 500 }),
      });
      expect(refused.status, origin).toBe(403);
      expect(refused.headers['access-control-allow-origin'], origin).toBeUndefined();
    }
    const preflight = await raw('/__emulator/reset', {
      method: 'OPTIONS',
      headers: { Origin: 'https://attacker.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(403);
    expect(emulator.faults()).toEqual([]);
  });

  it("OpenAI's routes still answer any site, as api.openai.com does", async () => {
    const res = await raw('/v1/realtime/client_secrets', {
      method: 'POST',
      headers: controlHeaders({ Origin: 'https://app.example', Authorization: 'Bearer sk-test' }),
      body: '{}',
    });
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('https://app.example');
  });

  it('with a control token, only requests carrying it are answered', async () => {
    const guarded = await startRealtimeEmulator({ controlToken: 'tok-123' });
    try {
      expect((await fetch(`${guarded.url}/__emulator/calls`)).status).toBe(403);
      expect(
        (await fetch(`${guarded.url}/__emulator/calls`, { headers: { Authorization: 'Bearer tok-999' } })).status,
      ).toBe(403);
      expect(
        (await fetch(`${guarded.url}/__emulator/calls`, { headers: { Authorization: 'Bearer tok-123' } })).status,
      ).toBe(200);
      expect(
        (await fetch(`${guarded.url}/__emulator/calls`, { headers: { 'x-talkwire-emulator-token': 'tok-123' } }))
          .status,
      ).toBe(200);
      // OpenAI's routes take OpenAI keys, not the control token.
      expect((await mint(guarded.apiBaseUrl)).status).toBe(200);
    } finally {
      await guarded.close();
    }
  });
});

function mint(apiBaseUrl: string, body: unknown = {}): Promise<Response> {
  return fetch(`${apiBaseUrl}/realtime/client_secrets`, {
    method: 'POST',
    headers: { Authorization: 'Bearer sk-test', 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('control plane: inputs', () => {
  const post = (path: string, body: string) =>
    fetch(`${emulator.url}/__emulator${path}`, { method: 'POST', headers: controlHeaders(), body });

  it('400s null and non-object bodies with a message, never 500', async () => {
    for (const path of ['/faults', '/scenario', '/calls/rtc_nope/send']) {
      for (const body of ['null', '42', '"text"', '[1]']) {
        if (path.endsWith('/send') && body === '[1]') continue;
        const res = await post(path, body);
        expect(res.status, `${path} ${body}`).toBe(400);
        expect(((await res.json()) as { error: { message: string } }).error.message.length).toBeGreaterThan(10);
      }
    }
  });

  it('400s absurd fault values: a 1e12 ms delay, a negative pause, a malformed trigger, a non-string callId', async () => {
    const cases = [
      { type: 'http_delay', endpoint: 'calls', ms: 1e12 },
      { type: 'ice_pause', ms: -1 },
      { type: 'session_limit', ms: 1e15 },
      { type: 'server_error', when: { afterEvents: 'soon' } },
      { type: 'server_error', when: 'tomorrow' },
      { type: 'server_error', times: 0 },
    ];
    for (const fault of cases) {
      const res = await post('/faults', JSON.stringify(fault));
      expect(res.status, JSON.stringify(fault)).toBe(400);
    }
    expect((await post('/faults', JSON.stringify({ fault: { type: 'server_error' }, callId: 7 }))).status).toBe(400);
    expect((await post('/faults', JSON.stringify({ type: 'http_delay', endpoint: 'calls', ms: 100_000 }))).status).toBe(
      200,
    );
    expect(emulator.faults()).toHaveLength(1);
  });
});

describe('request bounds', () => {
  it('413 for a body over 1 MiB with a Content-Length, answered before the connection closes', async () => {
    const res = await raw('/v1/realtime/client_secrets', {
      method: 'POST',
      headers: controlHeaders({ Authorization: 'Bearer sk-test' }),
      body: 'x'.repeat(2 * 1024 * 1024),
    });
    expect(res.status).toBe(413);
    expect(res.headers.connection).toBe('close');
    expect((JSON.parse(res.body) as { error: { code: string } }).error.code).toBe('request_too_large');
  });

  it('413 for a chunked body over 1 MiB, on OpenAI and control routes alike', async () => {
    for (const path of ['/v1/realtime/client_secrets', '/__emulator/scenario']) {
      const res = await raw(path, {
        method: 'POST',
        headers: controlHeaders({ Authorization: 'Bearer sk-test' }),
        chunks: { size: 64 * 1024, count: 24 },
      });
      expect(res.status, path).toBe(413);
    }
  });
});

describe('what the emulator holds', () => {
  it('purges expired client secrets', async () => {
    const before = emulator.stats().secrets;
    await Promise.all(Array.from({ length: 20 }, () => mintKey(emulator.apiBaseUrl, {}, 0.05)));
    expect(emulator.stats().secrets).toBe(before + 20);
    await new Promise((r) => setTimeout(r, 2_200));
    expect(emulator.stats().secrets).toBe(before);
    const overHttp = (await (await fetch(`${emulator.url}/__emulator/stats`)).json()) as { secrets: number };
    expect(overHttp.secrets).toBe(before);
  });

  it('caps half-open offers: past maxPendingCalls an offer gets 429 until one connects or goes', async () => {
    const peers = Array.from(
      { length: 4 },
      () => new RTCPeerConnection({ iceServers: [], iceUseIpv6: false, iceAdditionalHostAddresses: ['127.0.0.1'] }),
    );
    try {
      const statuses: number[] = [];
      for (const pc of peers) {
        pc.createDataChannel('oai-events');
        pc.addTransceiver('audio', { direction: 'sendrecv' });
        await pc.setLocalDescription(await pc.createOffer());
        // The answer is never applied: the call stays half-open.
        const res = await fetch(`${emulator.apiBaseUrl}/realtime/calls`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${await mintKey(emulator.apiBaseUrl)}`, 'Content-Type': 'application/sdp' },
          body: pc.localDescription!.sdp,
        });
        statuses.push(res.status);
        if (res.status === 429)
          expect(((await res.json()) as { error: { code: string } }).error.code).toBe('too_many_pending_calls');
      }
      expect(statuses).toEqual([201, 201, 201, 429]);
      expect(emulator.stats().calls.connecting).toBe(3);
      for (const call of emulator.calls.list()) emulator.calls.hangup(call.id);
      expect(emulator.stats().calls.connecting).toBe(0);
    } finally {
      await Promise.all(peers.map((pc) => pc.close()));
    }
  });
});
