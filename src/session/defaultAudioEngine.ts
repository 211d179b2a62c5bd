import { createAudioEngine } from '../audio/AudioEngine.js';
import type { CreateSessionAudioEngine } from './SessionAudioEngine.js';

/** The engine used when `environment.createAudioEngine` is not given: the AudioWorklet mic meter and output analyser. */
export const defaultAudioEngine: CreateSessionAudioEngine = (options) => createAudioEngine(options);
