/**
 * Silences the agent's played audio at once when it is cut off (`interrupt()`, or the server clearing its
 * output buffer on a barge-in). The server stops sending, but what the browser's jitter buffer already holds
 * (40 to several hundred ms, more on a loaded machine) would still play; a disabled remote track renders
 * silence from the next audio block. The track opens again when another response starts playing.
 */
export interface OutputGate {
  /** Silences the played audio until a response other than `responseId` starts playing. */
  close(responseId: string | null): void;
  /** Feed every server event: `output_audio_buffer.cleared` closes, `output_audio_buffer.started` reopens. */
  onServerEvent(event: { type: string; response_id?: unknown }): void;
  reset(): void;
}

export function createOutputGate(playedStream: () => MediaStream | null): OutputGate {
  let closed: { tracks: MediaStreamTrack[]; responseId: string | null } | null = null;
  const open = () => {
    if (!closed) return;
    for (const track of closed.tracks) track.enabled = true;
    closed = null;
  };
  const close = (responseId: string | null) => {
    const stream = playedStream();
    const tracks = typeof stream?.getAudioTracks === 'function' ? stream.getAudioTracks() : [];
    if (tracks.length === 0) return;
    for (const track of tracks) track.enabled = false;
    closed = { tracks, responseId };
  };
  return {
    close,
    onServerEvent(event) {
      const responseId = typeof event.response_id === 'string' ? event.response_id : null;
      if (event.type === 'output_audio_buffer.cleared') close(responseId ?? closed?.responseId ?? null);
      else if (closed && event.type === 'output_audio_buffer.started' && responseId !== closed.responseId) open();
    },
    reset: open,
  };
}
