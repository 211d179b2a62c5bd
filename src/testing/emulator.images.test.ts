import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { scenario, startRealtimeEmulator } from '../entries/testing.js';
import type { RealtimeEmulator } from '../entries/testing.js';
import { type RtcClient, connectedClient } from '../../test/support/rtcClient.js';
import { imageSize } from './engine/images.js';

let emulator: RealtimeEmulator;
const clients: RtcClient[] = [];

beforeAll(async () => {
  emulator = await startRealtimeEmulator({ sessionLimitMs: 60_000 });
});
afterEach(async () => {
  await fetch(`${emulator.url}/__emulator/reset`, { method: 'POST' });
  await Promise.all(clients.splice(0).map((c) => c.close()));
});
afterAll(() => emulator.close());

/** The smallest PNG header the emulator reads: signature and IHDR with the size. */
function pngHeader(width: number, height: number): string {
  const bytes = Buffer.alloc(33);
  bytes.writeUInt32BE(0x89504e47, 0);
  bytes.writeUInt32BE(0x0d0a1a0a, 4);
  bytes.writeUInt32BE(13, 8);
  bytes.write('IHDR', 12, 'ascii');
  bytes.writeUInt32BE(width, 16);
  bytes.writeUInt32BE(height, 20);
  return `data:image/png;base64,${bytes.toString('base64')}`;
}

/** A JPEG's start: SOI, an APP0 segment, then SOF0 with the size. */
function jpegHeader(width: number, height: number): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x04, 0x00, 0x00]);
  const sof = Buffer.from([
    0xff,
    0xc0,
    0x00,
    0x0b,
    0x08,
    height >> 8,
    height & 255,
    width >> 8,
    width & 255,
    1,
    1,
    0x11,
    0,
  ]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof]);
}

const imageMessage = (imageUrl: unknown, extra: Record<string, unknown> = {}) => ({
  type: 'conversation.item.create',
  event_id: 'evt_img',
  item: { type: 'message', role: 'user', content: [{ type: 'input_image', image_url: imageUrl, ...extra }] },
});

describe('image input', () => {
  it('reads the size of PNG and JPEG data', () => {
    expect(imageSize(Buffer.from(pngHeader(640, 480).split(',')[1]!, 'base64'))).toEqual({
      width: 640,
      height: 480,
      type: 'png',
    });
    expect(imageSize(jpegHeader(1024, 768))).toEqual({ width: 1024, height: 768, type: 'jpeg' });
    expect(imageSize(Buffer.from('GIF89a........'))).toBeNull();
  });

  it('answers a message with an image by a scripted reply that mentions it, without taking a step', async () => {
    emulator.setScenario(scenario().reply('The first scripted reply.'));
    const client = await connectedClient(emulator.apiBaseUrl, clients, { output_modalities: ['text'] });
    client.send(imageMessage(`data:image/jpeg;base64,${jpegHeader(320, 200).toString('base64')}`, { detail: 'low' }));
    const added = await client.waitFor('conversation.item.added');
    expect(added.item).toMatchObject({ role: 'user', content: [{ type: 'input_image', detail: 'low' }] });
    client.send({ type: 'response.create' });
    const done = await client.waitFor('response.done', 8000);
    expect(JSON.stringify(done.response)).toContain('I see your image: a JPEG of 320 by 200 pixels.');
    const from = client.events.length;
    client.send({ type: 'response.create' });
    const next = await client.waitFor('response.done', 8000, from);
    expect(JSON.stringify(next.response)).toContain('The first scripted reply.');
  });

  it('refuses what OpenAI refuses, with an error naming the part and the client event', async () => {
    const client = await connectedClient(emulator.apiBaseUrl, clients);
    const refusals: Array<[unknown, Record<string, unknown>, string]> = [
      ['https://example.com/cat.png', {}, 'item.content[0].image_url'],
      ['data:image/png;base64,bm90IGFuIGltYWdl', {}, 'item.content[0].image_url'],
      ['data:image/gif;base64,R0lGODlh', {}, 'item.content[0].image_url'],
      [undefined, {}, 'item.content[0].image_url'],
      [pngHeader(10, 10), { detail: 'ultra' }, 'item.content[0].detail'],
    ];
    for (const [url, extra, param] of refusals) {
      const from = client.events.length;
      client.send(imageMessage(url, extra));
      const error = await client.waitFor('error', 5000, from);
      expect(error.error).toMatchObject({ type: 'invalid_request_error', param, event_id: 'evt_img' });
    }
    const { calls } = (await (await fetch(`${emulator.url}/__emulator/calls`)).json()) as {
      calls: Array<{ id: string }>;
    };
    const { items } = (await (await fetch(`${emulator.url}/__emulator/calls/${calls[0]!.id}/items`)).json()) as {
      items: unknown[];
    };
    expect(items).toEqual([]);
  });
});
