/** Above this many queued bytes, raw sending waits for the transport to drain. */
const HIGH_WATER_BYTES = 256 * 1024;
const DRAIN_POLL_MS = 5;
/** A channel that drains nothing for this long is given up on. */
const STALL_MS = 10_000;

export interface RawChannel {
  isOpen(): boolean;
  maxBytes(): number;
  bufferedAmount(): number;
  send(message: string): void;
}

/**
 * Sends messages one by one, waiting whenever the transport holds more than HIGH_WATER_BYTES unsent, so a burst is
 * paced by what the network takes instead of piling up in a queue that reports everything as sent. Resolves with how
 * many were handed over; stops at the first message too large for the channel or when it closes.
 */
export async function sendWithBackPressure(messages: readonly string[], channel: RawChannel): Promise<number> {
  let sent = 0;
  for (const message of messages) {
    if (!channel.isOpen() || Buffer.byteLength(message) > channel.maxBytes()) break;
    let waitedMs = 0;
    while (channel.bufferedAmount() > HIGH_WATER_BYTES && channel.isOpen() && waitedMs < STALL_MS) {
      await new Promise((resolve) => setTimeout(resolve, DRAIN_POLL_MS));
      waitedMs += DRAIN_POLL_MS;
    }
    if (!channel.isOpen() || waitedMs >= STALL_MS) break;
    try {
      channel.send(message);
    } catch {
      break;
    }
    sent++;
  }
  return sent;
}
