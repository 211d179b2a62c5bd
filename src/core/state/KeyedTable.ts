/**
 * A persistent (immutable) string-keyed table whose update cost does not depend on its size.
 *
 * Two layers: a single `cur` slot for the key written last, and `base`, a two-level hash trie (32 x 32 buckets
 * of key, value pairs). A streaming delta rewrites the same key again and again, so it only replaces the `cur`
 * slot: O(1), and every other value keeps its identity. Writing a different key moves `cur` into `base` by
 * copying one path (two 32-slot arrays and one small bucket), never the whole table. Keys are compared as
 * strings, never used as property names, so `__proto__` or `constructor` are plain data. Treat a table as
 * opaque: read it with the functions below.
 */
export interface KeyedTable<T> {
  /** Trie root: 32 slots of 32 buckets, each bucket `[key, value, key, value, ...]`. */
  readonly base: readonly unknown[];
  /** Key of the last write, or null. */
  readonly curKey: string | null;
  /** Value of the last write; `undefined` is a deletion. */
  readonly curValue: T | undefined;
  /** Number of live keys. */
  readonly size: number;
}

type Node = unknown[];

function table<T>(
  base: readonly unknown[],
  curKey: string | null,
  curValue: T | undefined,
  size: number,
): KeyedTable<T> {
  return { base, curKey, curValue, size };
}

export function emptyTable<T>(): KeyedTable<T> {
  return table<T>([], null, undefined, 0);
}

function hash(key: string): number {
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) | 0;
  return h;
}

export function tableGet<T>(t: KeyedTable<T>, key: string): T | undefined {
  if (t.curKey === key) return t.curValue;
  const h = hash(key);
  const bucket = (t.base[h & 31] as Node | undefined)?.[(h >>> 5) & 31] as Node | undefined;
  if (bucket !== undefined) for (let i = 0; i < bucket.length; i += 2) if (bucket[i] === key) return bucket[i + 1] as T;
  return undefined;
}

export function tableHas<T>(t: KeyedTable<T>, key: string): boolean {
  return tableGet(t, key) !== undefined;
}

export function tableSet<T>(t: KeyedTable<T>, key: string, value: T): KeyedTable<T> {
  return write(t, key, value);
}

export function tableDelete<T>(t: KeyedTable<T>, key: string): KeyedTable<T> {
  return tableGet(t, key) === undefined ? t : write(t, key, undefined);
}

function write<T>(t: KeyedTable<T>, key: string, value: T | undefined): KeyedTable<T> {
  const size = t.size + (tableGet(t, key) === undefined ? 1 : 0) - (value === undefined ? 1 : 0);
  const prev = t.curKey;
  // The streaming case: the same key again replaces the single slot.
  if (prev === key || prev === null) return table(t.base, key, value, size);
  return table(settle(t.base, prev, t.curValue), key, value, size);
}

/** `root` with `key` set to `value` (removed for `undefined`), copying only the path to its bucket. */
function settle(root: readonly unknown[], key: string, value: unknown): Node {
  const h = hash(key);
  const a = h & 31;
  const b = (h >>> 5) & 31;
  const mid = ((root[a] as Node | undefined) ?? []).slice();
  const bucket = ((mid[b] as Node | undefined) ?? []).slice();
  let i = 0;
  while (i < bucket.length && bucket[i] !== key) i += 2;
  if (value !== undefined) {
    bucket[i] = key;
    bucket[i + 1] = value;
  } else if (i < bucket.length) bucket.splice(i, 2);
  mid[b] = bucket;
  const next = root.slice();
  next[a] = mid;
  return next;
}

/** Every live entry as a null-prototype record (O(n); for tests and debugging, not for render paths). */
export function tableToRecord<T>(t: KeyedTable<T>): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  for (const mid of t.base as Array<Node | undefined>) {
    for (const bucket of mid ?? []) {
      const pairs = (bucket ?? []) as Node;
      for (let i = 0; i < pairs.length; i += 2) out[pairs[i] as string] = pairs[i + 1] as T;
    }
  }
  if (t.curKey !== null) {
    if (t.curValue === undefined) delete out[t.curKey];
    else out[t.curKey] = t.curValue;
  }
  return out;
}
