import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { base64ToPcm16, pcm16ToBase64 } from '../../audio/base64.js';
import { startSocketServer } from '../../../test/support/socketServer.js';
import { createPcmUplink } from './createPcmUplink.js';
import { createWebSocketAudio, type OutputAudioEvent } from './createWebSocketAudio.js';
import { createWebSocketTransport } from './createWebSocketTransport.js';

// The Node path of a WebSocket session over a real socket, the way docs/WEBSOCKET.md wires it: the `ws` class
// injected, appendInputAudio through the uplink, output_audio out of the audio link, and an interruption that
// truncates at what the app reported as played. The server side only records and replays frames.

let server: Awaited<ReturnType<typeof startSocketServer>> | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function connectNode() {
  server = await startSocketServer();
  const transport = createWebSocketTransport({ apiBaseUrl: `${server.origin}/v1`, WebSocket });
  const output: OutputAudioEvent[] = [];
  const audio = createWebSocketAudio({
    send: (event) => transport.send(event),
    serverCancelsOnSpeech: () => true,
    onOutputAudio: (event) => output.push(event),
  });
  transport.on('message', (raw) => audio.handleServerEvent(JSON.parse(raw) as { type: string }));
  const uplink = createPcmUplink({
    send: (event) => transport.send(event),
    bufferedAmount: () => transport.bufferedAmount,
  });
  const upgrade = server.nextUpgrade();
  await transport.connect('sk-node', new AbortController().signal);
  const peer = await upgrade;
  const received: Array<{ type: string; audio?: string; [key: string]: unknown }> = [];
  peer.socket.on('message', (data) =>
    received.push(JSON.parse((data as Buffer).toString()) as (typeof received)[number]),
  );
  return { transport, audio, uplink, output, peer, received };
}

describe('Node over WebSocket', () => {
  it('appendInputAudio: a second of PCM reaches the server as 50 ms appends, sample for sample', async () => {
    const { transport, uplink, received, peer } = await connectNode();
    expect(peer.authorization).toBe('Bearer sk-node');
    const pcm = Int16Array.from({ length: 24000 }, (_, i) => Math.round(10000 * Math.sin(i / 7)));
    // A phone line's 20 ms frames, re-chunked to 50 ms.
    for (let i = 0; i < pcm.length; i += 480) uplink.push(pcm.subarray(i, i + 480));
    uplink.flush();
    transport.send({ type: 'input_audio_buffer.commit' });
    await expect.poll(() => received.length).toBe(21);
    expect(received.slice(0, 20).every((e) => e.type === 'input_audio_buffer.append')).toBe(true);
    expect(received[20]!.type).toBe('input_audio_buffer.commit');
    const echoed = received.slice(0, 20).flatMap((e) => Array.from(base64ToPcm16(e.audio!)));
    expect(echoed).toEqual(Array.from(pcm));
    transport.close();
  });

  it('output_audio per delta; an interruption truncates at the samples the app reported played', async () => {
    const { transport, audio, output, peer, received } = await connectNode();
    const send = (event: object) => peer.socket.send(JSON.stringify(event));
    send({ type: 'response.created', response: { id: 'resp_9', status: 'in_progress' } });
    for (let i = 0; i < 4; i++) {
      send({
        type: 'response.output_audio.delta',
        response_id: 'resp_9',
        item_id: 'msg_9',
        output_index: 0,
        content_index: 0,
        delta: pcm16ToBase64(new Int16Array(2400).fill(i)),
      });
    }
    await expect.poll(() => output.length).toBe(4);
    expect(output.map((o) => [o.itemId, o.responseId, o.samples.length, o.samples[0]])).toEqual([
      ['msg_9', 'resp_9', 2400, 0],
      ['msg_9', 'resp_9', 2400, 1],
      ['msg_9', 'resp_9', 2400, 2],
      ['msg_9', 'resp_9', 2400, 3],
    ]);
    // The app (a phone bridge, say) has played 230 ms when the caller talks over it.
    audio.played('msg_9', 230 * 24);
    send({ type: 'input_audio_buffer.speech_started', audio_start_ms: 500, item_id: 'msg_user' });
    await expect
      .poll(() => received)
      .toEqual([{ type: 'conversation.item.truncate', item_id: 'msg_9', content_index: 0, audio_end_ms: 230 }]);
    transport.close();
  });
});
