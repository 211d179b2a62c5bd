import { createDelayLine, NO_CONDITIONS, type NetworkConditions } from '../conditions.js';
import { RTCPeerConnection } from 'werift';
import type { RTCDataChannel, RTCRtpTransceiver, RtpPacket } from 'werift';
import { ConversationEngine } from '../engine/ConversationEngine.js';
import type { ConversationOptions } from '../engine/ConversationEngine.js';
import type { MicInputStats } from '../engine/inputStats.js';
import type { AudioOutput, CallMedia, PlayoutEvents, SendOutcome } from '../engine/types.js';
import { AudioPlayout } from './AudioPlayout.js';
import { continueDtlsSequence } from './continueDtlsSequence.js';
import { MicInput } from './MicInput.js';
import { pauseIce, watchIce } from './iceHooks.js';
import { sendWithBackPressure } from '../sendWithBackPressure.js';

/** A call whose channel has not opened by then is given up (its peer never connected). */
const CONNECT_TIMEOUT_MS = 15_000;
/** When the offer names no max-message-size, RFC 8841's default. */
const DEFAULT_MAX_MESSAGE_BYTES = 65_536;

export interface WebRtcCallOptions extends ConversationOptions {
  /** Ends the call when nothing (ICE consent checks, DTLS, RTP) arrived from the peer for this long. */
  livenessTimeoutMs: number;
}

function loopbackOnly(sdp: string): string {
  // Non-loopback candidates (LAN addresses, mDNS names) would make the ICE agent reach out of this machine.
  return sdp
    .split(/\r?\n/)
    .filter((line) => {
      if (!line.startsWith('a=candidate:')) return true;
      const address = line.split(' ')[4];
      return address === '127.0.0.1' || address === '::1';
    })
    .join('\r\n');
}

export const PEER_CONFIG = {
  iceServers: [],
  iceLite: true,
  iceUseIpv4: false,
  iceUseIpv6: false,
  iceAdditionalHostAddresses: ['127.0.0.1'],
  iceInterfaceAddresses: { udp4: '127.0.0.1' },
} as const;

/** The WebRTC media adapter: a werift peer, the `oai-events` data channel, Opus in and out. */
export class WebRtcCall implements CallMedia {
  readonly transport = 'webrtc';
  readonly serverPlayback = true;
  private readonly pc = new RTCPeerConnection({
    ...PEER_CONFIG,
    iceServers: [],
    iceAdditionalHostAddresses: ['127.0.0.1'],
  });
  private transceiver: RTCRtpTransceiver | undefined;
  private channel: RTCDataChannel | undefined;
  private readonly mic: MicInput;
  private engine!: ConversationEngine;
  private lastHeardAt = Date.now();
  private livenessTimer: NodeJS.Timeout | undefined;
  private closed = false;

  private readonly line: ReturnType<typeof createDelayLine>;

  private constructor(
    private readonly livenessTimeoutMs: number,
    conditions: () => NetworkConditions,
  ) {
    this.line = createDelayLine(conditions);
    this.mic = new MicInput((frame) => this.engine.pushInputFrame(frame));
  }

  /** Answers a browser's SDP offer. Throws a TypeError when the offer cannot be used. */
  static async answer(
    offerSdp: string,
    options: WebRtcCallOptions,
  ): Promise<{ call: ConversationEngine; sdp: string }> {
    const media = new WebRtcCall(options.livenessTimeoutMs, options.conditions ?? (() => NO_CONDITIONS));
    const call = new ConversationEngine(media, options);
    media.engine = call;
    try {
      return { call, sdp: await media.negotiate(offerSdp) };
    } catch (error) {
      call.close('negotiation failed');
      throw error;
    }
  }

  get maxMessageBytes(): number {
    const sctp = this.pc.sctpTransport as unknown as { remoteMaxMessageSize?: number } | undefined;
    return sctp?.remoteMaxMessageSize || DEFAULT_MAX_MESSAGE_BYTES;
  }

  private async negotiate(offerSdp: string): Promise<string> {
    const pc = this.pc;
    // Added before setRemoteDescription, or the answer carries no sending audio and the browser hears nothing.
    this.transceiver = pc.addTransceiver('audio', { direction: 'sendrecv' });
    pc.onTrack.subscribe((track) => {
      if (track.kind !== 'audio') return;
      track.onReceiveRtp.subscribe((rtp) => this.mic.push(rtp.payload));
    });
    pc.onDataChannel.subscribe((channel) => this.attachChannel(channel));
    pc.connectionStateChange.subscribe((state) => {
      if (state === 'failed' || state === 'closed') this.engine.close(`peer connection ${state}`);
    });
    await pc.setRemoteDescription({ type: 'offer', sdp: loopbackOnly(offerSdp) });
    const audio = pc.getTransceivers().find((t) => t.kind === 'audio');
    if (audio) this.transceiver = audio;
    await pc.setLocalDescription(await pc.createAnswer());
    continueDtlsSequence(pc);
    watchIce(pc, () => {
      this.lastHeardAt = Date.now();
    });
    const local = pc.localDescription;
    if (!local) throw new TypeError('Could not create an SDP answer for this offer.');
    this.engine.output.start();
    setTimeout(() => {
      if (this.engine.state === 'connecting') this.engine.close('peer never connected');
    }, CONNECT_TIMEOUT_MS).unref();
    return local.sdp;
  }

  private attachChannel(channel: RTCDataChannel): void {
    if (channel.label !== 'oai-events' || this.channel) return;
    this.channel = channel;
    channel.onMessage.subscribe((data) => {
      const text = typeof data === 'string' ? data : data.toString('utf8');
      // Handled outside werift's SCTP receive loop. (The one-second stall once blamed on replying inside it was
      // werift repeating a DTLS record number; see continueDtlsSequence.ts.)
      setImmediate(() => this.engine.receive(text));
    });
    channel.stateChanged.subscribe((state) => {
      if (state === 'open') setImmediate(() => this.onChannelOpen());
      // The peer stays up a moment so the channel's SCTP stream reset reaches the browser, which then reports a
      // closed channel (closing the peer at once leaves the browser waiting for ICE to time out instead).
      if (state === 'closed') setTimeout(() => this.engine.close('data channel closed'), 500).unref();
    });
    if (channel.readyState === 'open') setImmediate(() => this.onChannelOpen());
  }

  private onChannelOpen(): void {
    this.lastHeardAt = Date.now();
    this.engine.open();
    const every = Math.max(50, Math.min(1_000, this.livenessTimeoutMs / 4));
    this.livenessTimer ??= setInterval(() => {
      const silentMs = Date.now() - this.lastHeardAt;
      if (silentMs > this.livenessTimeoutMs) this.engine.close(`peer vanished: nothing heard for ${silentMs} ms`);
    }, every);
    this.livenessTimer.unref();
  }

  createOutput(events: PlayoutEvents): AudioOutput {
    return new AudioPlayout((packet) => this.sendRtp(packet), events);
  }

  private sendRtp(packet: RtpPacket): void {
    const sender = this.transceiver?.sender;
    if (!sender || this.closed) return;
    this.line.packet(() => {
      if (!this.closed) sender.sendRtp(packet).catch(() => undefined);
    });
  }

  sendText(text: string): SendOutcome {
    const channel = this.channel;
    if (!channel || channel.readyState !== 'open' || this.closed) return 'closed';
    // werift throws for a message over the peer's max-message-size (Chrome offers 256 KiB); say so instead of
    // losing it.
    if (Buffer.byteLength(text) > this.maxMessageBytes) return 'too_large';
    const send = () => {
      try {
        channel.send(text);
        return true;
      } catch {
        return false;
      }
    };
    if (this.line.idle()) return send() ? 'sent' : 'closed';
    // Delayed: a channel that closed meanwhile is seen through its state change, not here.
    this.line.ordered(() => void (channel.readyState === 'open' && !this.closed && send()));
    return 'sent';
  }

  sendRaw(messages: readonly string[]): Promise<number> {
    return sendWithBackPressure(messages, {
      isOpen: () => !this.closed && this.channel?.readyState === 'open',
      maxBytes: () => this.maxMessageBytes,
      bufferedAmount: () => this.channel?.bufferedAmount ?? 0,
      send: (message) => this.channel!.send(message),
    });
  }

  appendAudio(): string | null {
    return null;
  }

  inputStats(): MicInputStats {
    return this.mic.stats();
  }

  /** Answers no ICE check and sends nothing (audio, DTLS, data channel) for `ms`, like a network drop-out. */
  pauseNetwork(ms: number): void {
    pauseIce(this.pc, ms);
  }

  dropChannel(): void {
    this.channel?.close();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.livenessTimer) clearInterval(this.livenessTimer);
    this.mic.close();
    const channelOpen = this.channel?.readyState === 'open';
    try {
      this.channel?.close();
    } catch {
      // already closed
    }
    // Let the channel's close reach the peer before the transport goes, so it sees a clean close first.
    let peerClosed = false;
    const closePeer = () => {
      if (peerClosed) return;
      peerClosed = true;
      void this.pc.close().catch(() => undefined);
    };
    if (channelOpen && this.channel) {
      // The peer goes only once the channel's SCTP stream reset went through (or after 2 s): closed any sooner,
      // the browser may never see the channel close and only notice the lost network many seconds later.
      this.channel.stateChanged.subscribe((state) => {
        if (state === 'closed') setTimeout(closePeer, 200).unref();
      });
      setTimeout(closePeer, 2_000).unref();
    } else {
      closePeer();
    }
  }
}
