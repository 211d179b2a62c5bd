import {
  KIND_CLEARED,
  KIND_STARTED,
  PCM_PLAYER_NAME,
  REPORT_BUFFERED,
  REPORT_EXTRA,
  REPORT_KIND,
  REPORT_OVERFLOW,
  REPORT_PLAYED,
  REPORT_STRETCHED,
  REPORT_TOKEN,
  REPORT_UNDERRUNS,
  type PcmPlayerCommand,
  type PcmPlayerProcessorOptions,
} from './worklets/pcmPlayerProtocol.js';

/**
 * Where the player worklet is loaded from by default: like the mic worklet, a same-origin file next to the
 * library (`dist/worklets/pcmPlayer.js`) that apps' bundlers emit as an asset.
 */
export function defaultPcmPlayerWorkletUrl(): URL {
  // The comment keeps this library's own build from inlining the file; the build strips it again.
  return new URL(/* @vite-ignore */ './worklets/pcmPlayer.js', import.meta.url);
}

export interface PcmPlayerOptions extends PcmPlayerProcessorOptions {
  context: AudioContext;
  /** Self-hosted copy of `dist/worklets/pcmPlayer.js`; default `defaultPcmPlayerWorkletUrl()`. */
  workletUrl?: string | URL;
  /** Where the audio goes; default `context.destination`. Connect an `AnalyserNode` to `node` for levels. */
  destination?: AudioNode;
  /** Defaults to the global. */
  AudioWorkletNode?: typeof AudioWorkletNode;
  /** How long `clear()` waits for the audio thread's answer before using the last report. Default 250 ms. */
  clearTimeoutMs?: number;
}

/** Where playback stands: the item at the play position and how many of its samples were played. */
export interface PlayerPosition {
  itemId: string | null;
  /** Input samples (24 kHz) of `itemId` played. */
  playedSamples: number;
}

export interface PlayerProgress extends PlayerPosition {
  bufferedSamples: number;
  underruns: number;
  overflowSamples: number;
  /** Silent output frames the player added inside quiet passages to build its jitter margin. */
  stretchedFrames: number;
  /** Context time (s) at which the latest item's first sample was rendered. */
  startedAtContextTime: number;
}

export interface PcmPlayer {
  /** The player's node, for meters: `player.node.connect(analyser)`. */
  readonly node: AudioWorkletNode;
  /** Queues `pcm` of `itemId`. Its buffer is transferred to the audio thread: do not use `pcm` afterwards. */
  push(itemId: string, pcm: Int16Array): void;
  /** No more audio will come for `itemId`; running dry then is not an underrun. */
  end(itemId: string): void;
  /** Silences within one render quantum and answers with the exact position reached. */
  clear(): Promise<PlayerPosition>;
  /** The latest report (about every `reportIntervalMs`). */
  readonly progress: Readonly<PlayerProgress>;
  /** Runs on each report and on each item's first sample (`started` then carries the item). */
  onProgress(listener: (progress: Readonly<PlayerProgress>, started: string | null) => void): () => void;
  /** Stops the worklet and disconnects. Safe to call twice. */
  close(): void;
}

const MAX_TOKENS = 64;

/** Loads the player worklet into `context` (once per context) and creates a player. */
export async function createPcmPlayer(options: PcmPlayerOptions): Promise<PcmPlayer> {
  const { context } = options;
  const url = options.workletUrl ?? defaultPcmPlayerWorkletUrl();
  try {
    await context.audioWorklet.addModule(String(url));
  } catch (cause) {
    throw new Error(
      `Could not load the audio player worklet from ${String(url)}. Serve dist/worklets/pcmPlayer.js from your origin and pass its URL as workletUrl.`,
      {
        cause,
      },
    );
  }
  const WorkletNode = options.AudioWorkletNode ?? globalThis.AudioWorkletNode;
  const processorOptions: PcmPlayerProcessorOptions = {};
  for (const key of ['inputRate', 'capacity', 'prefillMs', 'startDelayMs', 'marginMs', 'reportIntervalMs'] as const) {
    if (options[key] !== undefined) processorOptions[key] = options[key];
  }
  const node = new WorkletNode(context, PCM_PLAYER_NAME, {
    numberOfInputs: 0,
    numberOfOutputs: 1,
    outputChannelCount: [1],
    processorOptions,
  });
  node.connect(options.destination ?? context.destination);

  const tokens = new Map<string, number>();
  const items = new Map<number, string>();
  let nextToken = 0;
  let nextRequest = 0;
  let closed = false;
  const pendingClears = new Map<number, (position: PlayerPosition) => void>();
  const listeners = new Set<(progress: Readonly<PlayerProgress>, started: string | null) => void>();
  const progress: PlayerProgress = {
    itemId: null,
    playedSamples: 0,
    bufferedSamples: 0,
    underruns: 0,
    overflowSamples: 0,
    stretchedFrames: 0,
    startedAtContextTime: 0,
  };

  function tokenOf(itemId: string): number {
    let token = tokens.get(itemId);
    if (token === undefined) {
      token = nextToken++;
      tokens.set(itemId, token);
      items.set(token, itemId);
      // Only recent items can still be playing; the oldest mapping goes.
      if (tokens.size > MAX_TOKENS) {
        const [oldId, oldToken] = tokens.entries().next().value!;
        tokens.delete(oldId);
        items.delete(oldToken);
      }
    }
    return token;
  }

  function post(command: PcmPlayerCommand, transfer?: Transferable[]): void {
    if (closed) return;
    if (transfer) node.port.postMessage(command, transfer);
    else node.port.postMessage(command);
  }

  node.port.onmessage = (event: MessageEvent<Float64Array>) => {
    const r = event.data;
    const kind = r[REPORT_KIND];
    progress.itemId = items.get(r[REPORT_TOKEN]!) ?? null;
    progress.playedSamples = r[REPORT_PLAYED]!;
    progress.bufferedSamples = r[REPORT_BUFFERED]!;
    progress.underruns = r[REPORT_UNDERRUNS]!;
    progress.overflowSamples = r[REPORT_OVERFLOW]!;
    progress.stretchedFrames = r[REPORT_STRETCHED] ?? 0;
    if (kind === KIND_CLEARED) {
      const request = r[REPORT_EXTRA]!;
      pendingClears.get(request)?.({ itemId: progress.itemId, playedSamples: progress.playedSamples });
      pendingClears.delete(request);
    }
    const started = kind === KIND_STARTED ? progress.itemId : null;
    if (kind === KIND_STARTED) progress.startedAtContextTime = r[REPORT_EXTRA]!;
    for (const listener of listeners) listener(progress, started);
  };

  return {
    node,
    push(itemId, pcm) {
      // A view into a larger buffer is copied: transferring would take the rest of that buffer away too.
      const own = pcm.byteOffset === 0 && pcm.byteLength === pcm.buffer.byteLength ? pcm : pcm.slice();
      post({ type: 'push', token: tokenOf(itemId), pcm: own }, [own.buffer as ArrayBuffer]);
    },
    end(itemId) {
      const token = tokens.get(itemId);
      if (token !== undefined) post({ type: 'end', token });
    },
    clear() {
      if (closed) return Promise.resolve({ itemId: progress.itemId, playedSamples: progress.playedSamples });
      const request = nextRequest++;
      return new Promise<PlayerPosition>((resolve) => {
        // A suspended or closed context may never answer; the last report is then the best position known.
        const timer = setTimeout(() => {
          pendingClears.delete(request);
          resolve({ itemId: progress.itemId, playedSamples: progress.playedSamples });
        }, options.clearTimeoutMs ?? 250);
        pendingClears.set(request, (position) => {
          clearTimeout(timer);
          resolve(position);
        });
        post({ type: 'clear', request });
      });
    },
    get progress() {
      return progress;
    },
    onProgress(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      if (closed) return;
      post({ type: 'stop' });
      closed = true;
      node.port.onmessage = null;
      node.port.close();
      node.disconnect();
      listeners.clear();
      for (const resolve of pendingClears.values())
        resolve({ itemId: progress.itemId, playedSamples: progress.playedSamples });
      pendingClears.clear();
    },
  };
}
