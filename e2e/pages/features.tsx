// Conversation features in a page for the browser tests: a real session (tools, push-to-talk, text, MCP
// approvals) rendered with talkwire's primitives. The agent's audio is measured by the page's own analyser, so
// an interrupt's effect is timed on what the user would hear, not on talkwire's own meter.
import { createRoot } from 'react-dom/client';
import {
  AgentStatus,
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
