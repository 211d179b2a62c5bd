import OpusScript from 'opusscript';
import { SAMPLE_RATE } from '../speechSynth.js';

/** 20 ms at 48 kHz, the Opus frame size browsers use for WebRTC audio. */
export const FRAME_SAMPLES = 960;

/** Mono Opus at 48 kHz. Stereo packets from a browser decode fine into mono (libopus downmixes). */
export function createOpus(): OpusScript {
  return new OpusScript(SAMPLE_RATE, 1, OpusScript.Application.VOIP);
}
