import { describe, expect, it } from 'vitest';
import { RealtimeError } from '../core/errors.js';
import type { Transport } from '../transport/Transport.js';
import { createCall } from './call.js';
import type { SessionAudioEngine } from './SessionAudioEngine.js';

function stream() {
  const track = {
    readyState: 'live',
    stop() {
      this.readyState = 'ended';
    },
  };
  return { track, stream: { getTracks: () => [track], getAudioTracks: () => [track] } as unknown as MediaStream };
}
const engine = () => {
  const record = { closed: 0 };
  return { record, engine: { close: async () => void record.closed++ } as unknown as SessionAudioEngine };
};
const transport = () => {
  const record = { closed: 0 };
  return { record, transport: { close: () => void record.closed++ } as unknown as Transport };
};

describe('a call', () => {
  it('frees everything once at cleanup, and closes the engine before resolving', async () => {
    const levels: string[] = [];
    const call = createCall(() => levels.push('engine closed'));
    const mic = stream();
    const e = engine();
    const t = transport();
    const released: string[] = [];
    call.stream = mic.stream;
    call.engine = e.engine;
    call.transport = t.transport;
    call.own(() => released.push('listener'));
    await call.cleanup();
    await call.cleanup();
    expect([mic.track.readyState, e.record.closed, t.record.closed, released, levels]).toEqual([
      'ended',
      1,
      1,
      ['listener'],
      ['engine closed'],
    ]);
    expect(call.signal.aborted).toBe(true);
  });

  it('frees what is handed to it after the cleanup ran (a late mic grant, an engine made by code still running)', async () => {
    const call = createCall(() => undefined);
    await call.cleanup();
    const mic = stream();
    const e = engine();
    const t = transport();
    let released = false;
    call.stream = mic.stream;
    call.engine = e.engine;
    call.transport = t.transport;
    call.own(() => (released = true));
    await Promise.resolve();
    expect([mic.track.readyState, e.record.closed, t.record.closed, released, call.engine]).toEqual([
      'ended',
      1,
      1,
      true,
      null,
    ]);
  });

  it('fails from outside an await: fail() and an armed timeout reject `failed`', async () => {
    const call = createCall(() => undefined);
    call.fail(new RealtimeError('aborted', 'stop'));
    await expect(call.failed).rejects.toMatchObject({ code: 'aborted' });
    const timed = createCall(() => undefined);
    timed.armTimeout(1, () => Promise.resolve(new RealtimeError('connect_timeout', 'late')));
    await expect(timed.failed).rejects.toMatchObject({ code: 'connect_timeout' });
  });
});
