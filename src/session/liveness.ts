import { RealtimeError } from '../core/errors.js';

/**
 * How long the server may send nothing before a live call counts as lost, unless `disconnectGraceMs` says
 * otherwise. Chromium checks consent every 2.5 s on a quiet call and answers arrive within a round trip, so a
 * healthy call never comes near it; without this check Chromium reported a dead server about 16 s late
 * (6 s to `disconnected`, then the 10 s grace).
 */
export const DEFAULT_SILENCE_MS = 3_500;
/** How often the peer's stats are read. */
export const LIVENESS_POLL_MS = 500;
/** Consent checks left unanswered since the last packet before a silence counts as a dead server. */
const MIN_UNANSWERED = 2;

/** What the selected candidate pair reports; the consent counters only where the browser has them (Chromium). */
export interface LivenessSample {
  /** Media, RTCP and data channel bytes from the server (not STUN). */
  bytesReceived: number;
  /** ICE consent checks sent to the server. */
  requestsSent?: number;
  /** ICE consent checks the server answered. */
  responsesReceived?: number;
}

export interface LivenessCheck {
  /**
   * One reading at `now` (ms). `expecting` is true while a response is streaming, when a silent server is dead
   * even where the browser does not report consent checks. True once the server counts as gone.
   */
  observe(now: number, sample: LivenessSample | null, expecting: boolean): boolean;
  /** Ms since the server was last heard from (0 before the first reading). */
  silentFor(now: number): number;
}

/**
 * Decides from readings alone, so it is tested without a browser. The server is gone when nothing came from it
 * for `silenceMs` and either consent checks went unanswered (a quiet call is still answered: no false alarm)
 * or, where the browser does not count consent checks (Firefox), a response was streaming.
 */
export function createLivenessCheck(silenceMs: number): LivenessCheck {
  let heardAt = Number.NaN;
  let bytes = -1;
  let responses = -1;
  let requestsWhenHeard = 0;
  return {
    observe(now, sample, expecting) {
      if (!sample) return false;
      const answered = sample.responsesReceived ?? -1;
      if (Number.isNaN(heardAt) || sample.bytesReceived > bytes || answered > responses) {
        heardAt = now;
        bytes = sample.bytesReceived;
        responses = answered;
        requestsWhenHeard = sample.requestsSent ?? 0;
        return false;
      }
      if (now - heardAt < silenceMs) return false;
      if (sample.requestsSent !== undefined && sample.responsesReceived !== undefined) {
        return sample.requestsSent - requestsWhenHeard >= MIN_UNANSWERED;
      }
      return expecting;
    },
    silentFor(now) {
      return Number.isNaN(heardAt) ? 0 : now - heardAt;
    },
  };
}

interface StatsRecord {
  type?: string;
  id?: string;
  selectedCandidatePairId?: string;
  selected?: boolean;
  nominated?: boolean;
  state?: string;
  bytesReceived?: number;
  requestsSent?: number;
  responsesReceived?: number;
}

/** The selected candidate pair's counters, or null when there is none yet (or the stats are not standard). */
export function readLivenessSample(report: {
  forEach(callback: (value: unknown) => void): void;
}): LivenessSample | null {
  let selectedId: string | undefined;
  let pair: StatsRecord | undefined;
  const pairs: StatsRecord[] = [];
  report.forEach((value) => {
    const record = value as StatsRecord;
    if (record.type === 'transport' && record.selectedCandidatePairId) selectedId = record.selectedCandidatePairId;
    else if (record.type === 'candidate-pair') pairs.push(record);
  });
  for (const candidate of pairs) {
    if (
      selectedId !== undefined
        ? candidate.id === selectedId
        : candidate.selected === true || (candidate.nominated === true && candidate.state === 'succeeded')
    ) {
      pair = candidate;
      break;
    }
  }
  if (!pair || typeof pair.bytesReceived !== 'number') return null;
  const sample: LivenessSample = { bytesReceived: pair.bytesReceived };
  if (typeof pair.requestsSent === 'number' && typeof pair.responsesReceived === 'number') {
    sample.requestsSent = pair.requestsSent;
    sample.responsesReceived = pair.responsesReceived;
  }
  return sample;
}

export interface LivenessWatchOptions {
  /** The live peer's stats; undefined when there is no peer (or it cannot report). */
  getStats(): Promise<{ forEach(callback: (value: unknown) => void): void }> | undefined;
  /** True while a response is streaming. */
  expecting(): boolean;
  /** Default `DEFAULT_SILENCE_MS`. */
  silenceMs?: number | undefined;
  onDead(error: RealtimeError): void;
  now?: () => number;
  setInterval?: (callback: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
  intervalMs?: number;
}

function isSocketReport(report: { forEach(callback: (value: unknown) => void): void }): boolean {
  let socket = false;
  report.forEach((value) => {
    if ((value as StatsRecord).type === 'websocket') socket = true;
  });
  return socket;
}

/** Reads the peer's stats every `intervalMs` and reports a server gone silent once. Returns a stop function. */
export function watchLiveness(options: LivenessWatchOptions): () => void {
  const now = options.now ?? (() => performance.now());
  const every = options.setInterval ?? ((callback: () => void, ms: number) => setInterval(callback, ms));
  const cancel =
    options.clearInterval ?? ((handle: unknown) => clearInterval(handle as ReturnType<typeof setInterval>));
  const check = createLivenessCheck(options.silenceMs ?? DEFAULT_SILENCE_MS);
  let stopped = false;
  let reading = false;
  const stop = () => {
    stopped = true;
    cancel(handle);
  };
  const tick = () => {
    if (stopped || reading) return;
    let stats: ReturnType<LivenessWatchOptions['getStats']>;
    try {
      stats = options.getStats();
    } catch {
      stats = undefined;
    }
    if (!stats) return;
    reading = true;
    stats.then(
      (report) => {
        reading = false;
        if (stopped) return;
        // A socket's stats have no candidate pair to watch (its own close tells), and each reading sends a probe.
        if (isSocketReport(report)) return stop();
        const at = now();
        if (!check.observe(at, readLivenessSample(report), options.expecting())) return;
        stop();
        options.onDead(
          new RealtimeError(
            'connection_failed',
            `The Realtime server stopped answering (nothing received for ${(check.silentFor(at) / 1000).toFixed(1)} s), so the call ended. Check the network, then connect again.`,
          ),
        );
      },
      () => {
        reading = false;
      },
    );
  };
  const handle = every(tick, options.intervalMs ?? LIVENESS_POLL_MS);
  return stop;
}
