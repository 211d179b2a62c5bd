// Live translation as an app builds it: useTranslation + <LiveTranslation/> against the emulator, over WebRTC or
// (`?transport=websocket`) WebSocket, with the translated speech's level sampled in the page.
import { useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { LiveTranslation, useTranslation } from '../../src/entries/index';
import '../../src/react/styles.css';
import '../../src/react/captions.css';

declare global {
  interface Window {
    translationPage: { peakOutput: number; setLanguage(language: string): void; warnings: string[] };
  }
}
window.translationPage = { peakOutput: 0, setLanguage: () => undefined, warnings: [] };
const transport = new URLSearchParams(location.search).get('transport') === 'websocket' ? 'websocket' : 'webrtc';
// Served from source: the worklets a WebSocket call captures and plays with are the TypeScript files.
const audio = {
  workletUrl: new URL('../../src/audio/worklets/micProcessor.ts', import.meta.url),
  playerWorkletUrl: new URL('../../src/audio/worklets/pcmPlayer.ts', import.meta.url),
};

function App() {
  const { session, status, start, stop, setOutputLanguage } = useTranslation({
    clientSecretUrl: '/api/translation-session',
    transport,
    ...(transport === 'websocket' ? { audio } : {}),
    apiBaseUrl: import.meta.env.VITE_TALKWIRE_API_BASE_URL as string | undefined,
  });
  useEffect(() => {
    window.translationPage.setLanguage = setOutputLanguage;
    const off = session.on('warning', (warning) => void window.translationPage.warnings.push(warning.message));
    const unsubscribe = session.subscribeLevels(() => {
      window.translationPage.peakOutput = Math.max(window.translationPage.peakOutput, session.getOutputLevel());
    });
    return () => {
      off();
      unsubscribe();
    };
  }, [session, setOutputLanguage]);
  return (
    <div className="talkwire" data-status={status}>
      <button type="button" id="start" onClick={start}>
        Start
      </button>
      <button type="button" id="stop" onClick={stop}>
        Stop
      </button>
      <LiveTranslation session={session} />
    </div>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
document.body.dataset.ready = 'true';
