// OpenAI's own browser client (`OpenAIRealtimeWebRTC` from @openai/agents-realtime), used as its docs show,
// pointed at the emulator instead of api.openai.com. If the emulator drifts from OpenAI's protocol, this client
// is the first to notice.
import { OpenAIRealtimeWebRTC } from '@openai/agents-realtime';
import { measurePlayback } from './measurePlayback';

interface Seen {
  events: string[];
  transcript: string;
  turnsDone: number;
  maxPlayedRms: number;
  errors: string[];
}

const seen: Seen = { events: [], transcript: '', turnsDone: 0, maxPlayedRms: 0, errors: [] };

async function mintKey(): Promise<string> {
  const response = await fetch('/api/realtime-session', { method: 'POST' });
  const body = (await response.json()) as { value: string };
  return body.value;
}

const client = {
  async connect(): Promise<string | null> {
    const { apiBaseUrl } = (await (await fetch('/api/realtime-config')).json()) as { apiBaseUrl: string };
    const audioElement = new Audio();
    audioElement.autoplay = true;
    measurePlayback(audioElement, 2048, 50, (rms) => (seen.maxPlayedRms = Math.max(seen.maxPlayedRms, rms)));
    const transport = new OpenAIRealtimeWebRTC({ baseUrl: `${apiBaseUrl}/realtime/calls`, audioElement });
    transport.on('*', (event: { type?: string }) => {
      if (typeof event?.type === 'string') seen.events.push(event.type);
    });
    transport.on('audio_transcript_delta', (event: { delta: string }) => (seen.transcript += event.delta));
    transport.on('turn_done', () => seen.turnsDone++);
    transport.on('error', (event: unknown) => seen.errors.push(JSON.stringify(event)));
    try {
      await transport.connect({ apiKey: mintKey, model: 'gpt-realtime' });
      (window as unknown as { transport: OpenAIRealtimeWebRTC }).transport = transport;
      return null;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  },
  seen: () => seen,
  close() {
    (window as unknown as { transport?: OpenAIRealtimeWebRTC }).transport?.close();
  },
};

declare global {
  interface Window {
    openaiClient: typeof client;
  }
}
window.openaiClient = client;
document.body.dataset.ready = 'true';
