import { describe, expect, it } from 'vitest';
import { createOutputGate } from './createOutputGate.js';

function fakeStream() {
  const track = { enabled: true };
  return { track, stream: { getAudioTracks: () => [track] } as unknown as MediaStream };
}

describe('createOutputGate', () => {
  it('silences the played track on interrupt and reopens for the next response only', () => {
    const { track, stream } = fakeStream();
    const gate = createOutputGate(() => stream);
    gate.close('resp_1');
    expect(track.enabled).toBe(false);
    gate.onServerEvent({ type: 'output_audio_buffer.started', response_id: 'resp_1' });
    expect(track.enabled).toBe(false);
    gate.onServerEvent({ type: 'output_audio_buffer.started', response_id: 'resp_2' });
    expect(track.enabled).toBe(true);
  });

  it('closes when the server clears its buffer (barge-in); reset() reopens; no stream is fine', () => {
    const { track, stream } = fakeStream();
    const gate = createOutputGate(() => stream);
    gate.onServerEvent({ type: 'output_audio_buffer.cleared', response_id: 'resp_1' });
    expect(track.enabled).toBe(false);
    gate.reset();
    expect(track.enabled).toBe(true);
    expect(() => createOutputGate(() => null).close('x')).not.toThrow();
  });
});
