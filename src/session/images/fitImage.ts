import { RealtimeError } from '../../core/errors.js';
import type { DecodedImage, ImageCodec, ImageSource } from './types.js';

export const DEFAULT_MAX_DIMENSION = 1024;
export const DEFAULT_MAX_BYTES = 150_000;
/** A file this big is refused before decoding: decoding it could take the tab's memory. */
export const MAX_SOURCE_BYTES = 25 * 1024 * 1024;
/** Decoded images beyond this many pixels are refused for the same reason. */
export const MAX_SOURCE_PIXELS = 50_000_000;
/** Below this longest side an image says too little to be worth sending: `image_too_large` instead. */
export const MIN_DIMENSION = 256;
const QUALITIES = [0.85, 0.7, 0.55];
const SHRINK = 0.75;

export const invalidImage = (message: string, cause?: unknown) =>
  new RealtimeError('invalid_image', message, cause === undefined ? {} : { cause });

const tooLarge = (message: string) => new RealtimeError('image_too_large', message);

/** The size that fits `longest` on the longer side, never enlarged. */
export function scaledSize(width: number, height: number, longest: number): { width: number; height: number } {
  const scale = Math.min(1, longest / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

async function decode(codec: ImageCodec, source: ImageSource): Promise<DecodedImage> {
  if (typeof Blob !== 'undefined' && source instanceof Blob && source.size > MAX_SOURCE_BYTES) {
    throw tooLarge(
      `The image file is ${Math.round(source.size / 1024 / 1024)} MB; pass one under ${MAX_SOURCE_BYTES / 1024 / 1024} MB (scale it down first).`,
    );
  }
  let image: DecodedImage;
  try {
    image = await codec.decode(source);
  } catch (cause) {
    throw invalidImage(
      'The image could not be read: pass a PNG, JPEG, WebP or GIF file or data URL, a canvas, an ImageBitmap, a loaded <img>, or a URL the page may fetch (same origin or CORS).',
      cause,
    );
  }
  if (!(image.width > 0 && image.height > 0)) {
    image.close();
    throw invalidImage('The image is empty (0 pixels wide or high): draw or load it before sending.');
  }
  if (image.width * image.height > MAX_SOURCE_PIXELS) {
    image.close();
    throw tooLarge(
      `The image is ${image.width}x${image.height} pixels; pass one under ${MAX_SOURCE_PIXELS / 1e6} megapixels.`,
    );
  }
  return image;
}

/**
 * Decodes `source` and re-encodes it as a JPEG `data:` URL of at most `maxBytes` characters, its longest side at
 * most `maxDimension`: lower quality first, then smaller, down to `MIN_DIMENSION`. JPEG because OpenAI takes PNG
 * and JPEG only, and a photo as PNG is several times larger.
 */
export async function fitImage(
  codec: ImageCodec,
  source: ImageSource,
  maxDimension: number,
  maxBytes: number,
): Promise<{ url: string; width: number; height: number }> {
  const image = await decode(codec, source);
  try {
    let longest = Math.min(maxDimension, Math.max(image.width, image.height));
    let smallest = Infinity;
    for (;;) {
      const size = scaledSize(image.width, image.height, longest);
      for (const quality of QUALITIES) {
        const url = await codec.encode(image, size.width, size.height, quality);
        if (url.length <= maxBytes) return { url, ...size };
        smallest = Math.min(smallest, url.length);
      }
      if (longest <= MIN_DIMENSION) break;
      longest = Math.max(MIN_DIMENSION, Math.floor(longest * SHRINK));
    }
    throw tooLarge(
      `The image does not fit in ${maxBytes} characters even at ${MIN_DIMENSION} pixels (smallest ${smallest}): send fewer images at once, or raise maxBytes.`,
    );
  } finally {
    image.close();
  }
}
