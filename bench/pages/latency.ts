// Connect latency and connect/disconnect leaks, measured in the page over real WebRTC to the emulator.
//
// Every contender does the same work: POST the key endpoint, getUserMedia, a peer connection with the
// `oai-events` data channel and one send track, offer, POST the offer, set the answer, and the first server
// event (`session.created`). Each run reports the time to `session.created` as seen on its data channel, and
// the time until the contender itself says it is connected (the bare script: the same moment; talkwire:
// connect() resolved; agents-realtime: connect() resolved, which waits for its own session.update to be
// acknowledged with session.updated).
//
// `delayMs` is added in front of the key request (a fetch wrapper that delays only the key endpoint) and in
// front of getUserMedia, the same way for all three, to show whether a contender overlaps them.
import { OpenAIRealtimeWebRTC } from '@openai/agents-realtime';
import { createRealtimeSession } from '../../src/entries/core';

const KEY_PATH = '/api/realtime-session';
/** A run that takes longer than this is abandoned (and cleaned up) instead of hanging the benchmark. */
const RUN_TIMEOUT_MS = 15_000;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
let apiBaseUrl = '';

// --- trace: what the page did last, read by the runner when a run fails or times out -----------------------
const trace: string[] = [];
let traceStart = 0;
function mark(label: string): void {
  trace.push(`${(performance.now() - traceStart).toFixed(1).padStart(8)} ms  ${label}`);
  if (trace.length > 200) trace.splice(0, trace.length - 200);
}

function withTimeout<T>(promise: Promise<T>, label: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label}: no result within ${RUN_TIMEOUT_MS} ms`)), RUN_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// --- the injected delays ------------------------------------------------------------------------------------
const nativeFetch = window.fetch.bind(window);
const nativeGetUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);

function isKeyRequest(input: RequestInfo | URL): boolean {
  const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  return new URL(href, location.href).pathname === KEY_PATH;
}

/** fetch that waits `delayMs` before requests to the key endpoint only. */
function delayedFetch(delayMs: number, who: string): typeof fetch {
  return async (input, init) => {
    const key = isKeyRequest(input);
    if (key && delayMs) await sleep(delayMs);
    mark(`${who}: ${key ? 'key request' : 'fetch'} sent`);
    const response = await nativeFetch(input, init);
    mark(`${who}: ${key ? 'key' : 'fetch'} answered ${response.status}`);
    return response;
  };
}

function delayedGetUserMedia(delayMs: number, who: string): (c: MediaStreamConstraints) => Promise<MediaStream> {
  return async (constraints) => {
    if (delayMs) await sleep(delayMs);
    const stream = await nativeGetUserMedia(constraints);
    mark(`${who}: mic open`);
    return stream;
  };
}

async function mintKey(doFetch: typeof fetch): Promise<string> {
  const res = await doFetch(KEY_PATH, { method: 'POST', headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`key endpoint answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { value: string }).value;
}

export interface Sample {
  /** ms from the start to `session.created` arriving on the data channel. */
  created: number;
  /** ms from the start to the contender's own "connected". */
  connected: number;
}

function isSessionCreated(data: unknown): boolean {
  return (
    typeof data === 'string' &&
    data.includes('"session.created"') &&
    (JSON.parse(data) as { type?: string }).type === 'session.created'
  );
}

/**
 * Watches every data channel a peer connection class creates for `session.created`, so all contenders are
 * timed at the same event by the same code; also traces the connection's progress.
 */
function watchedPeerConnection(who: string, onCreated: () => void): typeof RTCPeerConnection {
  return class extends RTCPeerConnection {
    constructor(config?: RTCConfiguration) {
      super(config);
      this.addEventListener('signalingstatechange', () => mark(`${who}: signaling ${this.signalingState}`));
      this.addEventListener('iceconnectionstatechange', () => mark(`${who}: ice ${this.iceConnectionState}`));
      this.addEventListener('connectionstatechange', () => mark(`${who}: peer ${this.connectionState}`));
    }
    override createDataChannel(label: string, init?: RTCDataChannelInit): RTCDataChannel {
      const channel = super.createDataChannel(label, init);
      channel.addEventListener('open', () => mark(`${who}: channel open`));
      channel.addEventListener('message', (e: MessageEvent) => {
        if (isSessionCreated(e.data)) onCreated();
      });
      return channel;
    }
  };
}

/** The floor: key and mic in parallel, offer, POST, answer, first data-channel event (`session.created`). */
async function bare(delayMs: number): Promise<Sample> {
  const t0 = performance.now();
  let created = NaN;
  const doFetch = delayedFetch(delayMs, 'bare');
  const PeerConnection = watchedPeerConnection('bare', () => {
    created = performance.now() - t0;
  });
  const pc = new PeerConnection();
  let stream: MediaStream | undefined;
  try {
    const channel = pc.createDataChannel('oai-events');
    const first = new Promise<unknown>((resolve) =>
      channel.addEventListener('message', (e) => resolve(e.data), { once: true }),
    );
    const keyAndMic = Promise.all([mintKey(doFetch), delayedGetUserMedia(delayMs, 'bare')({ audio: true })]);
    const [key, mic] = await keyAndMic;
    stream = mic;
    pc.addTrack(mic.getAudioTracks()[0]!, mic);
    pc.addTransceiver('audio', { direction: 'recvonly' });
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    const res = await doFetch(`${apiBaseUrl}/realtime/calls`, {
      method: 'POST',
      body: offer.sdp ?? '',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/sdp' },
    });
    if (!res.ok) throw new Error(`calls endpoint answered ${res.status}: ${await res.text()}`);
    await pc.setRemoteDescription({ type: 'answer', sdp: await res.text() });
    mark('bare: answer set');
    const data = await first;
    if (!isSessionCreated(data)) throw new Error(`first event was not session.created: ${String(data).slice(0, 80)}`);
    const ms = performance.now() - t0;
    mark('bare: session.created');
    return { created, connected: ms };
  } finally {
    for (const t of stream?.getTracks() ?? []) t.stop();
    pc.close();
  }
}

async function talkwire(delayMs: number): Promise<Sample> {
  const t0 = performance.now();
  let created = NaN;
  const session = createRealtimeSession({
    clientSecretUrl: KEY_PATH,
    apiBaseUrl,
    environment: {
      fetch: delayedFetch(delayMs, 'talkwire'),
      getUserMedia: delayedGetUserMedia(delayMs, 'talkwire'),
      RTCPeerConnection: watchedPeerConnection('talkwire', () => {
        created = performance.now() - t0;
        mark('talkwire: session.created');
      }),
    },
  });
  try {
    await session.connect();
    const connected = performance.now() - t0;
    mark('talkwire: connected');
    return { created, connected };
  } finally {
    await session.disconnect();
  }
}

/**
 * agents-realtime's own transport, as it is: it sends its session.update the moment the data channel opens and
 * its connect() resolves at the session.updated answering it. It takes no getUserMedia or RTCPeerConnection to
 * inject, so those two globals are swapped for the duration of the run (and put back after it).
 */
async function agents(delayMs: number): Promise<Sample> {
  const t0 = performance.now();
  let created = NaN;
  const doFetch = delayedFetch(delayMs, 'agents');
  const originalPeerConnection = window.RTCPeerConnection;
  window.RTCPeerConnection = watchedPeerConnection('agents', () => {
    created = performance.now() - t0;
    mark('agents: session.created');
  });
  navigator.mediaDevices.getUserMedia = delayedGetUserMedia(delayMs, 'agents');
  const transport = new OpenAIRealtimeWebRTC({ baseUrl: `${apiBaseUrl}/realtime/calls` });
  try {
    await transport.connect({ apiKey: () => mintKey(doFetch), model: 'gpt-realtime' });
    const connected = performance.now() - t0;
    mark('agents: connected');
    return { created, connected };
  } finally {
    window.RTCPeerConnection = originalPeerConnection;
    navigator.mediaDevices.getUserMedia = nativeGetUserMedia;
    transport.close();
  }
}

const contenders = { bare, agents, talkwire };
export type Contender = keyof typeof contenders;

async function run(who: Contender, delayMs: number): Promise<Sample> {
  traceStart = performance.now();
  mark(`${who}: start (delay ${delayMs} ms)`);
  try {
    return await withTimeout(contenders[who](delayMs), `${who} (delay ${delayMs} ms)`);
  } catch (error) {
    mark(`${who}: failed: ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  }
}

// --- leaks: everything the session opens is counted through its injectable environment -----------------------
const streams: MediaStream[] = [];
const peers: RTCPeerConnection[] = [];
const contexts: AudioContext[] = [];
class CountedPeerConnection extends RTCPeerConnection {
  constructor(config?: RTCConfiguration) {
    super(config);
    peers.push(this);
  }
}
class CountedAudioContext extends AudioContext {
  constructor(options?: AudioContextOptions) {
    super(options);
    contexts.push(this);
  }
}

async function cycles(
  n: number,
): Promise<{ cycles: number; liveTracks: number; openPeers: number; openContexts: number }> {
  for (let i = 0; i < n; i++) {
    traceStart = performance.now();
    mark(`cycle ${i + 1}/${n}`);
    const session = createRealtimeSession({
      clientSecretUrl: KEY_PATH,
      apiBaseUrl,
      environment: {
        RTCPeerConnection: CountedPeerConnection,
        AudioContext: CountedAudioContext,
        getUserMedia: async (c) => {
          const s = await nativeGetUserMedia(c);
          streams.push(s);
          return s;
        },
      },
    });
    try {
      await withTimeout(session.connect(), `cycle ${i + 1}: connect`);
      mark(`cycle ${i + 1}: connected`);
    } finally {
      await withTimeout(session.disconnect(), `cycle ${i + 1}: disconnect`);
      mark(`cycle ${i + 1}: disconnected`);
    }
  }
  const result = {
    cycles: n,
    liveTracks: streams.flatMap((s) => s.getTracks()).filter((t) => t.readyState !== 'ended').length,
    openPeers: peers.filter((p) => p.connectionState !== 'closed' || p.signalingState !== 'closed').length,
    openContexts: contexts.filter((c) => c.state !== 'closed').length,
  };
  // Drop the page's own references so the heap reading sees only what the library kept.
  streams.length = 0;
  peers.length = 0;
  contexts.length = 0;
  return result;
}

const bench = {
  async init() {
    apiBaseUrl = ((await (await nativeFetch('/api/realtime-config')).json()) as { apiBaseUrl: string }).apiBaseUrl;
    return apiBaseUrl;
  },
  run,
  cycles,
  /** The page's recent steps (and clears them). */
  trace() {
    return trace.splice(0, trace.length);
  },
};
(window as unknown as { bench: typeof bench }).bench = bench;

/** What the page puts on `window.bench`, for the runner's `page.evaluate()` calls. */
export type BenchApi = typeof bench;
