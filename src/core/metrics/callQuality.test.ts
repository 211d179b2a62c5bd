import { describe, expect, it } from 'vitest';
import { judgeCallQuality, readWebRtcStats, webSocketSample } from './callQuality.js';

// Shaped like Chromium's RTCStatsReport entries (only the fields read).
function report(extra: {
  lost: number;
  received: number;
  bytesIn: number;
  bytesOut: number;
  concealed: number;
  samples: number;
}) {
  return new Map<string, unknown>([
    ['T1', { id: 'T1', type: 'transport', selectedCandidatePairId: 'CP1' }],
    ['CP0', { id: 'CP0', type: 'candidate-pair', localCandidateId: 'L0', currentRoundTripTime: 9 }],
    [
      'CP1',
      {
        id: 'CP1',
        type: 'candidate-pair',
        localCandidateId: 'L1',
        currentRoundTripTime: 0.12,
        nominated: true,
        state: 'succeeded',
      },
    ],
    ['L1', { id: 'L1', type: 'local-candidate', candidateType: 'srflx' }],
    ['L0', { id: 'L0', type: 'local-candidate', candidateType: 'relay' }],
    [
      'IN',
      {
        id: 'IN',
        type: 'inbound-rtp',
        kind: 'audio',
        jitter: 0.012,
        packetsLost: extra.lost,
        packetsReceived: extra.received,
        bytesReceived: extra.bytesIn,
        concealedSamples: extra.concealed,
        totalSamplesReceived: extra.samples,
      },
    ],
    ['OUT', { id: 'OUT', type: 'outbound-rtp', kind: 'audio', bytesSent: extra.bytesOut }],
  ]);
}

describe('readWebRtcStats', () => {
  it('reads the selected pair, jitter, and rates against the previous report', () => {
    const first = readWebRtcStats(
      report({ lost: 0, received: 100, bytesIn: 10_000, bytesOut: 8_000, concealed: 0, samples: 48_000 }),
      1000,
      null,
    );
    expect(first).toMatchObject({
      rttMs: 120,
      jitterMs: 12,
      candidateType: 'srflx',
      lossRatio: null,
      sendBitrate: null,
    });
    const second = readWebRtcStats(
      report({ lost: 10, received: 190, bytesIn: 14_000, bytesOut: 12_000, concealed: 4_800, samples: 96_000 }),
      2000,
      first.counters,
    );
    expect(second.lossRatio).toBeCloseTo(10 / 100);
    expect(second.receiveBitrate).toBe(32_000);
    expect(second.sendBitrate).toBe(32_000);
    expect(second.concealedRatio).toBeCloseTo(0.1);
  });

  it("a WebSocket transport's report reads as its round trip and buffered bytes", () => {
    const report = new Map([
      ['websocket', { id: 'websocket', type: 'websocket', roundTripTime: 0.32, bufferedAmount: 700 }],
    ]);
    const sample = readWebRtcStats(report, 5, null);
    expect(sample).toEqual(webSocketSample(5, 320, 700));
    expect(judgeCallQuality(sample)).toEqual({ level: 'fair', reason: 'round trip 320 ms' });
    const first = readWebRtcStats(new Map([['websocket', { type: 'websocket', bufferedAmount: 0 }]]), 6, null);
    expect(first.rttMs).toBeNull();
  });

  it('an empty report gives nulls, not zeros', () => {
    const sample = readWebRtcStats(new Map(), 0, null);
    expect(sample).toMatchObject({ rttMs: null, jitterMs: null, lossRatio: null, candidateType: null });
  });
});

describe('judgeCallQuality', () => {
  const base = readWebRtcStats(new Map(), 0, null);
  it('good without figures, and when every figure is low', () => {
    expect(judgeCallQuality(null)).toEqual({ level: 'good', reason: null });
    expect(judgeCallQuality({ ...base, rttMs: 60, jitterMs: 5, lossRatio: 0 })).toEqual({
      level: 'good',
      reason: null,
    });
  });
  it('the worst figure decides and is named', () => {
    expect(judgeCallQuality({ ...base, rttMs: 350, lossRatio: 0.01 })).toEqual({
      level: 'fair',
      reason: 'round trip 350 ms',
    });
    expect(judgeCallQuality({ ...base, rttMs: 350, lossRatio: 0.1 })).toEqual({
      level: 'poor',
      reason: 'packet loss 10%',
    });
    expect(judgeCallQuality(webSocketSample(0, 40, 300_000))).toEqual({
      level: 'poor',
      reason: '300 kB waiting to be sent',
    });
  });
});
