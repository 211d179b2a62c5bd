// Live captions as an app builds them: useTranscription + <LiveCaptions/> against the emulator, over WebRTC or
// (`?transport=websocket`) WebSocket, with a record of what the page showed and what its live region received,
// in order.
import { useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { CopyCaptionsButton, DownloadCaptionsButton, LiveCaptions, useTranscription } from '../../src/entries/index';
import '../../src/react/styles.css';
import '../../src/react/captions.css';

declare global {
  interface Window {
    captionsPage: {
      /** Each distinct (id, status, text) a caption row showed, in order. */
      shown: Array<{ id: string; status: string; text: string; fontStyle: string }>;
      /** Each text the live region received, in order. */
      announced: string[];
      agentStates: string[];
    };
  }
}
window.captionsPage = { shown: [], announced: [], agentStates: [] };
const transport = new URLSearchParams(location.search).get('transport') === 'websocket' ? 'websocket' : 'webrtc';
// Served from source: the worklets a WebSocket call captures and plays with are the TypeScript files.
const audio = {
  workletUrl: new URL('../../src/audio/worklets/micProcessor.ts', import.meta.url),
  playerWorkletUrl: new URL('../../src/audio/worklets/pcmPlayer.ts', import.meta.url),
};

function App() {
  const { session, status, start, stop } = useTranscription({
    clientSecretUrl: '/api/transcription-session',
    transport,
    ...(transport === 'websocket' ? { audio } : {}),
    apiBaseUrl: import.meta.env.VITE_TALKWIRE_API_BASE_URL as string | undefined,
  });
  useEffect(
    () => session.store.subscribe((state) => void window.captionsPage.agentStates.push(state.agentState)),
    [session],
  );
  return (
    <div className="talkwire" data-status={status}>
      <button type="button" id="start" onClick={start}>
        Start captions
      </button>
      <button type="button" id="stop" onClick={stop}>
        Stop
      </button>
      <LiveCaptions session={session} />
      <CopyCaptionsButton session={session} />
      <DownloadCaptionsButton session={session} format="vtt" />
    </div>
  );
}

createRoot(document.getElementById('root')!).render(<App />);

const observer = new MutationObserver(() => {
  const page = window.captionsPage;
  document.querySelectorAll<HTMLElement>('[data-talkwire="caption"]').forEach((row, i) => {
    const entry = {
      id: String(i),
      status: row.dataset.status ?? '',
      text: row.textContent ?? '',
      fontStyle: getComputedStyle(row).fontStyle,
    };
    const last = [...page.shown].reverse().find((s) => s.id === entry.id);
    if (!last || last.status !== entry.status || last.text !== entry.text) page.shown.push(entry);
  });
  const region = document.querySelector('[data-talkwire="captions-announcer"]');
  if (region) {
    for (const node of Array.from(region.children) as HTMLElement[]) {
      if (node.dataset.seen) continue;
      node.dataset.seen = 'true';
      page.announced.push(node.textContent ?? '');
    }
  }
});
observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
document.body.dataset.ready = 'true';
