/** Small runtime guards shared by the parser and the reducer. Untrusted input only ever passes through these. */

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stringOr<T>(value: unknown, fallback: T): string | T {
  return typeof value === 'string' ? value : fallback;
}

/** Own property read: never reaches `Object.prototype` (so `constructor`, `__proto__` are never inherited). */
export function own(object: JsonObject, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/**
 * True for JSON.parse output and object literals. Their prototype holds none of the protocol's field names, so
 * `value.field` reads an own field: the hot path reads plain events directly and copies anything else first.
 */
export function isPlain(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Keys that must never become property names on objects with a prototype. */
export function isUnsafeKey(key: string): boolean {
  return key === '__proto__' || key === 'constructor' || key === 'prototype';
}
