import { describe, expect, it } from 'vitest';
import { createProcessor, loadPcmPlayerProcessor, type PortLike } from '../../../test/support/workletScope.js';
import {
  KIND_CLEARED,
  KIND_PROGRESS,
  KIND_STARTED,
  REPORT_EXTRA,
  REPORT_KIND,
  REPORT_PLAYED,
  REPORT_TOKEN,
  type PcmPlayerCommand,
} from './pcmPlayerProtocol.js';

// The shipped worklet module in a minimal worklet scope, fed synthetic render quanta.

function port() {
  const posted: Float64Array[] = [];
  const p: PortLike & { send(command: PcmPlayerCommand): void } = {
    onmessage: null,
    postMessage: (message) => posted.push(Float64Array.from(message as Float64Array)),
    send(command) {
      this.onmessage?.({ data: command } as MessageEvent);
    },
  };
  return { p, posted };
}

async function player(processorOptions = {}) {
  const ctor = await loadPcmPlayerProcessor();
  const { p, posted } = port();
  const processor = createProcessor(ctor, { sampleRate: 48000, port: p, processorOptions });
  const out = [new Float32Array(128), new Float32Array(128)];
  const quantum = () => processor.process([], [out], {});
  return { processor, p, posted, out, quantum };
}

describe('pcmPlayer worklet', () => {
  it('plays pushed PCM on both channels, reports its first sample and then at the report interval only', async () => {
    const { p, posted, out, quantum } = await player({ reportIntervalMs: 50 });
    p.send({ type: 'push', token: 3, pcm: new Int16Array(4800).fill(16384) });
    expect(quantum()).toBe(true);
    expect(out[0]![0]).toBeCloseTo(0.5, 6);
    expect(Array.from(out[1]!)).toEqual(Array.from(out[0]!));
    expect(posted.map((r) => r[REPORT_KIND])).toEqual([KIND_STARTED]);
    expect(posted[0]![REPORT_TOKEN]).toBe(3);
    // 100 ms at 48 kHz is 37.5 quanta: two progress reports, not one per quantum.
    for (let i = 0; i < 37; i++) quantum();
    expect(posted.filter((r) => r[REPORT_KIND] === KIND_PROGRESS)).toHaveLength(2);
    expect(posted.at(-1)![REPORT_PLAYED]).toBe(64 * 38);
  });

  it('clear answers with the exact position and the very next quantum is silent', async () => {
    const { p, posted, out, quantum } = await player();
    p.send({ type: 'push', token: 1, pcm: new Int16Array(24000).fill(8000) });
    for (let i = 0; i < 10; i++) quantum();
    p.send({ type: 'clear', request: 42 });
    const answer = posted.at(-1)!;
    expect([answer[REPORT_KIND], answer[REPORT_TOKEN], answer[REPORT_PLAYED], answer[REPORT_EXTRA]]).toEqual([
      KIND_CLEARED,
      1,
      640,
      42,
    ]);
    quantum();
    expect(out[0]!.every((v) => v === 0)).toBe(true);
  });

  it('stop ends the processor', async () => {
    const { p, quantum } = await player();
    p.send({ type: 'stop' });
    expect(quantum()).toBe(false);
  });
});
