/**
 * A persistent (immutable) string-keyed table whose update cost does not depend on its size.
 *
 * Three layers: `base` (rarely copied), `hot` (a small record of recently written keys, copied on write) and a
 * single `cur` slot for the key written last. A streaming delta rewrites the same key again and again, so it
 * only replaces the `cur` slot: O(1), and every other value keeps its identity. Writing a different key moves
 * `cur` into `hot` (copying at most HOT_LIMIT entries); when `hot` is full it is merged into a fresh `base`
 * (O(n), once per HOT_LIMIT distinct keys). Records are null-prototype objects, so keys such as `__proto__` or
 * `constructor` are plain data. Treat a table as opaque: read it with the functions below.
 */
export interface KeyedTable<T> {
  readonly base: Readonly<Record<string, T>>;
  /** `undefined` values are deletions that shadow `base`. */
  readonly hot: Readonly<Record<string, T | undefined>>;
  readonly hotSize: number;
  /** Key of the last write, or null. */
  readonly curKey: string | null;
  /** Value of the last write; `undefined` is a deletion. */
  readonly curValue: T | undefined;
  /** Number of live keys. */
  readonly size: number;
}

const HOT_LIMIT = 16;

function record<V>(): Record<string, V> {
  return Object.create(null) as Record<string, V>;
}

export function emptyTable<T>(): KeyedTable<T> {
  return { base: record<T>(), hot: record<T | undefined>(), hotSize: 0, curKey: null, curValue: undefined, size: 0 };
}

export function tableGet<T>(table: KeyedTable<T>, key: string): T | undefined {
  if (table.curKey === key) return table.curValue;
  if (Object.hasOwn(table.hot, key)) return table.hot[key];
  return Object.hasOwn(table.base, key) ? table.base[key] : undefined;
}

export function tableHas<T>(table: KeyedTable<T>, key: string): boolean {
  return tableGet(table, key) !== undefined;
}

export function tableSet<T>(table: KeyedTable<T>, key: string, value: T): KeyedTable<T> {
  return write(table, key, value);
}

export function tableDelete<T>(table: KeyedTable<T>, key: string): KeyedTable<T> {
  if (tableGet(table, key) === undefined) return table;
  return write(table, key, undefined);
}

function write<T>(table: KeyedTable<T>, key: string, value: T | undefined): KeyedTable<T> {
  const existed = tableGet(table, key) !== undefined;
  const size = table.size + (existed ? 0 : 1) - (value === undefined ? 1 : 0);
  if (table.curKey === key || table.curKey === null) {
    return { base: table.base, hot: table.hot, hotSize: table.hotSize, curKey: key, curValue: value, size };
  }
  // Move the previous `cur` into `hot`.
  const prevKey = table.curKey;
  const inHot = Object.hasOwn(table.hot, prevKey);
  if (inHot || table.hotSize < HOT_LIMIT) {
    const hot = record<T | undefined>();
    for (const k in table.hot) hot[k] = table.hot[k];
    hot[prevKey] = table.curValue;
    return { base: table.base, hot, hotSize: table.hotSize + (inHot ? 0 : 1), curKey: key, curValue: value, size };
  }
  const base = record<T>();
  for (const k in table.base) base[k] = table.base[k] as T;
  for (const k in table.hot) settle(base, k, table.hot[k]);
  settle(base, prevKey, table.curValue);
  return { base, hot: record<T | undefined>(), hotSize: 0, curKey: key, curValue: value, size };
}

function settle<T>(base: Record<string, T>, key: string, value: T | undefined): void {
  if (value === undefined) delete base[key];
  else base[key] = value;
}

/** Every live entry as a null-prototype record (O(n); for tests and debugging, not for render paths). */
export function tableToRecord<T>(table: KeyedTable<T>): Record<string, T> {
  const out = record<T>();
  for (const k in table.base) out[k] = table.base[k] as T;
  for (const k in table.hot) settle(out, k, table.hot[k]);
  if (table.curKey !== null) settle(out, table.curKey, table.curValue);
  return out;
}
