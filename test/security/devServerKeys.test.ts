// The dev server's key endpoint: emulator keys for anyone, as fast as tests need them; a real key only for this
// machine, so neither another device on the network nor a DNS-rebinding page can spend it.
import { request as httpRequest } from 'node:http';
import { createServer, type ViteDevServer } from 'vite';
import { afterEach, describe, expect, it } from 'vitest';
import { realtimeDevServer } from '../../src/testing/realtimeDevServer.js';

let server: ViteDevServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(apiKey: string): Promise<number> {
  server = await createServer({
    configFile: false,
    logLevel: 'silent',
    root: process.cwd(),
    plugins: [realtimeDevServer({ apiKey })],
    // Vite's own Host check is turned off (as a developer may) to reach the plugin's.
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false, watch: null, allowedHosts: true },
  });
  await server.listen();
  const address = server.httpServer?.address();
  return typeof address === 'object' && address ? address.port : 0;
}

function post(port: number, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path: '/api/realtime-session', method: 'POST', headers: { Host: host } },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('realtimeDevServer key endpoint', () => {
  it('mints emulator keys for any caller without a rate limit', async () => {
    const port = await start('');
    for (let i = 0; i < 15; i++) {
      const { status, body } = await post(port, `127.0.0.1:${port}`);
      expect(status).toBe(200);
      expect((JSON.parse(body) as { value: string }).value).toMatch(/^ek_/);
    }
  });

  it('refuses to mint with a real key for a Host that is not this machine (DNS rebinding)', async () => {
    const port = await start('sk-dev-server-test-key');
    for (const host of ['evil.example', `evil.example:${port}`, '192.168.1.20']) {
      const { status, body } = await post(port, host);
      expect(status).toBe(403);
      expect(body).toContain('only for this machine');
      expect(body).not.toContain('sk-dev');
    }
  });
});
