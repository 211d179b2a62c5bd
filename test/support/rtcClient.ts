import { readFileSync } from 'node:fs';
import OpusScript from 'opusscript';
import { RTCPeerConnection, RtpHeader, RtpPacket } from 'werift';
import type { RTCDataChannel, RTCRtpTransceiver } from 'werift';

export type Event = Record<string, unknown> & { type: string };

const FRAME = 960;

/** Reads a 16-bit mono PCM WAV (the committed e2e speech file). */
export function readWav(url: URL): Int16Array {
  const buf = readFileSync(url);
  let offset = 12;
  while (offset + 8 <= buf.length) {
    const id = buf.toString('ascii', offset, offset + 4);
    const size = buf.readUInt32LE(offset + 4);
    if (id === 'data') {
      const copy = Buffer.from(buf.subarray(offset + 8, offset + 8 + size));
      return new Int16Array(copy.buffer, copy.byteOffset, copy.length >> 1);
    }
    offset += 8 + size + (size & 1);
  }
  throw new Error('no data chunk');
}

export function tone(ms: number, amplitude = 0.3, hz = 220): Int16Array {
  const out = new Int16Array(Math.round(ms * 48));
  for (let i = 0; i < out.length; i++)
    out[i] = Math.round(Math.sin((2 * Math.PI * hz * i) / 48000) * amplitude * 32767);
  return out;
}

export function silence(ms: number): Int16Array {
  return new Int16Array(Math.round(ms * 48));
}

export function concat(...parts: Int16Array[]): Int16Array {
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** A WebRTC client built on werift, doing what a browser does against OpenAI's `/realtime/calls`. */
export class RtcClient {
  readonly events: Event[] = [];
  readonly pc = new RTCPeerConnection({
    iceServers: [],
    iceUseIpv4: false,
    iceUseIpv6: false,
    iceAdditionalHostAddresses: ['127.0.0.1'],
    iceInterfaceAddresses: { udp4: '127.0.0.1' },
  });
  readonly channel: RTCDataChannel;
  readonly transceiver: RTCRtpTransceiver;
  callId = '';
  /** DTLS records dropped because their epoch and sequence number had been seen before (see dropReplayedRecords). */
  replayedRecords = 0;
  /** RMS of each received 20 ms audio frame, with its arrival time. */
  readonly received: Array<{ at: number; rms: number }> = [];
  private readonly waiters = new Set<() => void>();
  private readonly encoder = new OpusScript(48000, 1, OpusScript.Application.VOIP);
  private readonly decoder = new OpusScript(48000, 1, OpusScript.Application.VOIP);
  private seq = 1;
  private ts = 1000;
  private sending: Promise<void> = Promise.resolve();

  constructor() {
    this.transceiver = this.pc.addTransceiver('audio', { direction: 'sendrecv' });
    this.channel = this.pc.createDataChannel('oai-events');
    this.channel.onMessage.subscribe((data) => {
      let event: Event;
      try {
        event = JSON.parse(String(data)) as Event;
      } catch {
        event = { type: '(malformed)', raw: String(data) };
      }
      this.events.push(event);
      for (const w of [...this.waiters]) w();
    });
    this.pc.onTrack.subscribe((track) => {
      track.onReceiveRtp.subscribe((rtp) => {
        const pcm = this.decoder.decode(rtp.payload);
        let sum = 0;
        for (let i = 0; i < pcm.length; i += 2) {
          const s = pcm.readInt16LE(i) / 32768;
          sum += s * s;
        }
        this.received.push({ at: performance.now(), rms: Math.sqrt(sum / (pcm.length / 2)) });
      });
    });
  }

  async connect(apiBaseUrl: string, key: string, path = '/realtime/calls'): Promise<Response> {
    const offer = await this.pc.createOffer();
    await this.pc.setLocalDescription(offer);
    this.dropReplayedRecords();
    const res = await fetch(`${apiBaseUrl}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/sdp' },
      body: this.pc.localDescription!.sdp,
    });
    if (res.status !== 201) return res;
    this.callId = res.headers.get('location')!.split('/').pop()!;
    await this.pc.setRemoteDescription({ type: 'answer', sdp: await res.clone().text() });
    return res;
  }

  /**
   * Drops application records whose epoch and sequence number already arrived, as browsers do (RFC 6347 section
   * 4.1.2.6), so a server that repeats a number loses that record here exactly as it would in Chromium.
   */
  private dropReplayedRecords(): void {
    for (const transport of this.pc.iceTransports) {
      const onData = transport.connection.onData;
      const deliver = onData.execute;
      const seen = new Set<number>();
      onData.execute = (datagram: Buffer) => {
        if (datagram.length < 13 || datagram[0]! < 20 || datagram[0]! > 63) return deliver(datagram);
        const kept: Buffer[] = [];
        for (let at = 0; at + 13 <= datagram.length;) {
          const end = at + 13 + datagram.readUInt16BE(at + 11);
          const epoch = datagram.readUInt16BE(at + 3);
          const key = epoch * 2 ** 48 + datagram.readUIntBE(at + 5, 6);
          if (epoch > 0 && seen.has(key) && datagram[at] === 23) this.replayedRecords++;
          else kept.push(datagram.subarray(at, end));
          if (epoch > 0) seen.add(key);
          at = end;
        }
        if (kept.length > 0) deliver(kept.length === 1 ? kept[0]! : Buffer.concat(kept));
      };
    }
  }

  send(event: Record<string, unknown>): void {
    this.channel.send(JSON.stringify(event));
  }

  sendRaw(text: string): void {
    this.channel.send(text);
  }

  /** Resolves with the first event (from index `from`) matching; rejects after `timeoutMs`. */
  waitFor(predicate: string | ((e: Event) => boolean), timeoutMs = 5000, from = 0): Promise<Event> {
    const match = typeof predicate === 'string' ? (e: Event) => e.type === predicate : predicate;
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.events.slice(from).find(match);
        if (found) {
          this.waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        }
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(
          new Error(`timed out waiting for ${String(predicate)}; got ${this.events.map((e) => e.type).join(', ')}`),
        );
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  types(): string[] {
    return this.events.map((e) => e.type);
  }

  /** Sends PCM (48 kHz mono) as Opus RTP, one 20 ms frame every `frameMs` of wall time. */
  sendAudio(pcm: Int16Array, frameMs = 20): Promise<void> {
    this.sending = this.sending.then(async () => {
      const frame = Buffer.alloc(FRAME * 2);
      const start = performance.now();
      for (let i = 0, n = 0; i < pcm.length; i += FRAME, n++) {
        frame.fill(0);
        const slice = pcm.subarray(i, i + FRAME);
        for (let j = 0; j < slice.length; j++) frame.writeInt16LE(slice[j]!, j * 2);
        const payload = this.encoder.encode(frame, FRAME);
        const header = new RtpHeader({
          payloadType: 96,
          sequenceNumber: this.seq++ & 0xffff,
          timestamp: this.ts,
          marker: false,
        });
        this.ts += FRAME;
        await this.transceiver.sender.sendRtp(new RtpPacket(header, payload));
        const due = start + (n + 1) * frameMs - performance.now();
        if (due > 0) await new Promise((r) => setTimeout(r, due));
      }
    });
    return this.sending;
  }

  async close(): Promise<void> {
    await this.pc.close();
    this.encoder.delete();
    this.decoder.delete();
  }
}

export async function mintKey(
  apiBaseUrl: string,
  session?: Record<string, unknown>,
  seconds?: number,
): Promise<string> {
  const res = await fetch(`${apiBaseUrl}/realtime/client_secrets`, {
    method: 'POST',
    headers: { Authorization: 'Bearer sk-test', 'Content-Type': 'application/json' },
    body: JSON.stringify({
      ...(seconds ? { expires_after: { anchor: 'created_at', seconds } } : {}),
      session: { type: 'realtime', model: 'gpt-realtime', ...session },
    }),
  });
  const body = (await res.json()) as { value: string };
  return body.value;
}

/** A client whose call is up and whose `session.created` has arrived; it is added to `open` for closing. */
export async function connectedClient(
  apiBaseUrl: string,
  open: RtcClient[],
  session?: Record<string, unknown>,
): Promise<RtcClient> {
  const client = new RtcClient();
  open.push(client);
  const res = await client.connect(apiBaseUrl, await mintKey(apiBaseUrl, session));
  if (res.status !== 201) throw new Error(`the emulator answered the offer with ${res.status}: ${await res.text()}`);
  await client.waitFor('session.created');
  return client;
}
