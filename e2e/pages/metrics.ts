// Drives a session (WebRTC by default, or WebSocket) and its call metrics, so the browser tests read the figures a
// user would see.
import {
  createCallMetrics,
  createRealtimeSession,
  readWebRtcStats,
  type CallMetrics,
  type StatsCounters,
} from '../../src/entries/core';
import type { RealtimeSession } from '../../src/session/types';

let session: RealtimeSession | null = null;
let metrics: CallMetrics | null = null;

const harness = {
  async connect(statsIntervalMs = 500, transport: 'webrtc' | 'websocket' = 'webrtc'): Promise<string | null> {
    const { apiBaseUrl } = (await (await fetch('/api/realtime-config')).json()) as { apiBaseUrl: string };
    session = createRealtimeSession({
      clientSecretUrl: '/api/realtime-session',
      apiBaseUrl,
      ...(transport === 'websocket'
        ? {
            transport,
            audio: {
              workletUrl: new URL('../../src/audio/worklets/micProcessor.ts', import.meta.url),
              playerWorkletUrl: new URL('../../src/audio/worklets/pcmPlayer.ts', import.meta.url),
            },
          }
        : {}),
    });
    metrics = createCallMetrics(session, { statsIntervalMs });
    try {
      await session.connect();
      return null;
    } catch (error) {
      return (error as { code?: string }).code ?? String(error);
    }
  },
  turns: () => metrics?.store.getState().turns ?? [],
  quality: () => metrics?.store.getState().quality ?? null,
  /**
   * Main-thread time of one stats reading, as the watcher does it: the synchronous part of reading the report
   * (getStats itself gathers off the main thread). Median over `n` readings, in ms.
   */
  async statsReadMs(n = 30): Promise<number> {
    // WebRTC only: a WebSocket reading is the transport's two numbers.
    const times: number[] = [];
    let previous: StatsCounters | null = null;
    for (let i = 0; i < n; i++) {
      const report = await session!.getStats()!;
      const start = performance.now();
      previous = readWebRtcStats(report, start, previous).counters;
      times.push(performance.now() - start);
    }
    return times.sort((a, b) => a - b)[Math.floor(n / 2)]!;
  },
  async disconnect(): Promise<void> {
    metrics?.stop();
    await session?.disconnect();
  },
};

declare global {
  interface Window {
    metricsHarness: typeof harness;
  }
}
window.metricsHarness = harness;
document.body.dataset.ready = 'true';
