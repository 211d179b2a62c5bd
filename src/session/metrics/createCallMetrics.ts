import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  judgeCallQuality,
  readWebRtcStats,
  webSocketSample,
  type CallQualitySample,
  type CallQualityVerdict,
} from '../../core/metrics/callQuality.js';
import {
  createTurnTimingState,
  stepTurnTimings,
  summarizeTurnTimings,
  type TurnTimingInput,
  type TurnTimingOptions,
  type TurnTiming,
  type TurnTimingSummary,
} from '../../core/metrics/turnTimings.js';
import type { RealtimeSession } from '../types.js';

export interface CallMetricsState {
  /** Per turn, in call order (the oldest dropped past `maxTurns`). */
  readonly turns: readonly TurnTiming[];
  readonly summary: TurnTimingSummary;
  readonly quality: { readonly sample: CallQualitySample | null; readonly verdict: CallQualityVerdict };
}

export interface CallMetricsOptions extends Partial<TurnTimingOptions> {
  /** How often `getStats()` is read (ms). Default 2000: enough for a verdict, cheap on the main thread. */
  statsIntervalMs?: number;
  /** The clock every mark is read from. Default `performance.now()`. */
  now?: () => number;
  setInterval?: (callback: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}

export interface CallMetrics {
  readonly store: StoreApi<CallMetricsState>;
  /**
   * For a transport that plays audio itself: the player's first sample of a response reached the speaker. Marks
   * the agent audible more exactly than the output level can. The built-in WebSocket transport is read without
   * it; this is for your own transport.
   */
  firstSamplePlayed(at?: number): void;
  /**
   * For your own transport without `getStats()`: its round trip (ms) and the bytes queued in its socket. The
   * built-in WebSocket transport's `getStats()` gives these already.
   */
  reportWebSocketStats(rttMs: number | null, bufferedBytes: number): void;
  /** Stops listening; the figures stay readable. Idempotent. */
  stop(): void;
}

const EMPTY_VERDICT: CallQualityVerdict = { level: 'good', reason: null };
const POLL_MS = 10;
/** A reply silent for 5 s stops the fine reading; the 50 ms levels still mark it. */
const MAX_POLLS = 500;

/**
 * Watches a session: its levels, events and `getStats()` at a low rate (WebRTC's report, or the WebSocket
 * transport's round trip and buffered bytes). The store changes only
 * when a mark lands or a stats reading arrives, never per level sample, so React can subscribe to it.
 */
export function createCallMetrics(session: RealtimeSession, options: CallMetricsOptions = {}): CallMetrics {
  const now = options.now ?? (() => performance.now());
  const every = options.setInterval ?? ((callback, ms) => setInterval(callback, ms));
  const clear = options.clearInterval ?? ((handle) => clearInterval(handle as ReturnType<typeof setInterval>));
  // The machine's state lives here; the store gets its turns only when a mark lands, not per level sample.
  let timings = createTurnTimingState(options);
  const store = createStore<CallMetricsState>(() => ({
    turns: timings.turns,
    summary: summarizeTurnTimings(timings.turns),
    quality: { sample: null, verdict: EMPTY_VERDICT },
  }));

  const feed = (input: TurnTimingInput) => {
    const previous = timings;
    timings = stepTurnTimings(previous, input);
    if (timings.turns !== previous.turns)
      store.setState({ turns: timings.turns, summary: summarizeTurnTimings(timings.turns) });
  };
  const setSample = (sample: CallQualitySample) =>
    store.setState({ quality: { sample, verdict: judgeCallQuality(sample) } });

  const offLevels = session.subscribeLevels(() => {
    const at = now();
    feed({ type: 'input_level', level: session.getInputLevel(), at });
    feed({ type: 'output_level', level: session.getOutputLevel(), at });
  });
  // OpenAI sends output_audio_buffer.started only on WebRTC, when it starts sending. Over WebSocket the transport
  // plays the audio and reports it itself when the player's first sample of a response plays, so on a call that
  // delivers PCM (output_audio) it marks the agent audible, more exactly than the output level read every tick.
  let playsPcm = false;
  const offPcm = session.on('output_audio', () => {
    playsPcm = true;
  });
  // On WebRTC the agent is audible when its output level rises, and levels come every 50 ms: a reply's first audio
  // would land anywhere in a 50 ms tick. From response.created until then the output is read every 10 ms instead.
  // Not over WebSocket, whose player reports its first sample exactly (even before the first output_audio says so).
  let poll: unknown = null;
  let pollsLeft = 0;
  const stopPolling = () => {
    if (poll === null) return;
    clear(poll);
    poll = null;
  };
  const readOutput = () => {
    feed({ type: 'output_level', level: session.getOutputLevel(), at: now() });
    const heard = timings.turns[timings.turns.length - 1]?.marks.firstAudioAt !== undefined;
    if (heard || --pollsLeft <= 0) stopPolling();
  };
  const offServer = session.on('server_event', (event) => {
    const at = now();
    if (playsPcm && event.type === 'output_audio_buffer.started') feed({ type: 'first_sample_played', at });
    feed({ type: 'server_event', event, at });
    if (event.type === 'response.created' && !playsPcm && session.store.getState().transport.kind !== 'websocket') {
      pollsLeft = MAX_POLLS;
      poll ??= every(readOutput, POLL_MS);
    }
  });
  const offClient = session.on('client_event', (event) => feed({ type: 'client_event', event, at: now() }));

  let reading = false;
  const sampleStats = () => {
    const pending = reading ? undefined : session.getStats();
    if (!pending) return;
    reading = true;
    pending
      .then((report) => setSample(readWebRtcStats(report, now(), store.getState().quality.sample?.counters ?? null)))
      .catch(() => undefined) // a closing peer rejects; the next reading tells
      .finally(() => {
        reading = false;
      });
  };
  const timer = every(sampleStats, options.statsIntervalMs ?? 2000);

  let stopped = false;
  return {
    store,
    firstSamplePlayed: (at = now()) => feed({ type: 'first_sample_played', at }),
    reportWebSocketStats: (rttMs, bufferedBytes) => setSample(webSocketSample(now(), rttMs, bufferedBytes)),
    stop() {
      if (stopped) return;
      stopped = true;
      clear(timer);
      stopPolling();
      offLevels();
      offServer();
      offPcm();
      offClient();
    },
  };
}
