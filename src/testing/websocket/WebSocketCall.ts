import type { WebSocket } from 'ws';
import { createDelayLine, NO_CONDITIONS } from '../conditions.js';
import { ConversationEngine } from '../engine/ConversationEngine.js';
import type { ConversationOptions } from '../engine/ConversationEngine.js';
import { InputMeter } from '../engine/inputStats.js';
import type { MicInputStats } from '../engine/inputStats.js';
import type { AudioOutput, CallMedia, PlayoutEvents, SendOutcome, ServerEvent } from '../engine/types.js';
import { openAiError } from '../openAiError.js';
import { sendWithBackPressure } from '../sendWithBackPressure.js';
import { PcmDeltaOutput } from './PcmDeltaOutput.js';
import { PcmFramer, decodePcm16 } from './pcm.js';

/** Largest client message accepted: OpenAI takes up to 15 MiB of audio in one append. */
export const MAX_WS_MESSAGE_BYTES = 16 * 1024 * 1024;
/** A client that reads nothing while this much waits for it is cut off rather than buffered for without end. */
const MAX_UNREAD_BYTES = 32 * 1024 * 1024;

export interface WebSocketCallOptions extends ConversationOptions {
  /** Ends the call when the client answers no ping (and sends nothing) for this long. */
  livenessTimeoutMs: number;
}

/** The WebSocket media adapter: events as text frames, audio as base64 PCM16 at 24 kHz inside them. */
export class WebSocketCall implements CallMedia {
  readonly transport = 'websocket';
  readonly serverPlayback = false;
  readonly maxMessageBytes = MAX_WS_MESSAGE_BYTES;
  private engine!: ConversationEngine;
  private readonly meter = new InputMeter();
  private readonly framer = new PcmFramer((frame) => {
    this.meter.measure(frame);
    this.engine.pushInputFrame(frame);
  });
  private lastHeardAt = Date.now();
  private livenessTimer: NodeJS.Timeout | undefined;
  private pausedUntil = 0;
  private readonly held: string[] = [];
  private closed = false;
  private line: ReturnType<typeof createDelayLine> | null = null;

  private constructor(private readonly ws: WebSocket) {}

  /** Runs a session on an accepted socket: `session.created` goes out at once. */
  static start(ws: WebSocket, options: WebSocketCallOptions): ConversationEngine {
    const media = new WebSocketCall(ws);
    media.line = createDelayLine(options.conditions ?? (() => NO_CONDITIONS));
    const call = new ConversationEngine(media, options);
    media.engine = call;
    const heard = () => {
      media.lastHeardAt = Date.now();
    };
    ws.on('message', (data, isBinary) => {
      heard();
      if (isBinary) {
        call.sendError(
          openAiError('Binary frames are not supported: send each client event as a JSON text frame.', 'invalid_event'),
          null,
        );
        return;
      }
      call.receive(
        Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8'),
      );
    });
    ws.on('pong', heard);
    ws.on('close', () => call.close('socket closed'));
    ws.on('error', () => call.close('socket error'));
    const every = Math.max(50, options.livenessTimeoutMs / 3);
    media.livenessTimer = setInterval(() => {
      const silentMs = Date.now() - media.lastHeardAt;
      if (silentMs > options.livenessTimeoutMs) {
        call.close(`peer vanished: nothing heard for ${silentMs} ms`);
        return;
      }
      if (Date.now() >= media.pausedUntil) ws.ping();
    }, every);
    media.livenessTimer.unref();
    call.output.start();
    call.open();
    return call;
  }

  createOutput(events: PlayoutEvents, emit: (event: ServerEvent) => void): AudioOutput {
    return new PcmDeltaOutput(emit, events);
  }

  sendText(text: string): SendOutcome {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return 'closed';
    if (Date.now() < this.pausedUntil) {
      this.held.push(text);
      return 'sent';
    }
    const line = this.line;
    if (line && !line.streamIdle()) {
      // Network conditions: the message leaves later, in order; a closed socket by then drops it.
      line.stream(() => void (this.ws.readyState === this.ws.OPEN && !this.closed && this.sendNow(text)));
      return 'sent';
    }
    return this.sendNow(text);
  }

  private sendNow(text: string): SendOutcome {
    if (this.ws.bufferedAmount > MAX_UNREAD_BYTES) {
      this.ws.close(1008, 'Client is not reading its events');
      return 'closed';
    }
    this.ws.send(text);
    return 'sent';
  }

  sendRaw(messages: readonly string[]): Promise<number> {
    return sendWithBackPressure(messages, {
      isOpen: () => !this.closed && this.ws.readyState === this.ws.OPEN,
      maxBytes: () => this.maxMessageBytes,
      bufferedAmount: () => this.ws.bufferedAmount,
      send: (message) => this.ws.send(message),
    });
  }

  appendAudio(base64: string): string | null {
    const pcm = decodePcm16(base64);
    if (typeof pcm === 'string') return pcm;
    this.framer.push(pcm);
    return null;
  }

  inputStats(): MicInputStats {
    return this.meter.stats();
  }

  /** Sends nothing and reads nothing for `ms`; what the call sends meanwhile leaves afterwards, in order. */
  pauseNetwork(ms: number): void {
    this.pausedUntil = Date.now() + ms;
    const socket = (this.ws as unknown as { _socket?: { pause(): void; resume(): void } })._socket;
    socket?.pause();
    setTimeout(() => {
      socket?.resume();
      this.lastHeardAt = Date.now();
      for (const text of this.held.splice(0)) if (!this.closed) this.ws.send(text);
    }, ms).unref();
  }

  dropChannel(): void {
    this.ws.close(1011, 'Emulator fault: connection dropped');
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.livenessTimer) clearInterval(this.livenessTimer);
    if (this.ws.readyState === this.ws.OPEN) {
      this.ws.close(1000, 'Session ended');
      // A peer that never answers the close handshake is cut off.
      setTimeout(() => this.ws.terminate(), 2_000).unref();
    } else {
      this.ws.terminate();
    }
  }
}
