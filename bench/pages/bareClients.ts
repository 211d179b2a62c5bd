// The bare scripts the round-trip bench compares talkwire with (a plain RTCPeerConnection, a plain WebSocket
// page), and the AudioContext that lets the instrument hear what a page plays. See roundtrip.ts.

export const KEY_PATH = '/api/realtime-session';

export async function mintKey(): Promise<string> {
  const res = await fetch(KEY_PATH, { method: 'POST', headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`key endpoint answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { value: string }).value;
}

/** An AudioContext whose destination is a gain node with an analyser on it: what the page plays is measured. */
let played: AnalyserNode | null = null;
/** The analyser on what the latest MeasuredAudioContext plays. */
export const playedAnalyser = () => played;
export const forgetPlayed = () => {
  played = null;
};
export class MeasuredAudioContext extends AudioContext {
  readonly front: GainNode;
  constructor(options?: AudioContextOptions) {
    super(options);
    this.front = this.createGain();
    this.front.connect(super.destination);
    played = this.createAnalyser();
    played.fftSize = 512;
    this.front.connect(played);
  }
  override get destination(): AudioDestinationNode {
    return this.front as unknown as AudioDestinationNode;
  }
}

export interface Contender {
  mic: MediaStream;
  close(): Promise<void> | void;
  statsReadMs?: () => Promise<number>;
}

export async function bareWebRtc(apiBaseUrl: string, remote: (stream: MediaStream) => void): Promise<Contender> {
  const [key, mic] = await Promise.all([mintKey(), navigator.mediaDevices.getUserMedia({ audio: true })]);
  const pc = new RTCPeerConnection();
  pc.createDataChannel('oai-events');
  pc.addTrack(mic.getAudioTracks()[0]!, mic);
  pc.ontrack = (event) => {
    const audio = new Audio();
    audio.autoplay = true;
    audio.srcObject = event.streams[0]!;
    void audio.play();
    remote(event.streams[0]!);
  };
  await pc.setLocalDescription(await pc.createOffer());
  const res = await fetch(`${apiBaseUrl}/realtime/calls`, {
    method: 'POST',
    body: pc.localDescription!.sdp,
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/sdp' },
  });
  if (!res.ok) throw new Error(`calls endpoint answered ${res.status}: ${await res.text()}`);
  await pc.setRemoteDescription({ type: 'answer', sdp: await res.text() });
  return {
    mic,
    close() {
      for (const track of mic.getTracks()) track.stop();
      pc.close();
    },
  };
}

// The bare WebSocket client: the mic at 24 kHz through a worklet, 20 ms appends, each delta scheduled at once.
const CAPTURE = `registerProcessor('capture', class extends AudioWorkletProcessor {
  process(inputs) { const ch = inputs[0][0]; if (ch) this.port.postMessage(ch.slice()); return true; }
});`;

export async function bareWebSocket(apiBaseUrl: string): Promise<Contender> {
  const [key, mic] = await Promise.all([mintKey(), navigator.mediaDevices.getUserMedia({ audio: true })]);
  const ctx = new MeasuredAudioContext({ sampleRate: 24000 });
  await ctx.audioWorklet.addModule(URL.createObjectURL(new Blob([CAPTURE], { type: 'text/javascript' })));
  const url = new URL(`${apiBaseUrl.replace(/^http/, 'ws')}/realtime`);
  url.searchParams.set('model', 'gpt-realtime');
  const ws = new WebSocket(url, ['realtime', `openai-insecure-api-key.${key}`]);
  await new Promise<void>((resolve, reject) => {
    ws.onopen = () => resolve();
    ws.onerror = () => reject(new Error('socket failed'));
  });
  const pending = new Int16Array(480);
  let filled = 0;
  const node = new AudioWorkletNode(ctx, 'capture');
  node.port.onmessage = (event: MessageEvent<Float32Array>) => {
    for (const sample of event.data) {
      pending[filled++] = Math.max(-32768, Math.min(32767, Math.round(sample * 32767)));
      if (filled === pending.length) {
        filled = 0;
        let binary = '';
        const bytes = new Uint8Array(pending.buffer);
        for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]!);
        if (ws.readyState === WebSocket.OPEN)
          ws.send(JSON.stringify({ type: 'input_audio_buffer.append', audio: btoa(binary) }));
      }
    }
  };
  ctx.createMediaStreamSource(mic).connect(node);
  let next = 0;
  ws.onmessage = (event: MessageEvent<string>) => {
    const message = JSON.parse(event.data) as { type: string; delta?: string };
    if (message.type === 'input_audio_buffer.speech_started') next = 0; // the server cut its answer: stop playing it
    if (message.type !== 'response.output_audio.delta' || !message.delta) return;
    const binary = atob(message.delta);
    const samples = new Float32Array(binary.length / 2);
    for (let i = 0; i < samples.length; i++) {
      const value = binary.charCodeAt(2 * i) | (binary.charCodeAt(2 * i + 1) << 8);
      samples[i] = (value >= 0x8000 ? value - 0x10000 : value) / 32768;
    }
    const buffer = ctx.createBuffer(1, samples.length, 24000);
    buffer.copyToChannel(samples, 0);
    const source = ctx.createBufferSource();
    source.buffer = buffer;
    source.connect(ctx.destination);
    next = Math.max(next, ctx.currentTime);
    source.start(next);
    next += buffer.duration;
  };
  return {
    mic,
    async close() {
      for (const track of mic.getTracks()) track.stop();
      ws.close();
      await ctx.close();
    },
  };
}
