// <VoiceAgent/> inside <StrictMode>, with the microphone, peer connections and audio contexts it opens observed
// through its `environment` prop (the session's injectable side effects), so the spec can count connections and
// check that unmounting frees everything.
import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { VoiceAgent } from '../../src/entries/index';
import type { SessionEnvironment } from '../../src/session/types';
import '../../src/react/styles.css';

const streams: MediaStream[] = [];
const peers: RTCPeerConnection[] = [];
const contexts: AudioContext[] = [];

class ObservedPeerConnection extends RTCPeerConnection {
  constructor(config?: RTCConfiguration) {
    super(config);
    peers.push(this);
  }
}

class ObservedAudioContext extends AudioContext {
  constructor(options?: AudioContextOptions) {
    super(options);
    contexts.push(this);
  }
}

const environment: Partial<SessionEnvironment> = {
  getUserMedia: async (constraints) => {
    const stream = await navigator.mediaDevices.getUserMedia(constraints);
    streams.push(stream);
    return stream;
  },
  RTCPeerConnection: ObservedPeerConnection,
  AudioContext: ObservedAudioContext,
};

let root: Root | null = null;
let renders = 0;

function Counted() {
  renders++;
  return (
    <VoiceAgent
      clientSecretUrl="/api/realtime-session"
      apiBaseUrl={import.meta.env.VITE_TALKWIRE_API_BASE_URL as string | undefined}
      environment={environment}
    />
  );
}

const strictPage = {
  mount(): void {
    root = createRoot(document.getElementById('root')!);
    root.render(
      <StrictMode>
        <Counted />
      </StrictMode>,
    );
  },
  unmount(): void {
    root?.unmount();
    root = null;
  },
  observed() {
    return {
      renders,
      tracks: streams.flatMap((s) => s.getTracks().map((t) => t.readyState)),
      streams: streams.length,
      peers: peers.map((p) => p.connectionState),
      contexts: contexts.map((c) => c.state),
    };
  },
};

declare global {
  interface Window {
    strictPage: typeof strictPage;
  }
}
window.strictPage = strictPage;
document.body.dataset.ready = 'true';
