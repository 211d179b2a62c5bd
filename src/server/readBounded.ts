/** What `readBounded` got: the bytes up to the limit, and whether more were offered. */
export interface BoundedRead {
  bytes: Uint8Array;
  /** The stream had more than `maxBytes`; it was cancelled there. */
  truncated: boolean;
}

/**
 * Reads at most `maxBytes` of `stream` and cancels it beyond, so a hostile or broken peer can never make us hold
 * more than the limit. `deadlineMs`, when given, bounds the whole read: the stream is cancelled and the promise
 * rejects with `ReadDeadlineError`, which a trickled body (a byte every few seconds) would otherwise never reach.
 */
export async function readBounded(
  stream: ReadableStream<Uint8Array> | null,
  maxBytes: number,
  deadlineMs?: number,
): Promise<BoundedRead> {
  if (!stream) return { bytes: new Uint8Array(0), truncated: false };
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline =
    deadlineMs === undefined
      ? undefined
      : new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new ReadDeadlineError(deadlineMs)), deadlineMs);
        });
  try {
    for (;;) {
      const next = reader.read();
      const { done, value } = await (deadline ? Promise.race([next, deadline]) : next);
      if (done) break;
      if (size + value.byteLength > maxBytes) {
        chunks.push(value.subarray(0, maxBytes - size));
        size = maxBytes;
        void reader.cancel().catch(() => undefined);
        return { bytes: join(chunks, size), truncated: true };
      }
      chunks.push(value);
      size += value.byteLength;
    }
    return { bytes: join(chunks, size), truncated: false };
  } catch (error) {
    void reader.cancel().catch(() => undefined);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

export class ReadDeadlineError extends Error {
  override readonly name = 'ReadDeadlineError';
  constructor(readonly deadlineMs: number) {
    super(`The body did not arrive within ${deadlineMs} ms.`);
  }
}

function join(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return all;
}
