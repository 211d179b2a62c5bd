import { encodeBase64 } from '../../audio/base64.js';
import type { DecodedImage, ImageCodec, ImageSource } from './types.js';

type Context = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

function context2d(width: number, height: number): Context {
  const context =
    typeof OffscreenCanvas !== 'undefined'
      ? new OffscreenCanvas(width, height).getContext('2d')
      : Object.assign(document.createElement('canvas'), { width, height }).getContext('2d');
  if (!context) throw new Error('No 2D canvas context in this environment.');
  return context;
}

function toBlob(canvas: Context['canvas'], quality: number): Promise<Blob> {
  if ('convertToBlob' in canvas) return canvas.convertToBlob({ type: 'image/jpeg', quality });
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('The canvas could not be encoded.'))),
      'image/jpeg',
      quality,
    ),
  );
}

async function toBitmapSource(source: ImageSource): Promise<ImageBitmapSource> {
  if (typeof source !== 'string') return source;
  // data:, blob: and http(s) alike: fetch gives the bytes (a cross-origin URL needs CORS, as for any canvas use).
  if (!/^(data:image\/|blob:|https?:)/i.test(source))
    throw new Error('Only data:image/, blob: and http(s) URLs can be sent.');
  const response = await fetch(source);
  if (!response.ok) throw new Error(`Fetching the image failed with HTTP ${response.status}.`);
  return response.blob();
}

/** The browser's codec: `createImageBitmap` decodes, a canvas (offscreen where there is one) draws and encodes. */
export const browserCodec: ImageCodec = {
  async decode(source: ImageSource): Promise<DecodedImage> {
    return createImageBitmap(await toBitmapSource(source));
  },
  async encode(image: DecodedImage, width: number, height: number, quality: number): Promise<string> {
    const context = context2d(width, height);
    // JPEG has no transparency: a white ground instead of black under transparent pixels.
    context.fillStyle = '#fff';
    context.fillRect(0, 0, width, height);
    context.imageSmoothingQuality = 'high';
    // What `decode` made: an ImageBitmap (DecodedImage is its shape).
    context.drawImage(image, 0, 0, width, height);
    const blob = await toBlob(context.canvas, quality);
    return `data:image/jpeg;base64,${encodeBase64(new Uint8Array(await blob.arrayBuffer()))}`;
  },
};
