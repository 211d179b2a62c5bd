/**
 * A persistent (immutable) string-keyed table whose update cost does not depend on its size.
 *
 * Three layers: `base` (rarely copied), `hot` (recently written keys, copied on write) and a single `cur` slot
 * for the key written last. A streaming delta rewrites the same key again and again, so it only replaces the
 * `cur` slot: O(1), and every other value keeps its identity. Writing a different key moves `cur` into `hot`
 * (copying at most HOT_LIMIT entries); when `hot` is full it is merged into a fresh `base` (O(n), once per
 * HOT_LIMIT distinct keys). Layers are `Map`s: keys such as `__proto__` or `constructor` are plain data, and a
 * native copy is far cheaper than copying a record key by key. Treat a table as opaque: read it with the
 * functions below.
 */
export interface KeyedTable<T> {
  readonly base: ReadonlyMap<string, T>;
  /** `undefined` values are deletions that shadow `base`. */
  readonly hot: ReadonlyMap<string, T | undefined>;
  /** Key of the last write, or null. */
  readonly curKey: string | null;
  /** Value of the last write; `undefined` is a deletion. */
  readonly curValue: T | undefined;
  /** Number of live keys. */
  readonly size: number;
}

const HOT_LIMIT = 32;

const table = <T>(base: ReadonlyMap<string, T>, hot: ReadonlyMap<string, T | undefined>, curKey: string | null, curValue: T | undefined, size: number): KeyedTable<T> => ({
  base,
  hot,
  curKey,
  curValue,
  size,
});

export const emptyTable = <T>(): KeyedTable<T> => table(new Map(), new Map(), null, undefined, 0);

export function tableGet<T>(t: KeyedTable<T>, key: string): T | undefined {
  if (t.curKey === key) return t.curValue;
  return t.hot.has(key) ? t.hot.get(key) : t.base.get(key);
}

export const tableHas = <T>(t: KeyedTable<T>, key: string): boolean => tableGet(t, key) !== undefined;

export const tableSet = <T>(t: KeyedTable<T>, key: string, value: T): KeyedTable<T> => write(t, key, value);

export const tableDelete = <T>(t: KeyedTable<T>, key: string): KeyedTable<T> =>
  tableGet(t, key) === undefined ? t : write(t, key, undefined);

function write<T>(t: KeyedTable<T>, key: string, value: T | undefined): KeyedTable<T> {
  const size = t.size + (tableGet(t, key) === undefined ? 1 : 0) - (value === undefined ? 1 : 0);
  const prev = t.curKey;
  // The streaming case: the same key again replaces the single slot.
  if (prev === key || prev === null) return table(t.base, t.hot, key, value, size);
  const hot = new Map(t.hot).set(prev, t.curValue);
  if (hot.size <= HOT_LIMIT) return table(t.base, hot, key, value, size);
  const base = new Map(t.base);
  for (const [k, v] of hot) settle(base, k, v);
  return table(base, new Map(), key, value, size);
}

function settle<T>(map: Map<string, T>, key: string, value: T | undefined): void {
  if (value === undefined) map.delete(key);
  else map.set(key, value);
}

/** Every live entry as a null-prototype record (O(n); for tests and debugging, not for render paths). */
export function tableToRecord<T>(t: KeyedTable<T>): Record<string, T> {
  const map = new Map(t.base);
  for (const [k, v] of t.hot) settle(map, k, v);
  if (t.curKey !== null) settle(map, t.curKey, t.curValue);
  const out = Object.create(null) as Record<string, T>;
  for (const [k, v] of map) out[k] = v;
  return out;
}
