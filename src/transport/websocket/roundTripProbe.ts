import type { ClientEvent } from '../../core/protocol/events.js';

/**
 * The Realtime protocol has no ping a page can send (a browser WebSocket answers the server's pings itself and
 * tells the page nothing), so the round trip is measured with the smallest request the server answers at once
 * and that changes nothing: `conversation.item.retrieve` of an item that does not exist. Its `error` reply names
 * the probe's `event_id`; the transport takes that reply out before the session sees it. A probe goes out only
 * when someone reads the stats (one per reading), so a call nobody watches sends none.
 */
export interface RoundTripProbe {
  /**
   * Sends a probe unless one is out, and returns the latest round trip (ms): the last answered probe's, or,
   * while a probe has waited longer than that, the time it has waited (a stalled socket reads as a growing
   * round trip, not as the last good one). Null before the first answer.
   */
  read(now: number): number | null;
  /** True when `raw` answers the probe that is out: the caller drops the message. */
  answer(raw: string, now: number): boolean;
}

const ITEM_ID = 'talkwire_rtt_probe';

export function createRoundTripProbe(send: (event: ClientEvent) => void): RoundTripProbe {
  let count = 0;
  let pendingId: string | null = null;
  let sentAt = 0;
  let last: number | null = null;
  return {
    read(now) {
      if (pendingId !== null) {
        const waited = now - sentAt;
        return last === null || waited > last ? waited : last;
      }
      const id = `talkwire_rtt_${++count}`;
      try {
        send({ type: 'conversation.item.retrieve', event_id: id, item_id: ITEM_ID });
        pendingId = id;
        sentAt = now;
      } catch {
        // Not open (closing): no probe, the last figure stands.
      }
      return last;
    },
    answer(raw, now) {
      // Only while a probe is out, and only a message naming it is parsed again.
      if (pendingId === null || !raw.includes(pendingId)) return false;
      let event: { type?: unknown; event_id?: unknown; error?: { event_id?: unknown } };
      try {
        event = JSON.parse(raw) as typeof event;
      } catch {
        return false;
      }
      const answers =
        (event.type === 'error' && event.error?.event_id === pendingId) ||
        (event.type === 'conversation.item.retrieved' && event.event_id === pendingId);
      if (!answers) return false;
      last = now - sentAt;
      pendingId = null;
      return true;
    },
  };
}

/**
 * The WebSocket transport's `getStats()` report: one entry of type `websocket`, read like a WebRTC report
 * (`forEach`), with the round trip in seconds as WebRTC gives it.
 */
export function socketStatsReport(roundTripMs: number | null, bufferedAmount: number, at: number): RTCStatsReport {
  const entry = {
    id: 'websocket',
    type: 'websocket',
    timestamp: at,
    roundTripTime: roundTripMs === null ? undefined : roundTripMs / 1000,
    bufferedAmount,
  };
  return new Map([[entry.id, entry]]);
}
