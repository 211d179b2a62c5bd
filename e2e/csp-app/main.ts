// An app built with Vite from the packaged talkwire (the spec aliases `talkwire/core` to a fresh build of the
// package) and served with a strict Content-Security-Policy. It records every CSP violation and what happened to
// the mic worklet module, and gives the test a few functions to drive the session.
import { createRealtimeSession, type RealtimeSession } from 'talkwire/core';

interface WorkletLoad {
  url: string;
  ok: boolean;
  error: string | null;
}

const violations: string[] = [];
const workletLoads: WorkletLoad[] = [];
let maxInputLevel = 0;
let session: RealtimeSession | null = null;

document.addEventListener('securitypolicyviolation', (event) => {
  violations.push(`${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'}`);
});

/** The real AudioContext; it only notes whether the worklet module the engine asks for loads. */
class ObservedAudioContext extends AudioContext {
  constructor(options?: AudioContextOptions) {
    super(options);
    const worklet = this.audioWorklet;
    const addModule = worklet.addModule.bind(worklet);
    Object.defineProperty(worklet, 'addModule', {
      value: (url: string | URL, options?: WorkletOptions) =>
        addModule(url, options).then(
          () => void workletLoads.push({ url: String(url), ok: true, error: null }),
          (error: unknown) => {
            workletLoads.push({ url: String(url), ok: false, error: String(error) });
            throw error;
          },
        ),
    });
  }
}

const app = {
  async connect(): Promise<string | null> {
    const { apiBaseUrl } = (await (await fetch('/config.json')).json()) as { apiBaseUrl: string };
    session = createRealtimeSession({
      clientSecretUrl: '/api/realtime-session',
      apiBaseUrl,
      environment: { AudioContext: ObservedAudioContext },
    });
    const s = session;
    s.subscribeLevels(() => {
      maxInputLevel = Math.max(maxInputLevel, s.getInputLevel());
    });
    try {
      await s.connect();
      document.getElementById('status')!.textContent = 'connected';
      return null;
    } catch (error) {
      return (error as { code?: string }).code ?? String(error);
    }
  },
  observed: () => ({ violations, workletLoads, maxInputLevel }),
  disconnect: () => session?.disconnect(),
};

declare global {
  interface Window {
    app: typeof app;
  }
}
window.app = app;
document.body.dataset.ready = 'true';
