import type { RealtimeState } from '../../../core/state/types.js';
import type { RealtimeSession } from '../../../session/types.js';
import type { DrawVisualizer, VisualizerFrame, VisualizerState } from './types.js';

export interface VisualizerLoopOptions {
  /** Freeze the clock at this time (ms): still frames, redrawn only when a level or the state changes. */
  time?: number | undefined;
  /** Draw this state instead of the session's. */
  state?: VisualizerState | undefined;
}

/** The state a visualizer draws: the agent's while connected, with a muted mic shown unless the agent talks. */
export function visualizerState(s: RealtimeState): VisualizerState {
  if (s.status === 'connecting' || s.status === 'reconnecting') return 'connecting';
  if (s.status !== 'connected') return 'idle';
  if (s.agentState === 'speaking' || s.agentState === 'thinking') return s.agentState;
  if (s.mic.muted) return 'muted';
  return s.agentState === 'listening' ? 'listening' : 'idle';
}

/**
 * Draws `draw` on `canvas` from the session's levels at animation-frame rate, outside React. Stops while the
 * canvas is off screen, the tab is hidden or no call is up. Under `prefers-reduced-motion` it draws one still
 * frame per state; with a fixed `time`, still frames redrawn when a level changes. Colours are the canvas's computed `color` (primary),
 * `border-top-color` (secondary) and `border-bottom-color` (track), so CSS variables restyle it.
 */
export function runVisualizer(
  canvas: HTMLCanvasElement,
  session: RealtimeSession,
  draw: DrawVisualizer,
  options: VisualizerLoopOptions = {},
): () => void {
  // jsdom and old engines have no 2D canvas; the element stays as an empty, decorative box.
  if (typeof CanvasRenderingContext2D === 'undefined') return () => undefined;
  const ctx = canvas.getContext('2d');
  if (ctx === null) return () => undefined;
  const reduced = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
  const still = options.time !== undefined || reduced;
  const style = getComputedStyle(canvas);
  const frame: VisualizerFrame = {
    t: options.time ?? 0,
    input: 0,
    output: 0,
    state: 'idle',
    width: 0,
    height: 0,
    dpr: 1,
    primary: '',
    secondary: '',
    track: '',
  };
  let raf = 0;
  let colourAge = Number.POSITIVE_INFINITY;
  let visible = true;

  const tick = (now: number) => {
    raf = 0;
    if (!visible || document.hidden || frame.width === 0) return;
    const s = session.store.getState();
    const state = options.state ?? visualizerState(s);
    // Theme switches are not observable, so colours are re-read on a state change and twice a second.
    if (state !== frame.state || colourAge++ > 30) {
      frame.state = state;
      frame.primary = style.color;
      frame.secondary = style.borderTopColor;
      frame.track = style.borderBottomColor;
      colourAge = 0;
    }
    const input = session.getInputLevel();
    const output = session.getOutputLevel();
    if (still) {
      frame.input = input;
      frame.output = output;
    } else {
      frame.t = now;
      frame.input += (input - frame.input) * 0.35;
      frame.output += (output - frame.output) * 0.35;
    }
    ctx.setTransform(frame.dpr, 0, 0, frame.dpr, 0, 0);
    draw(ctx, frame);
    if (!canvas.hasAttribute('data-drawn')) canvas.setAttribute('data-drawn', '');
    const live = s.status === 'connected' || s.status === 'connecting' || s.status === 'reconnecting';
    if (!still && (live || options.state !== undefined)) raf = requestAnimationFrame(tick);
  };
  const schedule = () => {
    if (raf === 0) raf = requestAnimationFrame(tick);
  };
  const resize = () => {
    const rect = canvas.getBoundingClientRect();
    const dpr = (frame.dpr = window.devicePixelRatio || 1);
    frame.width = rect.width;
    frame.height = rect.height;
    canvas.width = Math.max(1, Math.round(rect.width * dpr));
    canvas.height = Math.max(1, Math.round(rect.height * dpr));
    colourAge = Number.POSITIVE_INFINITY;
    if (raf !== 0) cancelAnimationFrame(raf);
    raf = 0;
    schedule();
  };

  const offLevels = session.subscribeLevels(options.time !== undefined ? schedule : () => undefined);
  const offState = session.store.subscribe((s, p) => {
    if (s.status !== p.status || s.agentState !== p.agentState || s.mic.muted !== p.mic.muted) schedule();
  });
  const sizes = typeof ResizeObserver === 'function' ? new ResizeObserver(resize) : undefined;
  sizes?.observe(canvas);
  const seen =
    typeof IntersectionObserver === 'function'
      ? new IntersectionObserver((entries) => {
          visible = entries[entries.length - 1]?.isIntersecting ?? true;
          if (visible) schedule();
        })
      : undefined;
  seen?.observe(canvas);
  document.addEventListener('visibilitychange', schedule);
  resize();

  return () => {
    offLevels();
    offState();
    sizes?.disconnect();
    seen?.disconnect();
    document.removeEventListener('visibilitychange', schedule);
    if (raf !== 0) cancelAnimationFrame(raf);
    raf = 0;
  };
}
