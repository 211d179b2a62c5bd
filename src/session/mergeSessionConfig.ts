import type { RealtimeSessionConfig } from '../core/protocol/session.js';

type Config = Partial<RealtimeSessionConfig>;

/**
 * `next` over `base`, with `audio.input` and `audio.output` merged field by field, so an update that sets the
 * voice keeps the turn detection an earlier one set.
 */
export function mergeSessionConfig(base: Config | undefined, next: Config): Config {
  if (!base) return next;
  const merged: Config = { ...base, ...next };
  if (base.audio && next.audio) {
    merged.audio = {
      ...base.audio,
      ...next.audio,
      ...(base.audio.input && next.audio.input ? { input: { ...base.audio.input, ...next.audio.input } } : {}),
      ...(base.audio.output && next.audio.output ? { output: { ...base.audio.output, ...next.audio.output } } : {}),
    };
  }
  return merged;
}
