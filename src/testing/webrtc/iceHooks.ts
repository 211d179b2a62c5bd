import type { RTCPeerConnection } from 'werift';

interface HookedConnection {
  send: (data: Buffer) => Promise<void>;
  options: { filterStunResponse?: ((...args: unknown[]) => boolean) | undefined };
  onData: { subscribe(listener: (data: Buffer) => void): unknown };
  talkwirePausedUntil?: number;
  talkwireHeard?: () => void;
}

function connections(pc: RTCPeerConnection): HookedConnection[] {
  return pc.iceTransports.map((t) => t.connection as unknown as HookedConnection);
}

/**
 * Installs the call's hooks on werift's ICE connections: `heard` runs for every packet from the peer (ICE checks,
 * DTLS, RTP), and a pause (see `pauseIce`) can silence the connection. As an ICE-lite agent the emulator sends no
 * consent checks of its own, so the browser's checks (every 5 s or so) and media are how it knows the peer is there.
 */
export function watchIce(pc: RTCPeerConnection, heard: () => void): void {
  for (const connection of connections(pc)) {
    if (connection.talkwireHeard) continue;
    connection.talkwireHeard = heard;
    const send = connection.send.bind(connection);
    const filter = connection.options.filterStunResponse;
    const live = () => Date.now() >= (connection.talkwirePausedUntil ?? 0);
    connection.send = (data) => (live() ? send(data) : Promise.resolve());
    connection.options.filterStunResponse = (...args) => {
      heard();
      return live() && (filter ? filter(...args) : true);
    };
    connection.onData.subscribe(() => heard());
  }
}

/** Answers no ICE check and sends nothing (audio, DTLS, data channel) for `ms`, like a network drop-out. */
export function pauseIce(pc: RTCPeerConnection, ms: number): void {
  const until = Date.now() + ms;
  for (const connection of connections(pc)) connection.talkwirePausedUntil = until;
}
