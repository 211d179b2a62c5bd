/**
 * A minimal AudioWorkletGlobalScope for Node: `registerProcessor`, `AudioWorkletProcessor` (with a `port`)
 * and `sampleRate`, installed before the real worklet module is imported. The processor under test is the
 * shipped code, fed real Float32Arrays.
 */
import { MIC_PROCESSOR_NAME } from '../../src/audio/worklets/micProcessorProtocol.js';
import type { MicProcessorOptions } from '../../src/audio/worklets/micProcessorProtocol.js';
import { PCM_PLAYER_NAME, type PcmPlayerProcessorOptions } from '../../src/audio/worklets/pcmPlayerProtocol.js';

type ProcessorOptions = MicProcessorOptions | PcmPlayerProcessorOptions;

export interface PortLike {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent) => void) | null;
}

export interface ProcessorLike {
  readonly port: PortLike;
  process(inputs: Float32Array[][], outputs: Float32Array[][], parameters: Record<string, Float32Array>): boolean;
}

type ProcessorCtor = new (options: { processorOptions?: ProcessorOptions }) => ProcessorLike;

const registered = new Map<string, ProcessorCtor>();
let nextPort: PortLike | null = null;
let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  const scope = globalThis as Record<string, unknown>;
  scope.sampleRate = 48000;
  scope.AudioWorkletProcessor = class AudioWorkletProcessor {
    readonly port: PortLike;
    constructor() {
      if (!nextPort) throw new TypeError('AudioWorkletProcessor constructed outside createProcessor()');
      this.port = nextPort;
      nextPort = null;
    }
  };
  scope.registerProcessor = (name: string, ctor: ProcessorCtor) => {
    if (registered.has(name)) throw new Error(`NotSupportedError: ${name} is already registered`);
    registered.set(name, ctor);
  };
}

/** Imports the real mic worklet module into the shim scope and returns its registered processor class. */
export async function loadMicProcessor(): Promise<ProcessorCtor> {
  install();
  await import('../../src/audio/worklets/micProcessor.js');
  const ctor = registered.get(MIC_PROCESSOR_NAME);
  if (!ctor) throw new Error(`the module did not register "${MIC_PROCESSOR_NAME}"`);
  return ctor;
}

/** The same for the WebSocket PCM player worklet (its scope also has `currentTime`). */
export async function loadPcmPlayerProcessor(): Promise<ProcessorCtor> {
  install();
  (globalThis as Record<string, unknown>).currentTime = 0;
  await import('../../src/audio/worklets/pcmPlayer.js');
  const ctor = registered.get(PCM_PLAYER_NAME);
  if (!ctor) throw new Error(`the module did not register "${PCM_PLAYER_NAME}"`);
  return ctor;
}

/** Constructs a processor the way `new AudioWorkletNode(ctx, name, { processorOptions })` would. */
export function createProcessor(
  ctor: ProcessorCtor,
  options: { sampleRate: number; port: PortLike; processorOptions?: ProcessorOptions },
): ProcessorLike {
  (globalThis as Record<string, unknown>).sampleRate = options.sampleRate;
  nextPort = options.port;
  return new ctor(options.processorOptions === undefined ? {} : { processorOptions: options.processorOptions });
}

/** Fills `out` with a sine continuing from absolute frame `startFrame`. */
export function fillSine(
  out: Float32Array,
  startFrame: number,
  frequency: number,
  rate: number,
  amplitude: number,
): void {
  const w = (2 * Math.PI * frequency) / rate;
  for (let i = 0; i < out.length; i++) out[i] = amplitude * Math.sin(w * (startFrame + i));
}
