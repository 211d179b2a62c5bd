// Connect latency and connect/disconnect leaks, measured in the page. Three ways to reach the first server
// event over real WebRTC to the emulator: a bare script (the floor), agents-realtime's WebRTC transport and
// talkwire. `delayMs` is added to the key fetch and to getUserMedia, to show whether they overlap.
import { OpenAIRealtimeWebRTC } from '@openai/agents-realtime';
import { createRealtimeSession } from '../../src/core';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let apiBaseUrl = '';

async function mintKey(delayMs: number): Promise<string> {
  if (delayMs) await sleep(delayMs);
  const res = await fetch('/api/realtime-session', { method: 'POST', headers: { Accept: 'application/json' } });
  return ((await res.json()) as { value: string }).value;
}

async function mic(delayMs: number, constraints: MediaStreamConstraints = { audio: true }): Promise<MediaStream> {
  if (delayMs) await sleep(delayMs);
  return navigator.mediaDevices.getUserMedia(constraints);
}

/** The floor: key and mic in parallel, offer, POST, answer, first data-channel event. */
async function bare(delayMs: number): Promise<number> {
  const t0 = performance.now();
  const pc = new RTCPeerConnection();
  const channel = pc.createDataChannel('oai-events');
  const first = new Promise((resolve) => channel.addEventListener('message', resolve, { once: true }));
  const [key, stream] = await Promise.all([mintKey(delayMs), mic(delayMs)]);
  pc.addTrack(stream.getAudioTracks()[0]!, stream);
  pc.addTransceiver('audio', { direction: 'recvonly' });
  const offer = await pc.createOffer();
  await pc.setLocalDescription(offer);
  const res = await fetch(`${apiBaseUrl}/realtime/calls`, {
    method: 'POST',
    body: offer.sdp ?? '',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/sdp' },
  });
  await pc.setRemoteDescription({ type: 'answer', sdp: await res.text() });
  await first;
  const ms = performance.now() - t0;
  for (const t of stream.getTracks()) t.stop();
  pc.close();
  return ms;
}

async function talkwire(delayMs: number): Promise<number> {
  const t0 = performance.now();
  const session = createRealtimeSession({
    getClientSecret: () => mintKey(delayMs),
    apiBaseUrl,
    environment: { getUserMedia: (c) => mic(delayMs, c) },
  });
  await session.connect();
  const ms = performance.now() - t0;
  await session.disconnect();
  return ms;
}

/** agents-realtime's own transport; it calls navigator.mediaDevices.getUserMedia itself, so a delay wraps it. */
async function agents(delayMs: number): Promise<number> {
  const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  if (delayMs) navigator.mediaDevices.getUserMedia = (c) => mic(delayMs, c);
  try {
    const t0 = performance.now();
    const transport = new OpenAIRealtimeWebRTC({ baseUrl: `${apiBaseUrl}/realtime/calls` });
    await transport.connect({ apiKey: () => mintKey(delayMs), model: 'gpt-realtime' });
    const ms = performance.now() - t0;
    transport.close();
    return ms;
  } finally {
    navigator.mediaDevices.getUserMedia = original;
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

async function cycles(n: number): Promise<{ cycles: number; liveTracks: number; openPeers: number; openContexts: number }> {
  for (let i = 0; i < n; i++) {
    const session = createRealtimeSession({
      getClientSecret: () => mintKey(0),
      apiBaseUrl,
      environment: {
        RTCPeerConnection: CountedPeerConnection,
        AudioContext: CountedAudioContext,
        getUserMedia: async (c) => {
          const s = await navigator.mediaDevices.getUserMedia(c);
          streams.push(s);
          return s;
        },
      },
    });
    await session.connect();
    await session.disconnect();
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
    apiBaseUrl = ((await (await fetch('/api/realtime-config')).json()) as { apiBaseUrl: string }).apiBaseUrl;
    return apiBaseUrl;
  },
  bare,
  talkwire,
  agents,
  cycles,
};
(window as unknown as { bench: typeof bench }).bench = bench;
