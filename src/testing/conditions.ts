/**
 * Network and model conditions the emulator imposes, so latency and quality figures can be tested and shown:
 * a model that takes time to answer, and a path that delays, jitters and drops what the emulator sends.
 */
export interface NetworkConditions {
  /** Time (ms) between `response.created` and the response's first output, as a model thinking. */
  modelDelayMs: number;
  /** One-way delay (ms) added to everything the emulator sends: server events, audio packets, socket messages. */
  delayMs: number;
  /**
   * Random extra delay, 0..jitterMs, per audio packet (packets may then arrive out of order, as on a real path);
   * on a WebSocket, per message, and a late message holds back the ones after it.
   */
  jitterMs: number;
  /**
   * Fraction (0..1) of outgoing audio packets dropped. On a WebSocket (TCP resends what it lost) each message
   * is lost with this chance, resent after `RETRANSMIT_MS` (twice that after a second loss, and so on), and holds
   * back the ones after it.
   */
  loss: number;
}

export const NO_CONDITIONS: NetworkConditions = { modelDelayMs: 0, delayMs: 0, jitterMs: 0, loss: 0 };

const MAX_MS = 10_000;

/** What a lost TCP segment costs: Linux's minimum retransmission timeout. */
export const RETRANSMIT_MS = 200;

/** Validates conditions received as JSON (any subset) over `base`; throws a TypeError saying what is wrong. */
export function toConditions(input: unknown, base: NetworkConditions = NO_CONDITIONS): NetworkConditions {
  if (typeof input !== 'object' || input === null)
    throw new TypeError('Conditions are an object: { modelDelayMs?, delayMs?, jitterMs?, loss? }.');
  const next = { ...base };
  for (const [key, value] of Object.entries(input)) {
    if (!(key in NO_CONDITIONS))
      throw new TypeError(`Unknown condition '${key}': use modelDelayMs, delayMs, jitterMs or loss.`);
    const max = key === 'loss' ? 1 : MAX_MS;
    if (typeof value !== 'number' || !(value >= 0 && value <= max)) {
      throw new TypeError(`Condition ${key} must be a number between 0 and ${max} (got ${String(value)}).`);
    }
    next[key as keyof NetworkConditions] = value;
  }
  return next;
}

/**
 * Sends through the conditions' delay. `ordered` keeps order (a data channel is reliable and ordered); a
 * packet goes out on its own schedule, jittered, or not at all.
 */
export function createDelayLine(conditions: () => NetworkConditions, random: () => number = Math.random) {
  let lastDue = 0;
  // The stream's messages in order, each with its due time; one timer serves the head.
  const queue: Array<{ due: number; send: () => void }> = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const pump = () => {
    timer = undefined;
    while (queue.length > 0 && queue[0]!.due <= Date.now()) queue.shift()!.send();
    if (queue.length > 0) {
      timer = setTimeout(pump, queue[0]!.due - Date.now());
      timer.unref?.();
    }
  };
  return {
    /** True when an ordered send may go out now, synchronously. */
    idle: () => conditions().delayMs <= 0 && lastDue <= Date.now() && queue.length === 0,
    /** True when a stream send may go out now: no condition applies and nothing waits. */
    streamIdle: () => {
      const { delayMs, jitterMs, loss } = conditions();
      return delayMs <= 0 && jitterMs <= 0 && loss <= 0 && queue.length === 0;
    },
    ordered(send: () => void): void {
      const { delayMs } = conditions();
      lastDue = Math.max(lastDue, Date.now() + delayMs);
      setTimeout(send, lastDue - Date.now()).unref?.();
    },
    /**
     * A TCP stream (a WebSocket): in order, each message delayed and jittered, and a lost one resent after
     * `RETRANSMIT_MS` (doubling on each further loss), holding back everything behind it (head-of-line blocking).
     */
    stream(send: () => void): void {
      const { delayMs, jitterMs, loss } = conditions();
      // A resent segment can be lost again; each retry waits twice as long (TCP's exponential backoff).
      let resend = 0;
      for (let rto = RETRANSMIT_MS; loss > 0 && rto <= MAX_MS && random() < loss; rto *= 2) resend += rto;
      const wait = delayMs + (jitterMs > 0 ? random() * jitterMs : 0) + resend;
      lastDue = Math.max(lastDue, Date.now() + wait);
      queue.push({ due: lastDue, send });
      if (timer === undefined) pump();
    },
    packet(send: () => void): void {
      const { delayMs, jitterMs, loss } = conditions();
      if (loss > 0 && random() < loss) return;
      const wait = delayMs + (jitterMs > 0 ? random() * jitterMs : 0);
      if (wait <= 0) return send();
      setTimeout(send, wait).unref?.();
    },
  };
}
