// Conversation features in a page for the browser tests: a real session (tools, push-to-talk, text, MCP
// approvals) rendered with talkwire's primitives. The agent's audio is measured by the page's own analyser, so
// an interrupt's effect is timed on what the user would hear, not on talkwire's own meter.
import { createRoot } from 'react-dom/client';
import {
  AgentStatus,
  captureFrame,
  createRealtimeSession,
  McpApprovalPrompt,
  PushToTalkButton,
  RealtimeSessionProvider,
  selectTranscript,
  TextInput,
  ToolCallList,
  Transcript,
  type FunctionTool,
  type RealtimeSession,
  type RealtimeSessionOptions,
  type TurnDetectionMode,
} from '../../src/entries/index';
import { measurePlayback } from './measurePlayback';

type ToolKit = 'none' | 'weather' | 'faulty';

const toolKits: Record<ToolKit, FunctionTool[]> = {
  none: [],
  weather: [
    {
      name: 'get_weather',
      description: 'Current weather for a city.',
      parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      handler: async ({ city }: { city: string }) => ({ city, sky: 'sunny', celsius: 22 }),
    },
  ],
  faulty: [
    {
      name: 'explode',
      handler: () => {
        throw new Error('database is down');
      },
    },
    { name: 'book', handler: () => 'booked' },
  ],
};

interface Sample {
  t: number;
  rms: number;
}

const observed = {
  errors: [] as { code: string; message: string; serverCode?: string | undefined }[],
  toolErrors: [] as { name: string; status: string; message: string }[],
  serverEvents: [] as string[],
  clientEvents: [] as string[],
  agentStates: [] as string[],
  unhandledRejections: [] as string[],
};

let session: RealtimeSession | null = null;
const toolArgs: unknown[] = [];
let latestRms = 0;
let samples: Sample[] | null = null;
let stopMeter: (() => void) | null = null;
let played: HTMLAudioElement | null = null;
const root = createRoot(document.getElementById('root')!);

/** RMS of the played agent audio every few ms, on a short analyser window (256 samples, about 5 ms). */
function meter(element: HTMLAudioElement): () => void {
  return measurePlayback(element, 256, 2, (rms) => {
    latestRms = rms;
    samples?.push({ t: performance.now(), rms });
  });
}

function App({ s }: { s: RealtimeSession }) {
  return (
    <RealtimeSessionProvider realtimeSession={s}>
      <AgentStatus />
      <Transcript />
      <ToolCallList />
      <McpApprovalPrompt />
      <TextInput />
      <PushToTalkButton />
    </RealtimeSessionProvider>
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const features = {
  async create(kit: ToolKit = 'none', options: Partial<RealtimeSessionOptions> = {}) {
    const { apiBaseUrl } = (await (await fetch('/api/realtime-config')).json()) as { apiBaseUrl: string };
    session = createRealtimeSession({
      clientSecretUrl: '/api/realtime-session',
      apiBaseUrl,
      tools: toolKits[kit],
      toolTimeoutMs: 2_000,
      ...options,
      environment: {
        createAudioElement: () => {
          const el = new Audio();
          el.autoplay = true;
          played = el;
          stopMeter?.();
          stopMeter = meter(el);
          return el;
        },
      },
    });
    const s = session;
    s.on('error', (e) => observed.errors.push({ code: e.code, message: e.message, serverCode: e.serverCode }));
    s.on('tool_error', ({ error, call }) =>
      observed.toolErrors.push({ name: call.name, status: call.status, message: error.message }),
    );
    s.on('server_event', (e) => observed.serverEvents.push(e.type));
    s.on('client_event', (e) => observed.clientEvents.push(e.type));
    s.store.subscribe((state, prev) => {
      if (state.agentState !== prev.agentState) observed.agentStates.push(state.agentState);
    });
    root.render(<App s={s} />);
    return true;
  },
  async connect(): Promise<string | null> {
    try {
      await session!.connect();
      return null;
    } catch (error) {
      return (error as { code?: string }).code ?? String(error);
    }
  },
  async disconnect() {
    await session!.disconnect();
    stopMeter?.();
    stopMeter = null;
  },
  observed: () => observed,
  state() {
    const state = session!.store.getState();
    return {
      status: state.status,
      agentState: state.agentState,
      lastError: state.lastError,
      callId: state.callId,
      usage: state.usage,
      rateLimits: state.rateLimits,
      session: state.session,
    };
  },
  transcript: () => selectTranscript(session!.store.getState()),
  toolCalls: () => session!.getToolCalls(),
  sendText: (text: string) => session!.sendText(text),
  setMuted: (muted: boolean) => session!.setMuted(muted),
  setTurnDetection: (mode: TurnDetectionMode) => session!.setTurnDetection(mode),
  updateSession: (patch: Parameters<RealtimeSession['updateSession']>[0]) => session!.updateSession(patch),
  ask: (options: Parameters<RealtimeSession['ask']>[0]) => session!.ask(options),
  /** Adds a tool mid-call whose handler records its arguments in `toolArgs`. */
  addTool(name: string) {
    session!.addTool(
      { name, description: `The ${name} tool.`, parameters: { type: 'object', properties: {} } },
      (args: unknown) => {
        toolArgs.push(args);
        return { ok: true, from: name };
      },
    );
  },
  toolArgs: () => toolArgs,
  /**
   * "Look at this": a frame of a live canvas stream (as a camera or a shared screen would give), sent with
   * sendMessage. Resolves with the item id, or the error's code.
   */
  async sendFrame(width: number, height: number, alt: string): Promise<{ id?: string; code?: string }> {
    const canvas = Object.assign(document.createElement('canvas'), { width, height });
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#1d4ed8';
    context.fillRect(0, 0, width, height);
    context.fillStyle = '#facc15';
    context.beginPath();
    context.arc(width / 2, height / 2, height / 3, 0, Math.PI * 2);
    context.fill();
    const stream = canvas.captureStream(10);
    try {
      return { id: await session!.sendMessage([{ type: 'input_image', image: await captureFrame(stream), alt }]) };
    } catch (error) {
      return { code: (error as { code?: string }).code ?? String(error) };
    } finally {
      for (const track of stream.getTracks()) track.stop();
    }
  },
  /**
   * Each kind of image source through sendMessage (no response asked): the item id or the error's code per kind.
   * `url` is an http(s) URL the test serves.
   */
  async sendEachSource(url: string): Promise<Record<string, { id?: string; code?: string }>> {
    const canvas = Object.assign(document.createElement('canvas'), { width: 300, height: 200 });
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#16a34a';
    context.fillRect(0, 0, 300, 200);
    const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
    const offscreen = new OffscreenCanvas(120, 90);
    offscreen.getContext('2d')!.fillRect(0, 0, 120, 90);
    const img = new Image();
    img.src = canvas.toDataURL('image/png');
    await img.decode();
    const noise = Object.assign(document.createElement('canvas'), { width: 2000, height: 2000 });
    const pixels = noise.getContext('2d')!.createImageData(2000, 2000);
    for (let i = 0; i < pixels.data.length; i++) pixels.data[i] = (i * 7919) % 251;
    noise.getContext('2d')!.putImageData(pixels, 0, 0);
    const sources: Record<string, [unknown, { maxBytes?: number }]> = {
      file: [new File([blob], 'green.png', { type: 'image/png' }), {}],
      canvas: [canvas, {}],
      bitmap: [await createImageBitmap(canvas), {}],
      offscreen: [offscreen, {}],
      img: [img, {}],
      dataUrl: [canvas.toDataURL('image/png'), {}],
      blobUrl: [URL.createObjectURL(blob), {}],
      http: [url, {}],
      notAnImage: [location.href, {}],
      tooLarge: [noise, { maxBytes: 4_000 }],
    };
    const results: Record<string, { id?: string; code?: string }> = {};
    for (const [kind, [image, options]] of Object.entries(sources)) {
      try {
        const id = await session!.sendMessage([{ type: 'input_image', image: image as Blob, alt: kind }], {
          ...options,
          respond: false,
        });
        results[kind] = { id };
      } catch (error) {
        results[kind] = { code: (error as { code?: string }).code ?? String(error) };
      }
    }
    return results;
  },
  /** Sends `image` (a URL string) as is: a broken one must fail cleanly. */
  async sendImageUrl(url: string): Promise<{ id?: string; code?: string }> {
    try {
      return { id: await session!.sendMessage([{ type: 'input_image', image: url }]) };
    } catch (error) {
      return { code: (error as { code?: string }).code ?? String(error) };
    }
  },
  outputRms: () => latestRms,
  /** `enabled` of each played remote track (false while talkwire silences a cut-off answer). */
  remoteTracksEnabled: () => ((played?.srcObject as MediaStream | null)?.getAudioTracks() ?? []).map((t) => t.enabled),
  /**
   * Waits until the agent is audible, calls interrupt(), and records the played audio for `windowMs`. The
   * latency is the time of the last loud sample after interrupt() (the audio is silent from then on).
   */
  async interruptAndMeasure(
    threshold = 0.01,
    windowMs = 1_500,
  ): Promise<{ latencyMs: number; loudBefore: number; loudAfterWindow: number }> {
    const deadline = performance.now() + 20_000;
    let loud = 0;
    while (performance.now() < deadline) {
      loud = latestRms > threshold ? loud + 1 : 0;
      if (loud >= 5) break;
      await sleep(5);
    }
    if (loud < 5) throw new Error('the agent never became audible');
    const loudBefore = latestRms;
    samples = [];
    const t0 = performance.now();
    session!.interrupt();
    await sleep(windowMs);
    const recorded = samples;
    samples = null;
    let lastLoud = t0;
    for (const sample of recorded) if (sample.rms >= threshold) lastLoud = sample.t;
    const tail = recorded.filter((sample) => sample.t > t0 + windowMs - 300);
    return { latencyMs: lastLoud - t0, loudBefore, loudAfterWindow: Math.max(0, ...tail.map((x) => x.rms)) };
  },
};

declare global {
  interface Window {
    features: typeof features;
  }
}
window.features = features;
window.addEventListener('unhandledrejection', (event) => {
  observed.unhandledRejections.push(String((event.reason as Error)?.message ?? event.reason));
});
document.body.dataset.ready = 'true';
