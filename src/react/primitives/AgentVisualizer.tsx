'use client';
import { forwardRef, useEffect, useMemo, useState, type ComponentPropsWithoutRef } from 'react';
import type { RealtimeSession } from '../../session/types.js';
import { composeRefs } from '../composeRefs.js';
import { useEnsureRealtimeSession } from '../useRealtimeSessionContext.js';
import { useSessionState } from '../useSessionState.js';
import { drawOrb } from './visualizer/drawOrb.js';
import { runVisualizer, visualizerState } from './visualizer/runVisualizer.js';
import type { AgentVisualizerVariant, DrawVisualizer, VisualizerState } from './visualizer/types.js';

export interface AgentVisualizerProps extends ComponentPropsWithoutRef<'canvas'> {
  session?: RealtimeSession;
  /** `orb` (default, built in), `bars` or `wave` (each loaded on first use). */
  variant?: AgentVisualizerVariant;
  /** Draw still frames at this clock time (ms) instead of animating: for screenshots and tests. */
  time?: number;
  /** Show this state instead of the session's (previews, docs). */
  state?: VisualizerState;
}

// Only the default variant is bundled up front; the others are fetched the first time they are shown.
const loaders: Record<Exclude<AgentVisualizerVariant, 'orb'>, () => Promise<DrawVisualizer>> = {
  bars: () => import('./visualizer/drawBars.js').then((m) => m.drawBars),
  wave: () => import('./visualizer/drawWave.js').then((m) => m.drawWave),
};

/**
 * An audio-reactive `<canvas>`: it follows the mic while the agent listens, the agent's voice while it speaks,
 * and has its own motion for thinking, connecting and a muted mic. Levels never pass through React: the canvas
 * is drawn per animation frame from the session's level channel, and paused off screen or in a hidden tab.
 * Sized by CSS, crisp on high-DPI screens, coloured by `--talkwire-visualizer-*`. Decorative (`aria-hidden`):
 * pair it with `<AgentStatus/>`. `data-state` = `idle|connecting|listening|thinking|speaking|muted`.
 */
export const AgentVisualizer = forwardRef<HTMLCanvasElement, AgentVisualizerProps>(function AgentVisualizer(
  { session: sessionProp, variant = 'orb', time, state, ...rest },
  ref,
) {
  const session = useEnsureRealtimeSession(sessionProp);
  const shown = useSessionState(visualizerState, session);
  const [canvas, setCanvas] = useState<HTMLCanvasElement | null>(null);
  const composed = useMemo(() => composeRefs(ref, setCanvas), [ref]);
  const [loaded, setLoaded] = useState<{ variant: AgentVisualizerVariant; draw: DrawVisualizer } | null>(null);
  const draw = variant === 'orb' ? drawOrb : loaded?.variant === variant ? loaded.draw : null;

  useEffect(() => {
    if (variant === 'orb') return;
    let current = true;
    loaders[variant]().then(
      (fn) => current && setLoaded({ variant, draw: fn }),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [variant]);

  useEffect(
    () => (canvas === null || draw === null ? undefined : runVisualizer(canvas, session, draw, { time, state })),
    [canvas, session, draw, time, state],
  );

  return (
    <canvas
      aria-hidden="true"
      data-talkwire="agent-visualizer"
      data-variant={variant}
      data-state={state ?? shown}
      {...rest}
      ref={composed}
    />
  );
});
