import { WebSocket } from 'ws';
import type { Event } from './rtcClient.js';

/** A Realtime client over the `ws` package, as a server-side agent talks to OpenAI's WebSocket endpoint. */
export class WsClient {
  readonly events: Event[] = [];
  /** Decoded `response.output_audio.delta` samples (24 kHz) per item. */
  readonly audio = new Map<string, number>();
  closeCode: number | undefined;
  private readonly waiters = new Set<() => void>();

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      let event: Event;
      try {
        event = JSON.parse((data as Buffer).toString()) as Event;
      } catch {
        event = { type: '(malformed)', raw: (data as Buffer).toString() };
      }
      if (event.type === 'response.output_audio.delta') {
        const id = event.item_id as string;
        this.audio.set(id, (this.audio.get(id) ?? 0) + Buffer.from(event.delta as string, 'base64').length / 2);
      }
      this.events.push(event);
      this.notify();
    });
    ws.on('close', (code) => {
      this.closeCode = code;
      this.notify();
    });
  }

  private notify(): void {
    for (const w of [...this.waiters]) w();
  }

  /** Opens `${url}/v1/realtime?…` with a standard key in the header, or an `ek_` in the browser subprotocols. */
  static open(
    url: string,
    auth: { bearer?: string; ek?: string } = { bearer: 'sk-test' },
    query = 'model=gpt-realtime',
    path = '/v1/realtime',
  ): Promise<WsClient> {
    const wsUrl = `${url.replace(/^http/, 'ws')}${path}?${query}`;
    const ws = auth.ek
      ? new WebSocket(wsUrl, ['realtime', `openai-insecure-api-key.${auth.ek}`])
      : new WebSocket(wsUrl, auth.bearer ? { headers: { Authorization: `Bearer ${auth.bearer}` } } : {});
    const client = new WsClient(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () =>
          reject(
            Object.assign(new Error(`upgrade refused: ${res.statusCode} ${body}`), { status: res.statusCode, body }),
          ),
        );
      });
      ws.once('error', reject);
    });
  }

  send(event: Record<string, unknown>): void {
    this.ws.send(JSON.stringify(event));
  }

  waitFor(predicate: string | ((e: Event) => boolean), timeoutMs = 5000): Promise<Event> {
    const match = typeof predicate === 'string' ? (e: Event) => e.type === predicate : predicate;
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.events.find(match);
        if (found) {
          this.waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        }
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timed out waiting for ${String(predicate)}; got ${this.types().join(', ')}`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  waitForClose(timeoutMs = 5000): Promise<number> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.closeCode === undefined) return;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(this.closeCode);
      };
      const timer = setTimeout(() => reject(new Error('socket did not close')), timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  types(): string[] {
    return this.events.map((e) => e.type);
  }

  /** Appends 24 kHz PCM16 in `chunkMs` pieces, `paceMs` of wall time apart (0: as fast as possible). */
  async appendAudio(pcm24: Int16Array, chunkMs = 100, paceMs = 0, type = 'input_audio_buffer.append'): Promise<void> {
    const chunk = (24_000 * chunkMs) / 1000;
    for (let i = 0; i < pcm24.length; i += chunk) {
      const slice = pcm24.subarray(i, i + chunk);
      const bytes = Buffer.alloc(slice.length * 2);
      for (let j = 0; j < slice.length; j++) bytes.writeInt16LE(slice[j]!, j * 2);
      this.send({ type, audio: bytes.toString('base64') });
      if (paceMs > 0) await new Promise((r) => setTimeout(r, paceMs));
    }
  }

  close(): void {
    this.ws.terminate();
  }
}

/** 48 kHz -> 24 kHz (pairs averaged). */
export function to24k(pcm48: Int16Array): Int16Array {
  const out = new Int16Array(pcm48.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = (pcm48[2 * i]! + pcm48[2 * i + 1]!) >> 1;
  return out;
}
