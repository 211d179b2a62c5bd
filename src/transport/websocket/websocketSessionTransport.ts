import { createPcmPlayer, type PcmPlayer } from '../../audio/createPcmPlayer.js';
import { RealtimeError } from '../../core/errors.js';
import type { ClientEvent } from '../../core/protocol/events.js';
import { createEmitter, type Emitter } from '../createEmitter.js';
import type { Transport, TransportContext, TransportEventMap, TransportMedia } from '../Transport.js';
import { createPcmUplink } from './createPcmUplink.js';
import { createWebSocketAudio, type WebSocketAudio } from './createWebSocketAudio.js';
import { createWebSocketTransport, type WebSocketConstructor } from './createWebSocketTransport.js';
import { createTranslationAudio, type TranslationAudio } from './translationAudio.js';
import { createRoundTripProbe, socketStatsReport } from './roundTripProbe.js';

const TRANSLATION_FRAME_SAMPLES = 4800;

const DRAIN_INTERVAL_MS = 50;

interface SessionShape {
  audio?: { input?: { turn_detection?: { interrupt_response?: unknown } | null } };
  turn_detection?: { interrupt_response?: unknown } | null;
}

/**
 * What `createRealtimeSession({ transport: 'websocket' })` runs (loaded on demand): the socket, mic PCM up
 * through the uplink, the model's PCM through the AudioWorklet player on the session's context (a page) or out
 * as `output_audio` events (Node), and exact truncation on an interruption. WebSocket carries no
 * `output_audio_buffer.*` events, so this transport reports them itself from the player (started at an item's
 * first sample, stopped when its last sample played, cleared on an interruption): the store's agent state
 * then reads the same as over WebRTC.
 */
export function websocketSessionTransport(
  context: TransportContext,
  emitter: Emitter<TransportEventMap> = createEmitter(),
): Transport {
  const options = context.websocket ?? {};
  const call = context.audio ?? null;
  const host = call && {
    context: () => (call.engine?.context ?? null) as AudioContext | null,
    setCapture: (listener: ((pcm: Int16Array) => void) | null) => call.engine?.setCapture?.(listener),
  };
  const WebSocketClass = options.WebSocket ?? context.WebSocket;
  const kind = context.sessionKind ?? 'realtime';
  // Made once the key is in (lazily, at connect): the minted session's model, so socket and key agree.
  const mintedModel = (context.minted?.session as { model?: unknown } | undefined)?.model;
  const model = typeof mintedModel === 'string' ? mintedModel : options.model;
  const socket = createWebSocketTransport({
    sessionKind: kind,
    ...(context.apiBaseUrl === undefined ? {} : { apiBaseUrl: context.apiBaseUrl }),
    ...(model === undefined ? {} : { model }),
    ...(options.relayUrl === undefined ? {} : { relayUrl: options.relayUrl }),
    ...(WebSocketClass ? { WebSocket: WebSocketClass as WebSocketConstructor } : {}),
  });
  const send = (event: ClientEvent) => socket.send(event);
  // What the transport decides to send itself (an interruption's cancel and truncate) shows up in the
  // session's client events like the app's own; the mic's appends stay out of the log.
  const sendOwn = (event: ClientEvent) => {
    socket.send(event);
    emitter.emit('client_event', event);
  };
  const uplink = createPcmUplink({
    send,
    bufferedAmount: () => socket.bufferedAmount,
    // OpenAI's translation sessions take 200 ms frames (4 800 samples); a conversation, 50 ms like the mic worklet.
    ...(kind === 'translation'
      ? { appendType: 'session.input_audio_buffer.append' as const, chunkSamples: TRANSLATION_FRAME_SAMPLES }
      : {}),
  });
  const probe = createRoundTripProbe(send);
  let serverCancels = true;
  let player: PcmPlayer | null = null;
  let analyser: AnalyserNode | null = null;
  let levels: Float32Array<ArrayBuffer> | null = null;
  let audio: WebSocketAudio | null = null;
  let translation: TranslationAudio | null = null;
  let drain: ReturnType<typeof setInterval> | undefined;
  // Items with audio: their response (for the local output_audio_buffer events) and whether all of it arrived.
  const items = new Map<string, { responseId: string; ended: boolean }>();
  let speaking: string | null = null;

  const local = (type: string, responseId: string) =>
    emitter.emit('message', JSON.stringify({ type, response_id: responseId }));

  function observe(raw: string): void {
    let event: { type: string; session?: SessionShape; item_id?: unknown; response_id?: unknown };
    try {
      event = JSON.parse(raw) as typeof event;
    } catch {
      return; // the session reports the malformed message
    }
    if ((event.type === 'session.created' || event.type === 'session.updated') && event.session) {
      const detection = event.session.audio?.input?.turn_detection ?? event.session.turn_detection;
      serverCancels = !!detection && detection.interrupt_response !== false;
    }
    const itemId = typeof event.item_id === 'string' ? event.item_id : null;
    if (
      itemId &&
      (event.type === 'response.output_audio.delta' || event.type === 'response.audio.delta') &&
      !items.has(itemId)
    ) {
      items.set(itemId, { responseId: typeof event.response_id === 'string' ? event.response_id : '', ended: false });
    }
    if (itemId && (event.type === 'response.output_audio.done' || event.type === 'response.audio.done')) {
      const item = items.get(itemId);
      if (item) item.ended = true;
    }
    // An interpreter talks over its speaker by design: in a translation nothing interrupts or truncates its speech.
    if (translation) translation.handleServerEvent(event);
    else audio?.handleServerEvent(event);
  }

  function onProgress(progress: { itemId: string | null; bufferedSamples: number }, started: string | null): void {
    const item = started === null ? null : items.get(started);
    if (item && speaking !== item.responseId) {
      speaking = item.responseId;
      local('output_audio_buffer.started', item.responseId);
      return;
    }
    const current = progress.itemId === null ? null : items.get(progress.itemId);
    if (speaking !== null && current?.ended && progress.bufferedSamples === 0) {
      const responseId = speaking;
      speaking = null;
      local('output_audio_buffer.stopped', responseId);
    }
  }

  async function startAudio(): Promise<void> {
    // A transcription session never speaks: no player to load.
    const ctx = kind === 'transcription' ? null : (host?.context() ?? null);
    if (ctx) {
      const workletUrl = options.audio?.playerWorkletUrl;
      player = await createPcmPlayer(workletUrl === undefined ? { context: ctx } : { context: ctx, workletUrl });
      analyser = ctx.createAnalyser();
      analyser.fftSize = 512;
      levels = new Float32Array(analyser.fftSize);
      player.node.connect(analyser);
      player.onProgress(onProgress);
    }
    audio = createWebSocketAudio({
      send: sendOwn,
      player,
      serverCancelsOnSpeech: () => serverCancels,
      playedMs: options.audio?.playedMs,
      onOutputAudio: (event) => emitter.emit('output_audio', event),
      onInterrupted: () => {
        if (speaking === null) return;
        const responseId = speaking;
        speaking = null;
        local('output_audio_buffer.cleared', responseId);
      },
      onError: () => undefined,
    });
    if (kind === 'translation') {
      translation = createTranslationAudio({ player, onOutputAudio: (event) => emitter.emit('output_audio', event) });
    }
    host?.setCapture((pcm) => uplink.push(pcm));
    drain = setInterval(() => uplink.drain(), DRAIN_INTERVAL_MS);
  }

  socket.on('message', (raw) => {
    if (probe.answer(raw, performance.now())) return;
    observe(raw);
    emitter.emit('message', raw);
  });
  socket.on('close', (error) => {
    stop();
    emitter.emit('close', error);
  });

  function stop(): void {
    clearInterval(drain);
    host?.setCapture(null);
    uplink.clear();
    player?.close();
    player = null;
    analyser?.disconnect();
    audio?.dispose();
    audio = null;
    translation?.dispose();
    translation = null;
  }

  const media: TransportMedia = {
    usesMic: host !== null,
    // The mic reaches the uplink through the session's mic worklet (the host's capture), which follows the
    // stream the session attaches, so a device switch needs nothing here.
    setInput: () => Promise.resolve(),
    interruptOutput: () => void audio?.interrupt().catch(() => undefined),
    getOutputLevel() {
      if (!analyser || !levels) return 0;
      analyser.getFloatTimeDomainData(levels);
      let sum = 0;
      for (let i = 0; i < levels.length; i++) sum += levels[i]! * levels[i]!;
      return Math.min(1, Math.sqrt(sum / levels.length));
    },
    appendInputAudio: (pcm) => uplink.push(pcm),
    async setOutputDevice(deviceId) {
      const ctx = host?.context() as (AudioContext & { setSinkId?: (id: string) => Promise<void> }) | null;
      if (!ctx || typeof ctx.setSinkId !== 'function') {
        throw new RealtimeError(
          'unsupported_environment',
          'This browser cannot choose the output device of an AudioContext (setSinkId, Chromium 110+); audio plays on the system default.',
        );
      }
      await ctx.setSinkId(deviceId === 'default' ? '' : deviceId);
    },
  };

  return {
    get status() {
      return socket.status;
    },
    media,
    async connect(secret, signal) {
      const result = await socket.connect(secret, signal);
      try {
        await startAudio();
      } catch (cause) {
        socket.close();
        stop();
        throw new RealtimeError(
          'unsupported_environment',
          cause instanceof Error ? cause.message : 'The audio player could not start.',
          { cause },
        );
      }
      return result;
    },
    send,
    close() {
      stop();
      socket.close();
    },
    on: emitter.on,
    // The round trip of a probe (see roundTripProbe.ts) and the bytes the socket has not sent yet.
    getStats() {
      if (socket.status !== 'open') return undefined;
      const at = performance.now();
      return Promise.resolve(socketStatsReport(probe.read(at), socket.bufferedAmount, at));
    },
  };
}
