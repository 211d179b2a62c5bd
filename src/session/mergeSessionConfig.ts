import type { RealtimeSessionConfig } from '../core/protocol/session.js';

type Config = Partial<RealtimeSessionConfig>;

/**
 * `next` over `base`, with `audio.input` and `audio.output` merged field by field, so an update that sets the
 * voice keeps the turn detection an earlier one set.
 */
export function mergeSessionConfig(base: Config | undefined, next: Config): Config {
  const a = base?.audio;
  const b = next.audio;
  if (!a || !b) return { ...base, ...next };
  const audio = { ...a, ...b };
  if (a.input && b.input) audio.input = { ...a.input, ...b.input };
  if (a.output && b.output) audio.output = { ...a.output, ...b.output };
  return { ...base, ...next, audio };
}
