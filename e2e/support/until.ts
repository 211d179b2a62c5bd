/**
 * Reads until `ok` says yes, every 100 ms, for at most `timeoutMs`; resolves with the value that passed. For the
 * browser suites driven outside Playwright (Firefox, WebKit), which have no `expect.poll` of their own pages.
 */
export async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!ok(value)) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}
