import { describe, expect, it } from 'vitest';
import { RealtimeError } from '../../core/errors.js';
import { fitImage, MAX_SOURCE_BYTES, MIN_DIMENSION, scaledSize } from './fitImage.js';
import type { DecodedImage, ImageCodec } from './types.js';

/**
 * A codec without a DOM: "decodes" to the given size and "encodes" to a data URL whose length follows the pixel
 * count and the quality, as JPEG's does, so the fitting can be checked exactly.
 */
function fakeCodec(width: number, height: number, bytesPerPixel = 0.5) {
  const calls: Array<{ width: number; height: number; quality: number }> = [];
  let open = 0;
  const codec: ImageCodec = {
    decode: () => {
      open++;
      return Promise.resolve({ width, height, close: () => void open-- } satisfies DecodedImage);
    },
    encode: (_image, w, h, quality) => {
      calls.push({ width: w, height: h, quality });
      return Promise.resolve(`data:image/jpeg;base64,${'A'.repeat(Math.round(w * h * bytesPerPixel * quality))}`);
    },
  };
  return { codec, calls, open: () => open };
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error as RealtimeError,
  );

describe('fitImage', () => {
  it('scales the longest side down to maxDimension, never up', () => {
    expect(scaledSize(4000, 3000, 1024)).toEqual({ width: 1024, height: 768 });
    expect(scaledSize(300, 600, 1024)).toEqual({ width: 300, height: 600 });
  });

  it('encodes at the first quality that fits, at the bounded size, and frees the decoded image', async () => {
    const { codec, calls, open } = fakeCodec(4000, 3000);
    const fitted = await fitImage(codec, new Blob(['x']), 1024, 400_000);
    expect(fitted).toMatchObject({ width: 1024, height: 768 });
    expect(calls).toEqual([{ width: 1024, height: 768, quality: 0.85 }]);
    expect(fitted.url.length).toBeLessThanOrEqual(400_000);
    expect(open()).toBe(0);
  });

  it('lowers the quality, then the size, until the data URL fits', async () => {
    const { codec, calls } = fakeCodec(2048, 1536);
    const fitted = await fitImage(codec, new Blob(['x']), 1024, 150_000);
    expect(calls.slice(0, 3).map((c) => c.quality)).toEqual([0.85, 0.7, 0.55]);
    expect(calls[3]).toMatchObject({ width: 768, height: 576, quality: 0.85 });
    expect(fitted.url.length).toBeLessThanOrEqual(150_000);
    expect(fitted.width).toBeLessThan(1024);
  });

  it('rejects with image_too_large when even the smallest size does not fit', async () => {
    const { codec, calls, open } = fakeCodec(2000, 2000, 50);
    const error = await failure(fitImage(codec, new Blob(['x']), 1024, 10_000));
    expect(error).toBeInstanceOf(RealtimeError);
    expect(error?.code).toBe('image_too_large');
    expect(error?.message).toMatch(/maxBytes/);
    expect(Math.min(...calls.map((c) => Math.max(c.width, c.height)))).toBe(MIN_DIMENSION);
    expect(open()).toBe(0);
  });

  it('refuses a file over the source limit before decoding it', async () => {
    const { codec, calls, open } = fakeCodec(10, 10);
    const huge = { size: MAX_SOURCE_BYTES + 1 };
    Object.setPrototypeOf(huge, Blob.prototype);
    const error = await failure(fitImage(codec, huge as Blob, 1024, 150_000));
    expect(error?.code).toBe('image_too_large');
    expect(calls).toEqual([]);
    expect(open()).toBe(0);
  });

  it('refuses an image of too many pixels, and frees it', async () => {
    const { codec, open } = fakeCodec(10_000, 10_000);
    expect((await failure(fitImage(codec, new Blob(['x']), 1024, 150_000)))?.code).toBe('image_too_large');
    expect(open()).toBe(0);
  });

  it('rejects with invalid_image when the source cannot be decoded, keeping the cause', async () => {
    const cause = new Error('The source image could not be decoded.');
    const codec: ImageCodec = { decode: () => Promise.reject(cause), encode: () => Promise.resolve('') };
    const error = await failure(fitImage(codec, 'data:image/png;base64,AAAA', 1024, 150_000));
    expect(error?.code).toBe('invalid_image');
    expect(error?.cause).toBe(cause);
  });

  it('rejects an empty (0 pixel) image with invalid_image', async () => {
    const { codec, open } = fakeCodec(0, 10);
    expect((await failure(fitImage(codec, new Blob(['x']), 1024, 150_000)))?.code).toBe('invalid_image');
    expect(open()).toBe(0);
  });
});
