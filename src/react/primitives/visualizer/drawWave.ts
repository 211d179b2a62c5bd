import type { DrawVisualizer } from './types.js';

const STEPS = 96;

/** A waveform line: its height follows the voice that is talking; it drifts slowly while the agent thinks. */
export const drawWave: DrawVisualizer = (ctx, f) => {
  const { width: w, height: h, t, state } = f;
  ctx.clearRect(0, 0, w, h);
  const mid = h / 2;
  const level = state === 'speaking' ? f.output : state === 'listening' ? f.input : 0;
  const amplitude =
    state === 'muted'
      ? 0
      : state === 'thinking' || state === 'connecting'
        ? 0.18
        : state === 'idle'
          ? 0.06
          : 0.1 + 0.8 * level;
  const speed = state === 'speaking' ? 0.006 : state === 'listening' ? 0.004 : 0.002;
  ctx.lineWidth = Math.max(2, h * 0.05);
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  for (let line = 1; line >= 0; line--) {
    ctx.strokeStyle = state === 'muted' ? f.track : line === 0 ? f.primary : f.secondary;
    ctx.globalAlpha = line === 0 ? 1 : 0.55;
    ctx.beginPath();
    for (let i = 0; i <= STEPS; i++) {
      const x = (i / STEPS) * w;
      // Tapered at both ends so the line starts and ends on the centre.
      const taper = Math.sin((i / STEPS) * Math.PI);
      const phase = t * speed * (line === 0 ? 1 : -0.7) + line * 1.9;
      const y = mid + mid * 0.9 * amplitude * taper * Math.sin((i / STEPS) * Math.PI * (4 + line) + phase);
      if (i === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    }
    ctx.stroke();
  }
  ctx.globalAlpha = 1;
};
