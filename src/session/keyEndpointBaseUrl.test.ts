// The page finds the local emulator by itself: realtimeDevServer()'s key endpoint answers `api_base_url` beside
// the key, and the session's key fetch takes it only when it is safe to send a key there.
import { createServer as createHttpServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type ViteDevServer } from 'vite';
import { RealtimeError } from '../core/errors';
import { checkApiBaseUrl } from './checkApiBaseUrl';
import { fetchClientSecret } from './fetchClientSecret';
import { realtimeDevServer } from '../testing/realtimeDevServer';
import { closeServer, listenLocally } from '../../test/support/localServer';

describe('checkApiBaseUrl', () => {
  it.each([
    'https://realtime.example.com/v1',
    'http://127.0.0.1:4100/v1',
    'http://localhost:4100/v1',
    'http://[::1]:4100/v1',
  ])('takes %s', (url) => expect(checkApiBaseUrl(url, '/k')).toBe(url));

  it.each([
    ['plain http to another machine', 'http://192.168.1.20:4100/v1'],
    ['credentials in the URL', 'https://user:pass@example.com/v1'],
    ['another scheme', 'javascript:alert(1)'],
    ['not a URL', 'emulator'],
    ['not a string', 42],
  ])('refuses %s with a typed error that names the fix', (_, url) => {
    let caught: unknown;
    try {
      checkApiBaseUrl(url, '/api/realtime-session');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RealtimeError);
    expect(caught).toMatchObject({ code: 'client_secret_failed' });
    expect((caught as Error).message).toContain('/api/realtime-session');
    expect((caught as Error).message).toContain('set apiBaseUrl');
    expect((caught as Error).message).not.toContain('pass');
  });
});

it('a key endpoint that says nothing (OpenAI, talkwire/server in production) leaves apiBaseUrl to the app', async () => {
  const server = createHttpServer((_req, res) => {
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ value: 'ek_1', expires_at: 1 }));
  });
  const origin = await listenLocally(server);
  try {
    const found: { apiBaseUrl?: string } = {};
    expect(await fetchClientSecret(`${origin}/k`, fetch, new AbortController().signal, found)).toBe('ek_1');
    expect(found).toEqual({});
  } finally {
    await closeServer(server);
  }
});

describe('realtimeDevServer() key endpoint', () => {
  let server: ViteDevServer;
  let origin = '';
  let emulatorApi = '';

  beforeAll(async () => {
    server = await createServer({
      configFile: false,
      root: new URL('.', import.meta.url).pathname,
      logLevel: 'silent',
      server: { host: '127.0.0.1', port: 0, strictPort: false, ws: false },
      optimizeDeps: { noDiscovery: true, include: [] },
      // An empty key means the emulator, whatever this machine's environment holds.
      plugins: [realtimeDevServer({ apiKey: '' })],
    });
    await server.listen();
    const address = server.httpServer!.address();
    origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    emulatorApi = ((await (await fetch(`${origin}/api/realtime-config`)).json()) as { apiBaseUrl: string }).apiBaseUrl;
  }, 30_000);

  afterAll(async () => {
    await server?.close();
  });

  it("answers the emulator's address beside the key, and the session's key fetch reads it", async () => {
    expect(emulatorApi).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const found: { apiBaseUrl?: string } = {};
    expect(
      await fetchClientSecret(`${origin}/api/realtime-session`, fetch, new AbortController().signal, found),
    ).toMatch(/^ek_/);
    expect(found.apiBaseUrl).toBe(emulatorApi);
  });
});
