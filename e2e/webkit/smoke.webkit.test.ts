// WebKit smoke test: the launcher works, the library loads and refuses a WebRTC call cleanly, and MiniBrowser has what the WebSocket
// transport and the audio paths need (mock getUserMedia, an AudioContext that runs once capture has started,
// an AudioWorklet that meters the mic, WebSocket), and still lacks RTCPeerConnection (compiled out of Debian's
// WebKitGTK), so WebRTC stays a Chromium and Firefox test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { startTestPages, type TestPages } from '../support/testPages';
import { launchWebKit, type WebKitBrowser } from './launchWebKit';

const port = Number(process.env.TALKWIRE_E2E_PORT ?? 5174);
let pages: TestPages;
let webkit: WebKitBrowser;

beforeAll(async () => {
  pages = await startTestPages(port);
  webkit = await launchWebKit();
  await webkit.driver.get(`${pages.origin}/webkit.html`);
  await webkit.driver.wait(
    async () => (await webkit.driver.executeScript('return document.body.dataset.ready')) === 'true',
    30_000,
  );
});

afterAll(async () => {
  await webkit?.close();
  await pages?.close();
});

describe('WebKit (MiniBrowser)', () => {
  it('loads the library page; has WebSocket and AudioWorklet, and no RTCPeerConnection', async () => {
    const found = await webkit.driver.executeScript<Record<string, string | boolean>>(() => ({
      userAgent: navigator.userAgent,
      webSocket: typeof WebSocket,
      peerConnection: typeof (window as { RTCPeerConnection?: unknown }).RTCPeerConnection,
      audioWorklet: typeof AudioWorkletNode === 'function' && 'audioWorklet' in AudioContext.prototype,
      getUserMedia: typeof navigator.mediaDevices?.getUserMedia,
      secure: window.isSecureContext,
    }));
    console.log(`WebKit: ${String(found.userAgent)}`);
    expect(found).toMatchObject({
      webSocket: 'function',
      peerConnection: 'undefined',
      audioWorklet: true,
      getUserMedia: 'function',
      secure: true,
    });
  });

  it('a WebRTC connect() is refused with unsupported_environment, saying which browsers can call', async () => {
    const result = await webkit.driver.executeAsyncScript<{ code: string | null; message: string; status: string }>(
      function (this: unknown, ...args: unknown[]) {
        const done = args[args.length - 1] as (value: unknown) => void;
        void window.webkitPage.connectWebRtc().then(done);
      },
    );
    expect(result.code).toBe('unsupported_environment');
    expect(result.message).toMatch(/no RTCPeerConnection.*Chrome, Edge, Firefox or Safari/);
    expect(result.status).toBe('failed');
  });

  it('mock getUserMedia gives a live track; the AudioContext runs once capture has started; a worklet meters the mic', async () => {
    const result = await webkit.driver.executeAsyncScript<Record<string, unknown>>(function (
      this: unknown,
      ...args: unknown[]
    ) {
      const done = args[args.length - 1] as (value: unknown) => void;
      void (async () => {
        try {
          const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
          const track = stream.getAudioTracks()[0]!;
          const context = new AudioContext();
          const resumed = await Promise.race([
            context.resume().then(() => 'resolved'),
            new Promise((r) => setTimeout(() => r('pending'), 3_000)),
          ]);
          const source = `registerProcessor('rms', class extends AudioWorkletProcessor {
            process(inputs) { const c = inputs[0] && inputs[0][0]; if (c) { let s = 0; for (let i = 0; i < c.length; i++) s += c[i] * c[i]; this.port.postMessage(Math.sqrt(s / c.length)); } return true; }
          });`;
          await context.audioWorklet.addModule(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
          const node = new AudioWorkletNode(context, 'rms');
          let maxRms = 0;
          let messages = 0;
          node.port.onmessage = (event: MessageEvent<number>) => {
            messages++;
            maxRms = Math.max(maxRms, event.data);
          };
          context.createMediaStreamSource(stream).connect(node);
          node.connect(context.destination);
          await new Promise((r) => setTimeout(r, 1_000));
          track.stop();
          await context.close();
          done({ label: track.label, readyState: 'live', resumed, state: context.state, messages, maxRms });
        } catch (error) {
          done({ error: String(error) });
        }
      })();
    });
    console.log(`WebKit audio: ${JSON.stringify(result)}`);
    expect(result.error).toBeUndefined();
    expect(result.resumed).toBe('resolved');
    expect(result.messages as number).toBeGreaterThan(10);
  });

  it('a WebSocket to 127.0.0.1 opens and echoes', async () => {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    server.on('connection', (socket) => socket.on('message', (data) => socket.send((data as Buffer).toString())));
    const address = server.address() as { port: number };
    try {
      const echoed = await webkit.driver.executeAsyncScript<string>(function (
        this: unknown,
        wsPort: number,
        ...args: unknown[]
      ) {
        const done = args[args.length - 1] as (value: unknown) => void;
        const socket = new WebSocket(`ws://127.0.0.1:${wsPort}`);
        socket.onopen = () => socket.send('{"type":"session.update"}');
        socket.onmessage = (event) => {
          done(String(event.data));
          socket.close();
        };
        socket.onerror = () => done('error');
      }, address.port);
      expect(echoed).toBe('{"type":"session.update"}');
    } finally {
      for (const client of server.clients) client.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
