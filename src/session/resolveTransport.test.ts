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
  it("defaults to WebRTC; 'auto' where the browser has RTCPeerConnection loads its WebRTC-then-WebSocket code at connect()", () => {
    for (const option of [undefined, 'webrtc'] as const) {
      const transport = createTransport(option, () => undefined, env(true));
      expect(transport.status).toBe('new');
      expect(typeof (transport as { replaceInputTrack?: unknown }).replaceInputTrack).toBe('function');
      expect(typeof transport.media?.setInput).toBe('function');
    }
    const auto = createTransport('auto', () => undefined, env(true));
    expect(auto.status).toBe('new');
    expect(typeof auto.media?.setInput).toBe('function');
    auto.close();
    expect(auto.status).toBe('closed');
  });

  it("'websocket', and 'auto' without WebRTC, give the WebSocket transport; its code loads only at connect()", () => {
    expect((globalThis as { RTCPeerConnection?: unknown }).RTCPeerConnection).toBeUndefined(); // Node has none
    for (const option of ['websocket', 'auto'] as const) {
      const transport = createTransport(option, () => undefined, env(false));
      expect(transport.status).toBe('new');
      expect(typeof transport.media?.setInput).toBe('function');
      expect(() => transport.send({ type: 'response.create' })).toThrow(
        expect.objectContaining({ code: 'not_connected' }),
      );
      // Node: no AudioContext, so audio comes from appendInputAudio and the session opens no microphone.
      expect(transport.media?.usesMic).toBe(false);
      transport.close();
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
