import { openAiError, type OpenAiErrorBody } from '../openAiError.js';
import { isRecord } from './items.js';

export interface ImageSeen {
  width: number;
  height: number;
  type: 'png' | 'jpeg';
}

const DATA_URL = /^data:image\/(png|jpeg|jpg);base64,([A-Za-z0-9+/]*={0,2})$/;
const DETAILS = ['auto', 'low', 'high'];

/** Width and height from a PNG's IHDR or a JPEG's first start-of-frame marker; null when the bytes are neither. */
export function imageSize(bytes: Buffer): ImageSeen | null {
  if (bytes.length >= 24 && bytes.readUInt32BE(0) === 0x89504e47 && bytes.toString('ascii', 12, 16) === 'IHDR') {
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), type: 'png' };
  }
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1]!;
    const length = bytes.readUInt16BE(at + 2);
    // SOF0..SOF15 carry the size, except DHT (c4), JPG (c8) and DAC (cc).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { width: bytes.readUInt16BE(at + 7), height: bytes.readUInt16BE(at + 5), type: 'jpeg' };
    }
    at += 2 + length;
  }
  return null;
}

/**
 * Checks the `input_image` parts of a created user message as OpenAI does (a base64 `data:` URL of a PNG or
 * JPEG, `detail` auto/low/high) and reads each image's size, so a scripted reply can say what it saw.
 */
export function checkImages(content: unknown[]): ImageSeen[] | OpenAiErrorBody {
  const seen: ImageSeen[] = [];
  for (let i = 0; i < content.length; i++) {
    const part = content[i];
    if (!isRecord(part) || part.type !== 'input_image') continue;
    const param = `item.content[${i}].image_url`;
    if (typeof part.image_url !== 'string')
      return openAiError(`Missing required parameter: '${param}'.`, 'missing_required_parameter', param);
    if (part.detail !== undefined && !DETAILS.includes(part.detail as string)) {
      return openAiError(
        `Invalid value: '${JSON.stringify(part.detail)}'. Supported values are: 'auto', 'low', and 'high'.`,
        'invalid_value',
        `item.content[${i}].detail`,
      );
    }
    const match = DATA_URL.exec(part.image_url);
    const size = match ? imageSize(Buffer.from(match[2]!, 'base64')) : null;
    if (!match || !size) {
      return openAiError(
        `Invalid '${param}'. Expected a base64-encoded data URL with an image MIME type (e.g. 'data:image/png;base64,...') holding a valid PNG or JPEG image.`,
        'invalid_value',
        param,
      );
    }
    seen.push(size);
  }
  return seen;
}
