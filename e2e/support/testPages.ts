// The browser-test pages (e2e/pages) served by Vite on 127.0.0.1 with the local emulator, for runners other than
// Playwright (the Firefox and WebKit tests, the soak).
import { fileURLToPath } from 'node:url';
import { createServer, type ViteDevServer } from 'vite';

export interface TestPages {
  origin: string;
  emulatorUrl: string;
  close(): Promise<void>;
}

/** Serves e2e/pages on 127.0.0.1 with the local emulator behind `/api/realtime-config`. */
export async function startTestPages(port: number): Promise<TestPages> {
  const server: ViteDevServer = await createServer({
    configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
    server: { port, strictPort: true, host: '127.0.0.1', hmr: false, watch: { ignored: ['**/*'] } },
    logLevel: 'error',
  });
  await server.listen();
  const origin = `http://127.0.0.1:${port}`;
  const config = (await (await fetch(`${origin}/api/realtime-config`)).json()) as { emulatorUrl: string | null };
  if (!config.emulatorUrl) {
    await server.close();
    throw new Error('The Firefox tests need the local emulator; unset OPENAI_API_KEY.');
  }
  return { origin, emulatorUrl: config.emulatorUrl, close: () => server.close() };
}
