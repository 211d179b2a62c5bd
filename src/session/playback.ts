import type { RealtimeStore } from '../core/state/store.js';
import type { Call } from './call.js';
import { createOutputGate } from './createOutputGate.js';
import { createPlaybackBlock } from './createPlaybackBlock.js';

export interface PlaybackDeps {
  store: RealtimeStore;
  current: () => Call | null;
  /** The chosen speaker (`setSinkId`), or null for the system default. */
  outputDeviceId: () => string | null;
}

const noop = () => undefined;

/**
 * The model's audio on the page for transports that hand it over as a stream (WebRTC): an `<audio>` element
 * (Chromium decodes a remote track only when it plays), the output meter, the chosen speaker, autoplay
 * blocking as state, and the gate that silences it at once on an interrupt. For transports that play through
 * the session's `AudioContext` themselves (WebSocket), only the blocking: a suspended context is silence.
 */
export function createPlayback(deps: PlaybackDeps) {
  const { store } = deps;
  const block = createPlaybackBlock(store);
  const gate = createOutputGate(() => (deps.current()?.audio?.srcObject ?? null) as MediaStream | null);

  function start(call: Call, audio: HTMLAudioElement): Promise<void> {
    // The executor runs play() now, inside the user's gesture, and turns a synchronous throw into a rejection.
    const played = new Promise<void>((resolve) => resolve(audio.play()));
    return played.then(
      () => {
        if (deps.current() === call) block.element(true);
      },
      (error: unknown) => {
        if (deps.current() !== call) return;
        if ((error as { name?: unknown } | null)?.name === 'NotAllowedError') block.element(false);
        throw error;
      },
    );
  }

  /**
   * Once the call's transport is up: while the call's context is held suspended, `playbackBlocked` is true, as
   * for a refused `<audio>` element (a WebSocket call plays through that context; over WebRTC it is the meters'
   * context, which Chromium starts suspended without a gesture).
   */
  function watchContext(call: Call): void {
    if (deps.current() === call) call.own(block.watch(call.engine?.context ?? null));
  }

  return {
    /** Plays a remote stream of `call` (the transport's `remote_stream`). */
    play(call: Call, stream: MediaStream): void {
      if (deps.current() !== call || !call.env) return;
      try {
        call.engine?.attachRemote(stream);
      } catch {
        // Metering is optional; playback below is what matters.
      }
      watchContext(call);
      const create = call.env.createAudioElement;
      if (!create) return;
      const audio = call.audio ?? create();
      call.audio = audio;
      audio.autoplay = true;
      audio.srcObject = stream;
      const sinkId = deps.outputDeviceId();
      const withSink = audio as HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };
      if (sinkId && typeof withSink.setSinkId === 'function') {
        void withSink.setSinkId(sinkId).then(() => store.apply({ type: 'output', patch: { deviceId: sinkId } }), noop);
      }
      // A refusal is reported as state.output.playbackBlocked; the rejection itself has no one to go to.
      start(call, audio).catch(noop);
    },
    watchContext,
    /** From a user gesture: resumes the context and retries the element. Never rejects. */
    async resume(call: Call): Promise<void> {
      // The default engine waits at most RESUME_WAIT_MS: WebKit's resume() settles only once something captures.
      await call.engine?.resume?.().catch(noop);
      // Only an element that plays something: over WebSocket the element made in the gesture stays empty, and an
      // empty element's play() is refused in WebKit, which would report sound blocked that is not.
      if (call.audio?.srcObject) await start(call, call.audio).catch(noop);
    },
    /** Silences what is already buffered for `responseId` (an interrupt). */
    silence: (responseId: string | null) => gate.close(responseId),
    onServerEvent: (event: { type: string; response_id?: unknown }) => gate.onServerEvent(event),
  };
}

export type Playback = ReturnType<typeof createPlayback>;
