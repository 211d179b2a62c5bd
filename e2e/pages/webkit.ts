// The library in a browser without RTCPeerConnection (Debian's WebKitGTK): it must import cleanly and refuse a
// WebRTC call with a typed error that says what to use instead.
import { createRealtimeSession } from '../../src/entries/core.js';

const webkitPage = {
  /** The error code connect() rejects with, or null if it connected. */
  async connectWebRtc(): Promise<{ code: string | null; message: string; status: string }> {
    const session = createRealtimeSession({ clientSecretUrl: '/api/realtime-session' });
    try {
      await session.connect();
      return { code: null, message: '', status: session.store.getState().status };
    } catch (error) {
      const e = error as { code?: string; message?: string };
      return { code: e.code ?? String(error), message: e.message ?? '', status: session.store.getState().status };
    } finally {
      await session.disconnect();
    }
  },
};

declare global {
  interface Window {
    webkitPage: typeof webkitPage;
  }
}
window.webkitPage = webkitPage;
document.body.dataset.ready = 'true';
