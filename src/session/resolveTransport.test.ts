import { describe, expect, it } from 'vitest';
import type { TransportContext } from '../transport/Transport.js';
import { createScriptedTransport } from '../testing/scripted/createScriptedTransport.js';
import { resolveEnvironment } from './resolveEnvironment.js';
import { createTransport } from './resolveTransport.js';

class NoPeer {}
const env = (withPeer: boolean) =>
  resolveEnvironment({
    fetch: async () => new Response(''),
    ...(withPeer ? { RTCPeerConnection: NoPeer as unknown as typeof RTCPeerConnection } : {}),
  });

describe('the transport option', () => {
  it("defaults to WebRTC; 'auto' picks it where the browser has RTCPeerConnection", () => {
    for (const option of [undefined, 'webrtc', 'auto'] as const) {
      const transport = createTransport(option, () => undefined, env(true));
      expect(transport.status).toBe('new');
      expect(typeof (transport as { replaceInputTrack?: unknown }).replaceInputTrack).toBe('function');
      expect(typeof transport.media?.setInput).toBe('function');
    }
  });

  it("'websocket', and 'auto' without WebRTC, say clearly that the WebSocket transport is not available yet", () => {
    expect((globalThis as { RTCPeerConnection?: unknown }).RTCPeerConnection).toBeUndefined(); // Node has none
    for (const option of ['websocket', 'auto'] as const) {
      expect(() => createTransport(option, () => undefined, env(false))).toThrow(
        expect.objectContaining({
          code: 'unsupported_environment',
          message: expect.stringMatching(/WebSocket transport .* not available/) as unknown,
        }),
      );
    }
    expect(() => createTransport('webrtc', () => undefined, env(false))).toThrow(
      expect.objectContaining({ code: 'unsupported_environment' }),
    );
  });

  it('a factory gets the session’s apiBaseUrl and environment, and its transport is used as it is', () => {
    const seen: TransportContext[] = [];
    const scripted = createScriptedTransport();
    const transport = createTransport(
      (context) => {
        seen.push(context);
        return scripted(context);
      },
      () => 'http://127.0.0.1:9/v1',
      env(true),
    );
    expect(transport.media).toBeUndefined();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ apiBaseUrl: 'http://127.0.0.1:9/v1', RTCPeerConnection: NoPeer });
    expect(typeof seen[0]!.fetch).toBe('function');
  });
});
