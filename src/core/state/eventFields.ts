import { own, type JsonObject } from '../protocol/guards.js';

/** Ids longer than this are not server ids; refusing them keeps hostile input from bloating the state. */
const MAX_ID_LENGTH = 512;
const MAX_CONTENT_INDEX = 63;
export const validId = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH;

export const str = (object: JsonObject, key: string): string | undefined => {
  const value = own(object, key);
  return typeof value === 'string' ? value : undefined;
};

export function contentIndex(event: JsonObject): number | undefined {
  const value = event['content_index'];
  if (value === undefined || value === null) return 0;
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_CONTENT_INDEX
    ? (value as number)
    : undefined;
}
