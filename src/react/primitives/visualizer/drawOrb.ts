import type { DrawVisualizer, VisualizerFrame } from './types.js';

const TAU = Math.PI * 2;
const POINTS = 72;

interface OrbPaint {
  size: number;
  primary: string;
  secondary: string;
  fill: CanvasGradient;
  shine: CanvasGradient;
}

// Gradients are built once per size and colour pair, not per frame.
const paints = new WeakMap<CanvasRenderingContext2D, OrbPaint>();

function paint(ctx: CanvasRenderingContext2D, f: VisualizerFrame, size: number): OrbPaint {
  const cached = paints.get(ctx);
  if (cached?.size === size && cached.primary === f.primary && cached.secondary === f.secondary) return cached;
  const fill = ctx.createLinearGradient(-size, -size, size, size);
  fill.addColorStop(0, f.secondary);
  fill.addColorStop(1, f.primary);
  const shine = ctx.createRadialGradient(-size * 0.35, -size * 0.45, 0, -size * 0.35, -size * 0.45, size * 0.95);
  shine.addColorStop(0, 'rgba(255,255,255,0.55)');
  shine.addColorStop(1, 'rgba(255,255,255,0)');
  const made = { size, primary: f.primary, secondary: f.secondary, fill, shine };
  paints.set(ctx, made);
  return made;
}

/** The default look: a soft gradient sphere whose outline ripples with the voice that is talking. */
export const drawOrb: DrawVisualizer = (ctx, f) => {
  const { width: w, height: h, t, state } = f;
  ctx.clearRect(0, 0, w, h);
  const base = (Math.min(w, h) / 2) * 0.62;
  if (base <= 0) return;
  const level = state === 'speaking' ? f.output : state === 'listening' ? f.input : 0;
  let scale = 0.94 + 0.02 * Math.sin(t * 0.0016);
  let wobble = 0.01;
  let speed = 0.0008;
  let spin = 0.0003;
  if (state === 'listening' || state === 'speaking') {
    scale = 0.94 + 0.2 * level;
    wobble = 0.018 + 0.07 * level;
    speed = state === 'speaking' ? 0.0024 : 0.0016;
  } else if (state === 'thinking') {
    scale = 0.92 + 0.03 * Math.sin(t * 0.005);
    wobble = 0.03;
    speed = 0.003;
    spin = 0.0022;
  } else if (state === 'connecting' || state === 'muted') {
    scale = 0.88;
    wobble = state === 'muted' ? 0 : 0.01;
  }
  const r = base * scale;
  const p = paint(ctx, f, Math.round(base));

  ctx.save();
  ctx.translate(w / 2, h / 2);
  ctx.rotate(t * spin);
  ctx.beginPath();
  for (let i = 0; i <= POINTS; i++) {
    const a = (i / POINTS) * TAU;
    const k = 1 + wobble * (0.6 * Math.sin(2 * a + t * speed) + 0.4 * Math.sin(3 * a - t * speed * 1.4));
    const x = Math.cos(a) * r * k;
    const y = Math.sin(a) * r * k;
    if (i === 0) ctx.moveTo(x, y);
    else ctx.lineTo(x, y);
  }
  ctx.closePath();
  if (state !== 'muted') {
    // A soft glow that grows with the voice (shadows ignore the transform, hence the pixel ratio).
    ctx.shadowColor = f.primary;
    ctx.shadowBlur = base * (0.12 + level * 0.35) * f.dpr;
  }
  ctx.fillStyle = state === 'muted' ? f.track : p.fill;
  ctx.fill();
  ctx.shadowBlur = 0;
  ctx.rotate(-t * spin);
  ctx.fillStyle = p.shine;
  ctx.fill();

  ctx.lineCap = 'round';
  if (state === 'muted') {
    // A slash across the sphere: the microphone is off.
    ctx.strokeStyle = f.primary;
    ctx.lineWidth = Math.max(2, base * 0.09);
    ctx.beginPath();
    ctx.moveTo(-r * 0.45, -r * 0.45);
    ctx.lineTo(r * 0.45, r * 0.45);
    ctx.stroke();
  } else if (state === 'thinking' || state === 'connecting') {
    // Satellites circling: work in progress, no voice yet.
    ctx.fillStyle = f.primary;
    for (let i = state === 'thinking' ? 0 : 2; i < 3; i++) {
      const a = t * 0.004 - i * 0.45;
      ctx.globalAlpha = 1 - i * 0.3;
      ctx.beginPath();
      ctx.arc(Math.cos(a) * base * 1.16, Math.sin(a) * base * 1.16, Math.max(2.5, base * 0.08), 0, TAU);
      ctx.fill();
    }
    ctx.globalAlpha = 1;
  }
  ctx.restore();
};
