// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { RealtimeError } from '../../core/errors.js';
import { captureFrame } from './captureFrame.js';

// The frame itself is drawn and encoded by a real browser: e2e/conversation.spec.ts "an image sent mid-call is answered".
describe('captureFrame', () => {
  it('rejects with invalid_image when the stream has no live video track', async () => {
    const ended = { readyState: 'ended' } as MediaStreamTrack;
    for (const tracks of [[], [ended]]) {
      const stream = { getVideoTracks: () => tracks } as unknown as MediaStream;
      const error = await captureFrame(stream).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RealtimeError);
      expect((error as RealtimeError).code).toBe('invalid_image');
      expect((error as RealtimeError).message).toMatch(/getUserMedia|getDisplayMedia/);
    }
  });

  it('rejects with invalid_image when a <video> shows nothing in time', async () => {
    const video = document.createElement('video');
    const error = await captureFrame(video, { timeoutMs: 20 }).catch((e: unknown) => e);
    expect((error as RealtimeError).code).toBe('invalid_image');
    expect((error as RealtimeError).message).toMatch(/20 ms/);
  });
});
