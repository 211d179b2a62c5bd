/**
 * What this server process knows about the calls it hangs up. OpenAI's `/hangup` gives the browser no reason it can
 * read (whether the peer's data channel closes, the peer connection closes, or the media just stops is not
 * confirmed), so the page cannot tell a hang-up from a dropped connection on its own: after a loss, a `callUrl`
 * page asks its `createCallHandler`, which answers from here. `hangupCall` also ends this process's sidebands on
 * the call at once, since OpenAI may leave a sideband socket open (openai-agents-js#684).
 */

/** How long a hang-up is remembered: far longer than a page needs to ask, short enough to stay small. */
const REMEMBER_MS = 10 * 60_000;
const MAX_REMEMBERED = 10_000;

const hungUp = new Map<string, number>();
const sidebands = new Map<string, Set<(detail: string) => void>>();

/** Records that this process hung the call up, and ends its sidebands on the call. */
export function noteHungUp(callId: string, now = Date.now()): void {
  hungUp.delete(callId);
  hungUp.set(callId, now);
  // Oldest first (insertion order): drop what has expired, and the oldest beyond the cap.
  for (const [id, at] of hungUp) {
    if (hungUp.size <= MAX_REMEMBERED && now - at < REMEMBER_MS) break;
    hungUp.delete(id);
  }
  for (const end of [...(sidebands.get(callId) ?? [])]) end('hung up by the server');
}

/** Whether this process hung the call up in the last ten minutes. */
export function wasHungUp(callId: string, now = Date.now()): boolean {
  const at = hungUp.get(callId);
  return at !== undefined && now - at < REMEMBER_MS;
}

/** A sideband on `callId` in this process: `end` runs when the call is hung up here. Returns the unregister. */
export function registerSideband(callId: string, end: (detail: string) => void): () => void {
  let set = sidebands.get(callId);
  if (!set) sidebands.set(callId, (set = new Set()));
  set.add(end);
  return () => {
    set.delete(end);
    if (set.size === 0 && sidebands.get(callId) === set) sidebands.delete(callId);
  };
}
