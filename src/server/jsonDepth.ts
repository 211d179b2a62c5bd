/** Deeper than any real session config; deep enough input makes `JSON.stringify` overflow the stack. */
export const MAX_JSON_DEPTH = 32;

/** True when `value` nests arrays or objects more than `limit` levels deep. Iterative, so it cannot overflow. */
export function nestsDeeperThan(value: unknown, limit: number = MAX_JSON_DEPTH): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (typeof node !== 'object' || node === null) continue;
    if (depth >= limit) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}
