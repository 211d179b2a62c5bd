import { afterEach, describe, expect, it, vi } from 'vitest';
import { RealtimeError } from '../../core/errors.js';
import type { ClientEvent } from '../../core/protocol/events.js';
import { selectTranscript } from '../../core/state/selectors.js';
import { createRealtimeStore } from '../../core/state/store.js';
import { createScriptedTransport } from '../../testing/scripted/createScriptedTransport.js';
import { createRealtimeSession } from '../createRealtimeSession.js';
import type { RealtimeSession } from '../types.js';
import { createMessageSender } from './sendMessage.js';
import type { ImageCodec } from './types.js';

/** Decodes anything but the string 'broken' to 800x600; encodes to a small data URL naming the size. */
const codec: ImageCodec = {
  decode: (source) =>
    source === 'broken'
      ? Promise.reject(new Error('not an image'))
      : Promise.resolve({ width: 800, height: 600, close: () => undefined }),
  encode: (_image, width, height) => Promise.resolve(`data:image/jpeg;base64,${btoa(`${width}x${height}`)}`),
};

function sender() {
  const store = createRealtimeStore();
  store.apply({ type: 'status', status: 'connected' });
  const sent: ClientEvent[] = [];
  const requestResponse = vi.fn();
  const messages = createMessageSender({
    store,
    send: (event) => sent.push(event),
    requestResponse,
    codec: () => Promise.resolve(codec),
  });
  return { store, sent, requestResponse, messages };
}

const created = (sent: ClientEvent[]) =>
  sent.find((e) => e.type === 'conversation.item.create') as Extract<ClientEvent, { type: 'conversation.item.create' }>;

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createMessageSender', () => {
  it('sends text and a re-encoded image, and once the server has the item shows its thumbnail and asks for a reply', async () => {
    const { store, sent, requestResponse, messages } = sender();
    const done = messages.sendMessage(
      [
        { type: 'input_text', text: 'What is this?' },
        { type: 'input_image', image: new Blob(['png']), alt: 'A red square', detail: 'low' },
      ],
      { maxDimension: 400 },
    );
    await flush();
    const event = created(sent);
    expect(event.item).toMatchObject({
      type: 'message',
      role: 'user',
      content: [
        { type: 'input_text', text: 'What is this?' },
        { type: 'input_image', image_url: `data:image/jpeg;base64,${btoa('400x300')}`, detail: 'low' },
      ],
    });
    expect(requestResponse).not.toHaveBeenCalled();
    // The server's copy, as it echoes it (without the alt text, which never leaves the page).
    store.receive({
      type: 'conversation.item.added',
      previous_item_id: null,
      item: { ...event.item, status: 'completed' },
    });
    const id = await done;
    expect(id).toBe(event.item.id);
    expect(requestResponse).toHaveBeenCalledTimes(1);
    const [entry] = selectTranscript(store.getState());
    expect(entry).toMatchObject({ role: 'user', text: 'What is this?' });
    expect(entry?.images).toEqual([{ url: `data:image/jpeg;base64,${btoa('400x300')}`, alt: 'A red square' }]);
    // The final copy keeps the alt text.
    store.receive({
      type: 'conversation.item.done',
      previous_item_id: null,
      item: { ...event.item, status: 'completed' },
    });
    expect(selectTranscript(store.getState())[0]?.images?.[0]?.alt).toBe('A red square');
  });

  it('shares maxBytes between the images of one message', async () => {
    const { store, sent } = sender();
    // 800x600 at quality 0.85 is 40 800 characters: under 60 000 alone, over each image's half of it.
    const sized: ImageCodec = {
      decode: (source) => codec.decode(source),
      encode: (_image, width, height, quality) =>
        Promise.resolve(`data:image/jpeg;base64,${'A'.repeat(Math.round(width * height * quality * 0.1))}`),
    };
    const messages = createMessageSender({
      store,
      send: (event) => sent.push(event),
      requestResponse: () => undefined,
      codec: () => Promise.resolve(sized),
    });
    const done = messages
      .sendMessage(
        [
          { type: 'input_image', image: new Blob(['a']) },
          { type: 'input_image', image: new Blob(['b']) },
        ],
        { maxBytes: 60_000 },
      )
      .catch((e: unknown) => e);
    await vi.waitFor(() => expect(created(sent)).toBeDefined(), { timeout: 5_000 });
    const urls = (created(sent).item as { content: Array<{ image_url: string }> }).content.map((p) => p.image_url);
    expect(urls).toHaveLength(2);
    for (const url of urls) expect(url.length).toBeLessThanOrEqual(30_000);
    messages.reset();
    await done;
  });

  it('rejects undecodable input with invalid_image and sends nothing', async () => {
    const { sent, messages } = sender();
    const error = await messages.sendMessage([{ type: 'input_image', image: 'broken' }]).catch((e: unknown) => e);
    expect((error as RealtimeError).code).toBe('invalid_image');
    expect(sent).toEqual([]);
  });

  it('rejects with invalid_image when the server refuses the image, and asks for no reply', async () => {
    const { store, sent, requestResponse, messages } = sender();
    const done = messages.sendMessage([{ type: 'input_image', image: new Blob(['x']) }]).catch((e: unknown) => e);
    await vi.waitFor(() => expect(created(sent)).toBeDefined(), { timeout: 5_000 });
    store.receive({
      type: 'error',
      error: {
        type: 'invalid_request_error',
        code: 'invalid_value',
        message: "Invalid 'item.content[0].image_url'.",
        param: 'item.content[0].image_url',
        event_id: created(sent).event_id,
      },
    });
    const error = (await done) as RealtimeError;
    expect(error).toBeInstanceOf(RealtimeError);
    expect(error.code).toBe('invalid_image');
    expect(error.param).toBe('item.content[0].image_url');
    expect(requestResponse).not.toHaveBeenCalled();
  });

  it('rejects with not_connected before encoding anything when there is no call', async () => {
    const { store, sent, messages } = sender();
    store.apply({ type: 'status', status: 'closed' });
    const error = await messages.sendMessage('hi').catch((e: unknown) => e);
    expect((error as RealtimeError).code).toBe('not_connected');
    expect(sent).toEqual([]);
  });

  it('fails a message still waiting for the server with aborted when the call ends', async () => {
    const { sent, messages } = sender();
    const done = messages.sendMessage('hello').catch((e: unknown) => e);
    await vi.waitFor(() => expect(created(sent)).toBeDefined(), { timeout: 5_000 });
    messages.reset();
    expect(((await done) as RealtimeError).code).toBe('aborted');
  });
});

describe('session.sendMessage', () => {
  const sessions: RealtimeSession[] = [];
  afterEach(async () => {
    for (const session of sessions.splice(0)) await session.disconnect();
  });

  it('loads with the features, and the scripted reply follows the image message', async () => {
    const scripted = createScriptedTransport({ replies: ['A red square.'] });
    const session = createRealtimeSession({
      transport: scripted,
      getClientSecret: async () => 'ek_scripted',
      environment: { imageCodec: codec },
    });
    sessions.push(session);
    await session.connect();
    const id = await session.sendMessage([{ type: 'input_image', image: new Blob(['x']), alt: 'A drawing' }]);
    await scripted.settled();
    const transcript = selectTranscript(session.store.getState());
    expect(transcript.map((e) => [e.role, e.text])).toEqual([
      ['user', ''],
      ['assistant', 'A red square.'],
    ]);
    expect(transcript[0]).toMatchObject({ id, images: [{ alt: 'A drawing' }] });
    expect(scripted.received.filter((e) => e.type === 'response.create')).toHaveLength(1);
  });

  it('rejects with not_connected before connect()', async () => {
    const session = createRealtimeSession({ transport: createScriptedTransport(), getClientSecret: async () => 'ek' });
    sessions.push(session);
    await expect(session.sendMessage('hi')).rejects.toMatchObject({ code: 'not_connected' });
  });
});
