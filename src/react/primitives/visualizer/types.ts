/** What a visualizer shows: the agent's state, with `connecting` and `muted` drawn apart from it. */
export type VisualizerState = 'idle' | 'connecting' | 'listening' | 'thinking' | 'speaking' | 'muted';

export type AgentVisualizerVariant = 'orb' | 'bars' | 'wave';

/**
 * One frame's input, reused from frame to frame (the draw loop allocates nothing per frame). Colours are resolved
 * CSS colours read from the canvas's computed style.
 */
export interface VisualizerFrame {
  /** Milliseconds; the animation clock. */
  t: number;
  /** Smoothed levels, 0..1. */
  input: number;
  output: number;
  state: VisualizerState;
  /** CSS pixels of the canvas, and its device pixel ratio (for effects the transform does not scale). */
  width: number;
  height: number;
  dpr: number;
  /** Primary, secondary and track colours. */
  primary: string;
  secondary: string;
  track: string;
}

export type DrawVisualizer = (ctx: CanvasRenderingContext2D, frame: VisualizerFrame) => void;
