import { describe, expect, it } from 'vitest';
import { base64ToPcm16, decodeBase64, encodeBase64, pcm16ToBase64 } from './base64.js';

const node = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

describe('encodeBase64', () => {
  it.each([0, 1, 2, 3, 4, 5, 6, 7, 127, 128, 255, 4095 * 3, 4096 * 3, 4096 * 3 + 1, 4096 * 3 + 2, 100_003])(
    '%i bytes match Buffer',
    (length) => {
      const bytes = new Uint8Array(length);
      for (let i = 0; i < length; i++) bytes[i] = (i * 131 + 7) & 255;
      expect(encodeBase64(bytes)).toBe(node(bytes));
    },
  );

  it('every byte value, at every alignment', () => {
    const bytes = new Uint8Array(258);
    for (let i = 0; i < 256; i++) bytes[i] = i;
    for (let start = 0; start < 3; start++) {
      const view = bytes.subarray(start, 256 + start);
      expect(encodeBase64(view)).toBe(node(view));
    }
  });
});

describe('pcm16ToBase64', () => {
  it('encodes little-endian samples, honouring the view offset', () => {
    const samples = Int16Array.from([0, 1, -1, 32767, -32768, 256, 12345]);
    const view = samples.subarray(1, 6);
    expect(pcm16ToBase64(view)).toBe(Buffer.from(view.buffer, view.byteOffset, view.byteLength).toString('base64'));
    expect(pcm16ToBase64(Int16Array.from([1]))).toBe('AQA=');
  });

  it('round-trips through base64ToPcm16', () => {
    const samples = Int16Array.from({ length: 2401 }, (_, i) => ((i * 7919) % 65536) - 32768);
    expect(Array.from(base64ToPcm16(pcm16ToBase64(samples)))).toEqual(Array.from(samples));
  });
});

describe('decodeBase64', () => {
  it.each(['', 'AA==', 'AAE=', 'AAEC', 'SGVsbG8sIHdvcmxkIQ==', 'SGVsbG8', 'AQID\nBAU='])(
    '%j matches Buffer',
    (text) => {
      expect(Array.from(decodeBase64(text))).toEqual(Array.from(Buffer.from(text, 'base64')));
    },
  );

  it('accepts the URL-safe alphabet', () => {
    expect(Array.from(decodeBase64('-_-_'))).toEqual(Array.from(Buffer.from('+/+/', 'base64')));
  });

  it.each(['AA*A', 'é', 'AA\u0100A'])('rejects %j with a TypeError', (text) => {
    expect(() => decodeBase64(text)).toThrow(TypeError);
  });
});
