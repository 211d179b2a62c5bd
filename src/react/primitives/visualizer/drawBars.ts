import type { DrawVisualizer } from './types.js';

const BARS = 7;
// Louder in the middle, as a voice's energy looks on a spectrum.
const ENVELOPE = [0.45, 0.7, 0.9, 1, 0.9, 0.7, 0.45];

/** Seven rounded bars: they rise with the voice that is talking and sweep while the agent thinks. */
export const drawBars: DrawVisualizer = (ctx, f) => {
  const { width: w, height: h, t, state } = f;
  ctx.clearRect(0, 0, w, h);
  const gap = w / (BARS * 3 - 1);
  const bar = gap * 2;
  const min = Math.min(bar, h);
  const level = state === 'speaking' ? f.output : state === 'listening' ? f.input : 0;
  const sweep = Math.floor(t / 140) % BARS;
  for (let i = 0; i < BARS; i++) {
    let height = min;
    let lit = state === 'speaking' || state === 'listening';
    if (lit)
      height =
        min + (h - min) * Math.min(1, level * 1.6 * (ENVELOPE[i] ?? 1) * (0.75 + 0.25 * Math.sin(t * 0.012 + i * 1.7)));
    else if (state === 'thinking') {
      // A slow travelling ripple.
      lit = true;
      height = min + (h - min) * 0.3 * (0.5 + 0.5 * Math.sin(t * 0.006 - i * 0.9));
    } else if (state === 'connecting') lit = i === sweep;
    else if (state === 'idle') height = min + (h - min) * 0.08 * (ENVELOPE[i] ?? 1);
    ctx.fillStyle = state === 'muted' || !lit ? f.track : i % 2 === 0 ? f.primary : f.secondary;
    const x = i * (bar + gap);
    const y = (h - height) / 2;
    ctx.beginPath();
    ctx.roundRect(x, y, bar, height, bar / 2);
    ctx.fill();
  }
};
