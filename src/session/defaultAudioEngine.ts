import type { CreateSessionAudioEngine } from './SessionAudioEngine.js';

/** The engine used when `environment.createAudioEngine` is not given; `null` leaves levels at 0. */
export const defaultAudioEngine: CreateSessionAudioEngine | null = null;
