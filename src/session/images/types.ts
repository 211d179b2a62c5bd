/**
 * What `sendMessage` takes as an image: a `File` or `Blob` (PNG, JPEG, WebP, GIF: whatever the browser decodes),
 * an `ImageBitmap`, a canvas (`HTMLCanvasElement` or `OffscreenCanvas`), an `<img>` that has loaded, or a URL
 * string (a `data:` URL, or an `http(s)` URL the page may fetch: same origin or CORS). (contract)
 */
export type ImageSource = Blob | ImageBitmap | HTMLCanvasElement | OffscreenCanvas | HTMLImageElement | string;

/** One part of a user message. (contract) */
export type MessagePart =
  | { type: 'input_text'; text: string }
  | {
      type: 'input_image';
      image: ImageSource;
      /** How closely the model looks (OpenAI's `detail`); default `auto`. */
      detail?: 'auto' | 'low' | 'high';
      /** Alt text for the transcript's thumbnail; never sent to the model. */
      alt?: string;
    };

/** A user message: plain text, or parts of text and images. (contract) */
export type MessageContent = string | readonly MessagePart[];

export interface SendMessageOptions {
  /**
   * The longest side of a sent image, in pixels (default 1024): larger images are scaled down before encoding.
   */
  maxDimension?: number;
  /**
   * The most characters the message's images may take once encoded (default 150 000, about 110 KB of JPEG): a
   * large event silently closes OpenAI's WebRTC data channel, so images are re-encoded to stay well under it.
   * An image that cannot fit even at 256 pixels rejects with `image_too_large`.
   */
  maxBytes?: number;
  /** Ask for a response once the server has the message (default true). */
  respond?: boolean;
}

/** A decoded image the codec can draw; `close()` frees it. */
export interface DecodedImage {
  readonly width: number;
  readonly height: number;
  close(): void;
}

/**
 * The DOM work of image sending, injectable so it can be tested without a browser: `decode` turns a source
 * into pixels (rejecting when it cannot), `encode` draws them at a size and returns a JPEG `data:` URL.
 */
export interface ImageCodec {
  decode(source: ImageSource): Promise<DecodedImage>;
  encode(image: DecodedImage, width: number, height: number, quality: number): Promise<string>;
}
