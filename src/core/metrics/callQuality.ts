/**
 * Connection figures from WebRTC `getStats()` reports (or a WebSocket transport's round trip and buffered
 * bytes), and a verdict with its reason. Pure: a report goes in as the plain objects `forEach` yields, the
 * previous reading goes in for the rates, and nothing here touches a browser global.
 */

/** The counters of one report, kept to compute rates against the next one. */
export interface StatsCounters {
  readonly at: number;
  readonly bytesSent: number;
  readonly bytesReceived: number;
  readonly packetsReceived: number;
  readonly packetsLost: number;
  readonly concealedSamples: number;
  readonly totalSamplesReceived: number;
}

export interface CallQualitySample {
  /** Clock reading (ms) of the report. */
  readonly at: number;
  readonly transport: 'webrtc' | 'websocket';
  /** Round-trip time (ms): the selected candidate pair's (WebRTC) or a ping's (WebSocket). */
  readonly rttMs: number | null;
  /** Inbound audio jitter (ms). */
  readonly jitterMs: number | null;
  /** Inbound packets lost since the previous report, as a fraction 0..1. */
  readonly lossRatio: number | null;
  /** Bits per second since the previous report. */
  readonly sendBitrate: number | null;
  readonly receiveBitrate: number | null;
  /** Samples the receiver had to invent since the previous report, as a fraction 0..1 of those played. */
  readonly concealedRatio: number | null;
  /** The selected candidate pair's local type: 'host', 'srflx', 'prflx' or 'relay' (a TURN relay adds a hop). */
  readonly candidateType: string | null;
  /** WebSocket: bytes queued in the socket, not yet sent. */
  readonly bufferedBytes: number | null;
  readonly counters: StatsCounters | null;
}

export type CallQualityLevel = 'good' | 'fair' | 'poor';

export interface CallQualityVerdict {
  readonly level: CallQualityLevel;
  /** What drove the level, for people: "packet loss 6%" ; null when good. */
  readonly reason: string | null;
}

interface StatLike {
  type?: unknown;
  [key: string]: unknown;
}

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/**
 * Reads one stats report. `previous` (the last sample's counters) gives the rates; null on the first. A
 * WebSocket transport's report (one `websocket` entry: `roundTripTime` in s, `bufferedAmount`) reads as
 * `webSocketSample`.
 */
export function readWebRtcStats(
  report: { forEach(callback: (value: unknown) => void): void },
  at: number,
  previous: StatsCounters | null,
): CallQualitySample {
  const byId = new Map<string, StatLike>();
  let pair: StatLike | undefined;
  let inbound: StatLike | undefined;
  let outbound: StatLike | undefined;
  let transportSelected: unknown;
  let socket: StatLike | undefined;
  report.forEach((value) => {
    if (typeof value !== 'object' || value === null) return;
    const stat = value as StatLike;
    if (stat.type === 'websocket') socket = stat;
    if (typeof stat.id === 'string') byId.set(stat.id, stat);
    if (stat.type === 'transport' && typeof stat.selectedCandidatePairId === 'string')
      transportSelected = stat.selectedCandidatePairId;
    if (
      stat.type === 'candidate-pair' &&
      (stat.selected === true || (stat.nominated === true && stat.state === 'succeeded'))
    )
      pair ??= stat;
    if (stat.type === 'inbound-rtp' && stat.kind === 'audio') inbound ??= stat;
    if (stat.type === 'outbound-rtp' && stat.kind === 'audio') outbound ??= stat;
  });
  if (socket) {
    const rtt = num(socket.roundTripTime);
    return webSocketSample(at, rtt === null ? null : rtt * 1000, num(socket.bufferedAmount) ?? 0);
  }
  if (typeof transportSelected === 'string') pair = byId.get(transportSelected) ?? pair;
  const local = pair && typeof pair.localCandidateId === 'string' ? byId.get(pair.localCandidateId) : undefined;

  const counters: StatsCounters = {
    at,
    bytesSent: num(outbound?.bytesSent) ?? num(pair?.bytesSent) ?? 0,
    bytesReceived: num(inbound?.bytesReceived) ?? num(pair?.bytesReceived) ?? 0,
    packetsReceived: num(inbound?.packetsReceived) ?? 0,
    packetsLost: Math.max(0, num(inbound?.packetsLost) ?? 0),
    concealedSamples: num(inbound?.concealedSamples) ?? 0,
    totalSamplesReceived: num(inbound?.totalSamplesReceived) ?? 0,
  };
  const rtt = num(pair?.currentRoundTripTime);
  const jitter = num(inbound?.jitter);
  const seconds = previous ? (at - previous.at) / 1000 : 0;
  const delta = (key: keyof StatsCounters) => (previous ? counters[key] - previous[key] : 0);
  const rate = (key: 'bytesSent' | 'bytesReceived') =>
    seconds > 0 && delta(key) >= 0 ? (delta(key) * 8) / seconds : null;
  const lost = delta('packetsLost');
  const expected = lost + delta('packetsReceived');
  const samples = delta('totalSamplesReceived');
  return {
    at,
    transport: 'webrtc',
    rttMs: rtt === null ? null : rtt * 1000,
    jitterMs: jitter === null ? null : jitter * 1000,
    lossRatio: previous && expected > 0 ? Math.max(0, lost) / expected : null,
    sendBitrate: rate('bytesSent'),
    receiveBitrate: rate('bytesReceived'),
    concealedRatio: previous && samples > 0 ? Math.min(1, Math.max(0, delta('concealedSamples')) / samples) : null,
    candidateType: typeof local?.candidateType === 'string' ? local.candidateType : null,
    bufferedBytes: null,
    counters,
  };
}

/** A WebSocket transport's reading: its ping round trip and the bytes waiting in the socket. */
export function webSocketSample(at: number, rttMs: number | null, bufferedBytes: number): CallQualitySample {
  return {
    at,
    transport: 'websocket',
    rttMs,
    jitterMs: null,
    lossRatio: null,
    sendBitrate: null,
    receiveBitrate: null,
    concealedRatio: null,
    candidateType: null,
    bufferedBytes,
    counters: null,
  };
}

// Thresholds from ITU-T G.114 (one-way delay under 150 ms is good; rtt is twice that) and the usual VoIP
// rule of thumb for Opus with FEC (loss over 2% audible, over 8% hard to follow).
const LIMITS = [
  { key: 'lossRatio', fair: 0.02, poor: 0.08, say: (v: number) => `packet loss ${Math.round(v * 100)}%` },
  {
    key: 'concealedRatio',
    fair: 0.05,
    poor: 0.15,
    say: (v: number) => `${Math.round(v * 100)}% of the audio concealed`,
  },
  { key: 'rttMs', fair: 300, poor: 600, say: (v: number) => `round trip ${Math.round(v)} ms` },
  { key: 'jitterMs', fair: 30, poor: 60, say: (v: number) => `jitter ${Math.round(v)} ms` },
  {
    key: 'bufferedBytes',
    fair: 64_000,
    poor: 256_000,
    say: (v: number) => `${Math.round(v / 1000)} kB waiting to be sent`,
  },
] as const;

/** The worst figure of a sample decides; its reason says which, in words a user can act on. */
export function judgeCallQuality(sample: CallQualitySample | null): CallQualityVerdict {
  let worst: CallQualityVerdict = { level: 'good', reason: null };
  if (!sample) return worst;
  for (const limit of LIMITS) {
    const value = sample[limit.key];
    if (value === null) continue;
    const level: CallQualityLevel = value >= limit.poor ? 'poor' : value >= limit.fair ? 'fair' : 'good';
    if (rank(level) > rank(worst.level)) worst = { level, reason: limit.say(value) };
  }
  return worst;
}

const rank = (level: CallQualityLevel) => (level === 'poor' ? 2 : level === 'fair' ? 1 : 0);
