import { describe, expect, it } from 'vitest';
import { base64ToPcm16 } from '../../audio/base64.js';
import type { InputAudioBufferAppendEvent } from '../../core/protocol/events.js';
import { createPcmUplink } from './createPcmUplink.js';

function ramp(start: number, length: number): Int16Array {
  return Int16Array.from({ length }, (_, i) => (start + i) % 30000);
}

function setup(extra: { chunkSamples?: number; maxBufferedBytes?: number; maxQueuedSamples?: number } = {}) {
  const sent: InputAudioBufferAppendEvent[] = [];
  let buffered = 0;
  const uplink = createPcmUplink({ send: (e) => sent.push(e), bufferedAmount: () => buffered, ...extra });
  const samples = () => sent.flatMap((e) => Array.from(base64ToPcm16(e.audio)));
  return { uplink, sent, samples, setBuffered: (n: number) => (buffered = n) };
}

describe('createPcmUplink', () => {
  it('re-chunks any input into even appends of chunkSamples, in order, copying the input', () => {
    const { uplink, sent, samples } = setup({ chunkSamples: 100 });
    const input = ramp(0, 250);
    uplink.push(input.subarray(0, 70));
    uplink.push(input.subarray(70, 250));
    expect(sent.map((e) => base64ToPcm16(e.audio).length)).toEqual([100, 100]);
    uplink.flush();
    expect(sent.map((e) => base64ToPcm16(e.audio).length)).toEqual([100, 100, 50]);
    expect(samples()).toEqual(Array.from(input));
    expect(sent.every((e) => e.type === 'input_audio_buffer.append')).toBe(true);
    expect(uplink.stats).toMatchObject({ sentSamples: 250, sentChunks: 3, droppedSamples: 0, queuedSamples: 0 });
  });

  it("reuses the caller's buffer safely (the mic worklet takes its buffer back)", () => {
    const { uplink, samples } = setup({ chunkSamples: 4 });
    const shared = new Int16Array([1, 2, 3]);
    uplink.push(shared);
    shared.set([4, 5, 6]);
    uplink.push(shared);
    uplink.flush();
    expect(samples()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('holds chunks back while the socket is backed up, sends them in order when it drains', () => {
    const { uplink, sent, samples, setBuffered } = setup({ chunkSamples: 10, maxBufferedBytes: 1000 });
    setBuffered(5000);
    uplink.push(ramp(0, 35));
    expect(sent).toEqual([]);
    expect(uplink.stats.queuedSamples).toBe(30);
    setBuffered(0);
    uplink.drain();
    expect(sent).toHaveLength(3);
    uplink.flush();
    expect(samples()).toEqual(Array.from(ramp(0, 35)));
  });

  it('bounds the wait: past maxQueuedSamples the oldest audio is dropped and counted', () => {
    const { uplink, samples, setBuffered } = setup({ chunkSamples: 10, maxQueuedSamples: 30 });
    setBuffered(1e9);
    uplink.push(ramp(0, 100));
    expect(uplink.stats).toMatchObject({ queuedSamples: 30, droppedSamples: 70, sentSamples: 0 });
    setBuffered(0);
    uplink.drain();
    expect(samples()).toEqual(Array.from(ramp(70, 30)));
  });

  it('flush sends everything even while backed up (a commit must follow all the audio)', () => {
    const { uplink, sent, setBuffered } = setup({ chunkSamples: 10 });
    setBuffered(1e9);
    uplink.push(ramp(0, 25));
    uplink.flush();
    expect(sent.map((e) => base64ToPcm16(e.audio).length)).toEqual([10, 10, 5]);
  });

  it('refuses anything but Int16Array with a TypeError saying what to pass', () => {
    const { uplink } = setup();
    expect(() => uplink.push(new Float32Array(10) as unknown as Int16Array)).toThrow(/Int16Array.*floatToPcm16/);
  });

  it('clear forgets unsent audio', () => {
    const { uplink, sent, setBuffered } = setup({ chunkSamples: 10 });
    setBuffered(1e9);
    uplink.push(ramp(0, 25));
    uplink.clear();
    setBuffered(0);
    uplink.flush();
    expect(sent).toEqual([]);
    expect(uplink.stats.queuedSamples).toBe(0);
  });

  it('default chunks are 50 ms at 24 kHz: 1 s of speech is 20 appends carrying 48,000 bytes of PCM', () => {
    const { uplink, sent } = setup();
    for (let i = 0; i < 20; i++) uplink.push(ramp(i * 1200, 1200));
    expect(sent).toHaveLength(20);
    const pcmBytes = sent.reduce((n, e) => n + base64ToPcm16(e.audio).byteLength, 0);
    expect(pcmBytes).toBe(48000);
  });
});
