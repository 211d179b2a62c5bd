interface ResponseTrack {
  calls: Set<string>;
  done: boolean;
  completed: boolean;
  followedUp: boolean;
}

export interface ResponseFollowUps {
  /** Records that `callId` was made by the response `responseId`. */
  addCall(responseId: string, callId: string): void;
  /** The response is done; `completed` is false when it was cancelled or failed. */
  responseDone(responseId: string, completed: boolean): void;
  /** Asks for the follow-up if this was the last thing the response waited for. */
  maybeFollowUp(responseId: string | undefined): void;
  clear(): void;
}

/**
 * Decides when a model response that called tools gets its one follow-up response: once it is done and every call
 * it made has its output, so the model answers with all results at once rather than once per tool.
 */
export function createResponseFollowUps(
  isSettled: (callId: string) => boolean,
  requestResponse: () => void,
): ResponseFollowUps {
  const responses = new Map<string, ResponseTrack>();

  const track = (responseId: string): ResponseTrack => {
    let entry = responses.get(responseId);
    if (!entry) {
      entry = { calls: new Set(), done: false, completed: false, followedUp: false };
      responses.set(responseId, entry);
    }
    return entry;
  };

  const maybeFollowUp = (responseId: string | undefined) => {
    if (responseId === undefined) return;
    const entry = responses.get(responseId);
    if (!entry || !entry.done || entry.followedUp || entry.calls.size === 0) return;
    for (const callId of entry.calls) if (!isSettled(callId)) return;
    entry.followedUp = true;
    // A cancelled response (barge-in, interrupt) is followed by whatever the user does next, not by us.
    if (entry.completed) requestResponse();
  };

  return {
    addCall(responseId, callId) {
      track(responseId).calls.add(callId);
    },
    responseDone(responseId, completed) {
      const entry = track(responseId);
      entry.done = true;
      entry.completed = completed;
      if (entry.calls.size === 0) responses.delete(responseId);
      else maybeFollowUp(responseId);
    },
    maybeFollowUp,
    clear() {
      responses.clear();
    },
  };
}
