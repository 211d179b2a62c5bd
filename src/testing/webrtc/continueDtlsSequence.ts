import type { RTCDtlsTransport, RTCPeerConnection } from 'werift';

const RECORD_HEADER_BYTES = 13;

/**
 * Makes werift number its first DTLS records after the handshake past its own Finished message.
 *
 * werift sends Finished as the first record of epoch 1 with the next handshake sequence number (e.g. 6) and only
 * then restarts the count at 0, so its sixth record of application data goes out as epoch 1, sequence 6 again.
 * Browsers treat that record as a replay and drop it (RFC 6347 section 4.1.2.6), and the SCTP packet inside (often
 * `session.created` when the client sends on open) only arrives with SCTP's retransmission about a second later.
 * Continuing the count after the Finished record's number keeps every record unique.
 */
export function continueDtlsSequence(pc: RTCPeerConnection): void {
  for (const transport of pc.dtlsTransports) {
    if (transport.state === 'connected') skipHandshakeNumbers(transport);
    // werift starts SCTP only after this state change, so no application record has left yet.
    transport.onStateChange.subscribe((state) => {
      if (state === 'connected') skipHandshakeNumbers(transport);
    });
  }
}

function skipHandshakeNumbers(transport: RTCDtlsTransport): void {
  const context = transport.dtls?.dtls;
  if (!context) return;
  const used = highestSequence(context.lastMessage, context.epoch);
  if (used > context.recordSequenceNumber) context.recordSequenceNumber = used;
}

/** The highest record sequence number of `epoch` among the records of the last handshake flight. */
function highestSequence(flight: readonly Buffer[] | undefined, epoch: number): number {
  let highest = 0;
  for (const datagram of flight ?? []) {
    for (
      let at = 0;
      at + RECORD_HEADER_BYTES <= datagram.length;
      at += RECORD_HEADER_BYTES + datagram.readUInt16BE(at + 11)
    ) {
      if (datagram.readUInt16BE(at + 3) === epoch) highest = Math.max(highest, datagram.readUIntBE(at + 5, 6));
    }
  }
  return highest;
}
