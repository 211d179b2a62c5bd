/**
 * The PCM player AudioWorklet: plays the model's 24 kHz PCM16 over WebSocket. Built into its own standalone
 * file like the mic worklet and loaded from the same origin. The math is `PlayerRing` (tested on its own);
 * `process()` only renders into the output and posts a preallocated report at a bounded rate.
 */
import { PlayerRing } from './pcmPlayerRing.js';
import {
  KIND_CLEARED,
  KIND_PROGRESS,
  KIND_STARTED,
  PCM_PLAYER_NAME,
  REPORT_BUFFERED,
  REPORT_EXTRA,
  REPORT_KIND,
  REPORT_LENGTH,
  REPORT_OVERFLOW,
  REPORT_PLAYED,
  REPORT_STRETCHED,
  REPORT_TOKEN,
  REPORT_UNDERRUNS,
  type PcmPlayerCommand,
  type PcmPlayerProcessorOptions,
} from './pcmPlayerProtocol.js';

// AudioWorkletGlobalScope is not in TypeScript's DOM lib.
declare const sampleRate: number;
declare const currentTime: number;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
  constructor(options?: { processorOptions?: unknown });
}
declare function registerProcessor(
  name: string,
  processorCtor: new (options: { processorOptions?: PcmPlayerProcessorOptions }) => AudioWorkletProcessor,
): void;

function positive(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

class PcmPlayer extends AudioWorkletProcessor {
  private readonly ring: PlayerRing;
  private readonly report = new Float64Array(REPORT_LENGTH);
  private readonly reportEvery: number;
  private untilReport: number;
  private alive = true;

  constructor(options: { processorOptions?: PcmPlayerProcessorOptions }) {
    super(options);
    const opts = options.processorOptions ?? {};
    const inputRate = positive(opts.inputRate, 24000) || 24000;
    this.ring = new PlayerRing({
      inputRate,
      outputRate: sampleRate,
      capacity: positive(opts.capacity, 1 << 20),
      prefillSamples: (positive(opts.prefillMs, 60) * inputRate) / 1000,
      startDelayFrames: (positive(opts.startDelayMs, 15) * sampleRate) / 1000,
      marginFrames: (positive(opts.marginMs, 60) * sampleRate) / 1000,
    });
    this.reportEvery = Math.max(128, Math.round((positive(opts.reportIntervalMs, 50) / 1000) * sampleRate));
    this.untilReport = this.reportEvery;
    this.port.onmessage = (event: MessageEvent<PcmPlayerCommand>) => this.command(event.data);
  }

  private command(message: PcmPlayerCommand): void {
    switch (message.type) {
      case 'push':
        this.ring.write(message.token, message.pcm);
        break;
      case 'end':
        this.ring.end(message.token);
        break;
      case 'clear':
        // Runs between two render quanta: the next process() is already silent.
        this.ring.clear();
        this.post(KIND_CLEARED, this.ring.clearedToken, this.ring.clearedPlayed, message.request);
        break;
      case 'stop':
        this.alive = false;
        this.port.onmessage = null;
        break;
    }
  }

  process(_inputs: Float32Array[][], outputs: Float32Array[][]): boolean {
    const output = outputs[0];
    const first = output?.[0];
    if (first !== undefined) {
      this.ring.render(first);
      for (let c = 1; c < output!.length; c++) output![c]!.set(first);
      if (this.ring.startedToken !== -1)
        this.post(KIND_STARTED, this.ring.startedToken, this.ring.playedInToken, currentTime);
      this.untilReport -= first.length;
    }
    if (this.untilReport <= 0) {
      this.untilReport += this.reportEvery;
      this.post(KIND_PROGRESS, this.ring.token, this.ring.playedInToken, 0);
    }
    return this.alive;
  }

  private post(kind: number, token: number, played: number, extra: number): void {
    const r = this.report;
    r[REPORT_KIND] = kind;
    r[REPORT_TOKEN] = token;
    r[REPORT_PLAYED] = played;
    r[REPORT_BUFFERED] = this.ring.buffered;
    r[REPORT_UNDERRUNS] = this.ring.underruns;
    r[REPORT_OVERFLOW] = this.ring.overflowSamples;
    r[REPORT_EXTRA] = extra;
    r[REPORT_STRETCHED] = this.ring.stretchedFrames;
    this.port.postMessage(r);
  }
}

registerProcessor(PCM_PLAYER_NAME, PcmPlayer);
