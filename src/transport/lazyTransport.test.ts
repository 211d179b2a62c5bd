import { describe, expect, it } from 'vitest';
import { createEmitter } from './createEmitter.js';
import { lazyTransport } from './lazyTransport.js';
import type { Transport, TransportEventMap } from './Transport.js';

describe('lazyTransport', () => {
  it('passes the loaded transport’s getStats through (the liveness check reads it), undefined before', async () => {
    const report = new Map() as unknown as RTCStatsReport;
    const inner: Transport = {
      status: 'open',
      connect: () => Promise.resolve({ callId: 'rtc_1' }),
      send: () => undefined,
      close: () => undefined,
      on: createEmitter<TransportEventMap>().on,
      getStats: () => Promise.resolve(report),
    };
    const transport = lazyTransport(() => Promise.resolve(inner), true);
    expect(transport.getStats?.()).toBeUndefined();
    await transport.connect('', new AbortController().signal);
    expect(await transport.getStats?.()).toBe(report);
  });
});
