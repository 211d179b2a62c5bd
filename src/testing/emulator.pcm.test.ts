import { describe, expect, it } from 'vitest';
import { SecretStore } from './SecretStore.js';
import { defaultSessionConfig } from './sessionConfig.js';
import { PcmDeltaOutput } from './websocket/PcmDeltaOutput.js';
import { PcmFramer, decodePcm16, downsampleTo24k, encodePcm16 } from './websocket/pcm.js';

describe('WebSocket PCM', () => {
  it('decodes base64 PCM16 and refuses what is not base64', () => {
    const pcm = Int16Array.from([0, 1, -1, 32767, -32768]);
    expect(Array.from(decodePcm16(encodePcm16(pcm)) as Int16Array)).toEqual(Array.from(pcm));
    expect(decodePcm16('not base64!')).toMatch(/base64/);
    expect(decodePcm16('abc')).toMatch(/base64/);
  });

  it('frames appended 24 kHz audio into 20 ms frames at 48 kHz, whatever the chunk sizes', () => {
    const frames: number[] = [];
    const framer = new PcmFramer((frame) => frames.push(frame.length));
    const second = new Int16Array(24_000).fill(1000);
    for (let i = 0; i < second.length; i += 777) framer.push(second.subarray(i, i + 777));
    expect(frames).toEqual(new Array(50).fill(960));
  });

  it('halves the rate on the way out', () => {
    expect(Array.from(downsampleTo24k(Int16Array.from([2, 4, 10, 20])))).toEqual([3, 15]);
  });

  it('delivers at four times real time, one item per delta, and remembers what each item got', async () => {
    const deltas: Array<{ item: string; samples: number }> = [];
    let drained = 0;
    const output = new PcmDeltaOutput(
      (event) =>
        deltas.push({
          item: event.item_id as string,
          samples: Buffer.from(event.delta as string, 'base64').length / 2,
        }),
      { onStarted: () => undefined, onDrained: () => drained++, onTick: () => undefined },
    );
    output.enqueue(new Int16Array(48_000 * 0.3), { responseId: 'r', itemId: 'a' });
    output.enqueue(new Int16Array(48_000 * 0.2), { responseId: 'r', itemId: 'b' });
    const started = performance.now();
    output.start();
    while (drained === 0) await new Promise((r) => setTimeout(r, 5));
    const elapsed = performance.now() - started;
    output.stop();
    expect(elapsed).toBeLessThan(400);
    expect(output.deliveredMs('a')).toBe(300);
    expect(output.deliveredMs('b')).toBe(200);
    expect(output.deliveredMs('c')).toBeUndefined();
    // 80 ms per 20 ms tick; a late timer is made up, at most 100 ms of clock (400 ms of audio) at once.
    expect(deltas.every((d) => d.samples <= 9600)).toBe(true);
  });
});

describe('SecretStore', () => {
  it('says expired for a while after expiry, then forgets the secret', () => {
    let now = 0;
    const store = new SecretStore(() => now);
    store.add({ value: 'ek_1', expiresAt: 1_000, session: defaultSessionConfig() });
    expect(store.get('ek_1')).toMatchObject({ value: 'ek_1' });
    now = 1_000;
    expect(store.get('ek_1')).toBe('expired');
    now = 3_500;
    store.purge();
    expect(store.size).toBe(0);
    expect(store.get('ek_1')).toBe('unknown');
    store.close();
  });
});
