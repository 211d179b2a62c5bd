const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

// Built on first use, not at import: importing talkwire costs nothing until audio is encoded.
let pairs: string[] | null = null;
let codes: Uint8Array | null = null;

/** 4096 two-character strings, one per 12 bits, so each 3-byte group costs two lookups. */
function pairTable(): string[] {
  if (pairs) return pairs;
  const table = new Array<string>(4096);
  for (let i = 0; i < 4096; i++) table[i] = ALPHABET[i >> 6]! + ALPHABET[i & 63]!;
  pairs = table;
  return table;
}

function codeTable(): Uint8Array {
  if (codes) return codes;
  const table = new Uint8Array(256).fill(255);
  for (let i = 0; i < 64; i++) table[ALPHABET.charCodeAt(i)] = i;
  table['-'.charCodeAt(0)] = 62;
  table['_'.charCodeAt(0)] = 63;
  codes = table;
  return table;
}

/** Standard base64 (with padding) of `bytes`, without `btoa` or `Buffer`. */
export function encodeBase64(bytes: Uint8Array): string {
  const table = pairTable();
  const n = bytes.length;
  const whole = n - (n % 3);
  // Parts are joined once at the end; appending to one string would rebuild it in some engines.
  const parts: string[] = [];
  let chunk = '';
  let inChunk = 0;
  for (let i = 0; i < whole; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    chunk += table[v >> 12]! + table[v & 4095]!;
    if (++inChunk === 4096) {
      parts.push(chunk);
      chunk = '';
      inChunk = 0;
    }
  }
  const rest = n - whole;
  if (rest === 1) {
    const v = bytes[whole]! << 16;
    chunk += table[v >> 12]! + '==';
  } else if (rest === 2) {
    const v = (bytes[whole]! << 16) | (bytes[whole + 1]! << 8);
    chunk += table[v >> 12]! + ALPHABET[(v >> 6) & 63]! + '=';
  }
  parts.push(chunk);
  return parts.length === 1 ? parts[0]! : parts.join('');
}

/**
 * Base64 of PCM16 samples as little-endian bytes, the layout `input_audio_buffer.append` expects.
 * Reads the samples' own memory (every platform a browser runs on is little-endian).
 */
export function pcm16ToBase64(samples: Int16Array): string {
  return encodeBase64(new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength));
}

/**
 * Decodes standard or URL-safe base64 (padding optional, whitespace ignored). Throws a `TypeError` naming
 * the first bad character instead of returning corrupted audio.
 */
export function decodeBase64(text: string): Uint8Array {
  const table = codeTable();
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let written = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 61 /* = */) break;
    if (c === 32 || c === 10 || c === 13 || c === 9) continue;
    const d = c < 256 ? table[c]! : 255;
    if (d === 255) throw new TypeError(`Invalid base64 character ${JSON.stringify(text[i])} at index ${i}.`);
    value = ((value << 6) | d) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[written++] = (value >> bits) & 255;
    }
  }
  return written === out.length ? out : out.slice(0, written);
}

/** Decodes base64 PCM16 (little-endian) into samples, e.g. a `response.output_audio.delta`. */
export function base64ToPcm16(text: string): Int16Array {
  const bytes = decodeBase64(text);
  const samples = new Int16Array(bytes.length >> 1);
  new Uint8Array(samples.buffer).set(bytes.subarray(0, samples.length * 2));
  return samples;
}
