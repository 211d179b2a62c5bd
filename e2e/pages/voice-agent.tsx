// <VoiceAgent/> in a page for the browser tests. `mountReadme()` renders it exactly as the README shows;
// `mountHarness()` renders it on the harness page's instrumented session, so a test reads the store, the error
// banner and what was left behind (tracks, peers, audio contexts) in one page.
import { createRoot } from 'react-dom/client';
import { VoiceAgent } from '../../src/entries/index';
import '../../src/react/styles.css';
import './session';

const root = createRoot(document.getElementById('root')!);

const agentPage = {
  async mountReadme(): Promise<void> {
    const config = (await (await fetch('/api/realtime-config')).json()) as { apiBaseUrl: string };
    root.render(<VoiceAgent clientSecretUrl="/api/realtime-session" apiBaseUrl={config.apiBaseUrl} />);
  },
  mountHarness(): void {
    const session = window.harness.currentSession();
    if (!session) throw new Error('call harness.create() first');
    root.render(<VoiceAgent realtimeSession={session} />);
  },
};

declare global {
  interface Window {
    agentPage: typeof agentPage;
  }
}
window.agentPage = agentPage;
document.body.dataset.agentReady = 'true';
