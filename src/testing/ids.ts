import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** OpenAI-looking opaque ids (`event_C9G8p…`, `item_…`, `resp_…`); clients must never parse them. */
export function newId(prefix: string, length = 21): string {
  const bytes = randomBytes(length);
  let out = `${prefix}_`;
  for (let i = 0; i < length; i++) out += ALPHABET[(bytes[i] ?? 0) % ALPHABET.length];
  return out;
}

/** Ephemeral keys and call ids use hex like the real ones (`ek_68af…`, `rtc_479a…`). */
export function newHexId(prefix: string, bytes = 16): string {
  return `${prefix}_${randomBytes(bytes).toString('hex')}`;
}
