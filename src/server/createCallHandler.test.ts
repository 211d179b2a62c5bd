// The no-key call: a real WebRTC offer goes to createCallHandler, which creates the call on the emulator with
// the multipart form and the server key; the client gets an SDP answer and a call id, never a key.
import { createServer, type Server } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, listenLocally } from '../../test/support/localServer.js';
import { RtcClient } from '../../test/support/rtcClient.js';
import { startRealtimeEmulator, type RealtimeEmulator } from '../entries/testing.js';
import type { ClientSecretError } from './ClientSecretError.js';
import { hungUpByServer } from '../session/serverHangup.js';
import { attachToCall } from './attachToCall.js';
import { hangupCall } from './callControl.js';
import { createCallHandler, type CallHandlerOptions, type StartedCall } from './createCallHandler.js';
import { toNodeListener } from './toNodeListener.js';

const API_KEY = 'sk-proj-CALLHANDLER0123456789SECRET';
let emulator: RealtimeEmulator;
let app: Server;
let base: string;
let handler: (request: Request) => Promise<Response>;
const clients: RtcClient[] = [];

beforeAll(async () => {
  emulator = await startRealtimeEmulator();
  app = createServer(toNodeListener((request) => handler(request)));
  base = `${await listenLocally(app)}/api`;
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});
afterAll(async () => {
  await closeServer(app);
  await emulator.close();
});

const use = (options: Partial<CallHandlerOptions> = {}) => {
  handler = createCallHandler({ apiKey: API_KEY, apiBaseUrl: emulator.apiBaseUrl, authorize: 'public', ...options });
};

async function call(): Promise<{ client: RtcClient; res: Response }> {
  const client = new RtcClient();
  clients.push(client);
  // RtcClient posts to `${base}/realtime/calls`; the handler ignores its (empty) Authorization header.
  const res = await client.connect(base, '');
  return { client, res };
}

describe('createCallHandler', () => {
  it('creates the call with the server key and the handler session; answers 201, SDP and the call id', async () => {
    const started: StartedCall[] = [];
    use({ session: { instructions: 'Server-side instructions.' }, onCall: (c) => void started.push(c) });
    const { client, res } = await call();
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe('application/sdp');
    expect(client.callId).toMatch(/^rtc_[0-9a-f]+$/);
    expect(res.headers.get('location')).toBe(`/api/realtime/calls/${client.callId}`);
    const created = await client.waitFor('session.created');
    expect((created.session as { instructions: string }).instructions).toBe('Server-side instructions.');
    expect(started.map((s) => s.callId)).toEqual([client.callId]);
    expect(started[0]?.identity).toBe('anonymous:');
    const answer = await res.text();
    expect(answer).not.toMatch(/ek_|sk-/);
  });

  it('attach: every call gets a server-side session with the given tools', async () => {
    const attached: string[] = [];
    const { WebSocket } = await import('ws');
    use({
      attach: { WebSocket, livenessIntervalMs: false, instructions: 'From the sideband.' },
      onAttached: (session) => void attached.push(session.callId),
    });
    const { client } = await call();
    await client.waitFor('session.created');
    await expect.poll(() => attached).toEqual([client.callId]);
    expect(emulator.calls.get(client.callId)?.session.instructions).toBe('From the sideband.');
  });

  it('refuses without authorize, over the rate limit, non-SDP bodies and oversized offers', async () => {
    handler = createCallHandler({ apiKey: API_KEY, apiBaseUrl: emulator.apiBaseUrl });
    expect((await call()).res.status).toBe(500);
    use({ authorize: () => false });
    expect((await call()).res.status).toBe(403);
    use({ rateLimit: { max: 1, windowMs: 60_000 } });
    expect((await call()).res.status).toBe(201);
    const limited = (await call()).res;
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBeTruthy();
    use();
    const json = await fetch(`${base}/realtime/calls`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(json.status).toBe(415);
    const junk = await fetch(`${base}/realtime/calls`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/sdp' },
      body: 'hello',
    });
    expect(junk.status).toBe(400);
    use({ maxBodyBytes: 100 });
    const big = (await call()).res;
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: { code: string } }).error.code).toBe('body_too_large');
  });

  it("maps OpenAI's refusal to a typed error with the key redacted", async () => {
    const errors: ClientSecretError[] = [];
    use({ onError: (e) => void errors.push(e) });
    emulator.inject({
      type: 'http_error',
      endpoint: 'calls',
      status: 401,
      error: { message: `Incorrect API key provided: ${API_KEY}.` },
    });
    const { res } = await call();
    expect(res.status).toBe(502);
    const body = await res.text();
    expect(body).toContain('upstream_auth_failed');
    expect(body).not.toContain('CALLHANDLER');
    expect(errors[0]?.code).toBe('upstream_auth_failed');
    expect(errors[0]?.message).not.toContain('CALLHANDLER');
  });

  it('GET ?call_id= says whether this server hung the call up: the page ends with call_ended, a drop reconnects', async () => {
    use();
    const { client } = await call();
    await client.waitFor('session.created');
    const callId = client.callId;
    const ask = (id: string) => hungUpByServer(`${base}/realtime/calls`, id, fetch);
    const status = await fetch(`${base}/realtime/calls?call_id=${callId}`);
    expect(status.headers.get('cache-control')).toBe('no-store');
    expect(await status.json()).toEqual({ call_id: callId, hung_up: false });
    expect(await ask(callId)).toBe(false);
    // A sideband the emulator leaves open (as OpenAI may) still ends at once: hangupCall ends this process's.
    const { WebSocket } = await import('ws');
    const sideband = await attachToCall(callId, {
      apiKey: API_KEY,
      apiBaseUrl: emulator.apiBaseUrl,
      WebSocket,
      livenessIntervalMs: false,
    });
    await hangupCall(callId, { apiKey: API_KEY, apiBaseUrl: emulator.apiBaseUrl });
    expect(await ask(callId)).toBe(true);
    expect((await sideband.ended).code).toBe('call_ended');
    expect(await ask('rtc_neverhungup')).toBe(false);
    expect((await fetch(`${base}/realtime/calls?call_id=../x`)).status).toBe(400);
    use({ authorize: () => false });
    expect((await fetch(`${base}/realtime/calls?call_id=${callId}`)).status).toBe(403);
    expect(await ask(callId)).toBe(false);
  });

  it('a page that cannot reach its server in time treats the loss as a drop', async () => {
    const silent = createServer(() => undefined);
    const origin = await listenLocally(silent);
    try {
      const started = performance.now();
      expect(await hungUpByServer(`${origin}/api/realtime-call`, 'rtc_abc', fetch, 200)).toBe(false);
      expect(performance.now() - started).toBeLessThan(1_500);
      expect(await hungUpByServer('/relative', 'rtc_abc', null)).toBe(false);
    } finally {
      silent.closeAllConnections();
      await closeServer(silent);
    }
  });
});
