/**
 * Measures the agent's audio as it is played, with the page's own analyser, independent of talkwire's meter:
 * every `intervalMs`, the RMS of the last `fftSize` samples goes to `onRms`. Returns a function that stops it.
 */
export function measurePlayback(
  element: HTMLAudioElement,
  fftSize: number,
  intervalMs: number,
  onRms: (rms: number) => void,
): () => void {
  const ctx = new AudioContext();
  const analyser = ctx.createAnalyser();
  analyser.fftSize = fftSize;
  const buf = new Float32Array(analyser.fftSize);
  let source: MediaStreamAudioSourceNode | null = null;
  const timer = setInterval(() => {
    const stream = element.srcObject;
    if (!source && stream instanceof MediaStream && stream.getAudioTracks().length > 0) {
      source = ctx.createMediaStreamSource(stream);
      source.connect(analyser);
    }
    if (!source) return;
    analyser.getFloatTimeDomainData(buf);
    let sum = 0;
    for (const v of buf) sum += v * v;
    onRms(Math.sqrt(sum / buf.length));
  }, intervalMs);
  return () => {
    clearInterval(timer);
    void ctx.close();
  };
}
