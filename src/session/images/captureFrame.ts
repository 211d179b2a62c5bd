import { RealtimeError } from '../../core/errors.js';

export interface CaptureFrameOptions {
  /** Default `image/jpeg`; `image/png` keeps every pixel (a screen of text, say). */
  type?: 'image/jpeg' | 'image/png';
  /** JPEG quality, 0..1 (default 0.92): `sendMessage` re-encodes it smaller anyway. */
  quality?: number;
  /** How long to wait for the first frame of a stream that has not started (default 5000 ms). */
  timeoutMs?: number;
}

const noFrame = (why: string) => new RealtimeError('invalid_image', `No frame to capture: ${why}`);

function firstFrame(video: HTMLVideoElement, timeoutMs: number): Promise<void> {
  // HAVE_CURRENT_DATA: a frame is there to draw.
  if (video.readyState >= 2 && video.videoWidth > 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = (error?: RealtimeError) => {
      clearTimeout(timer);
      video.removeEventListener('loadeddata', onData);
      if (error) reject(error);
      else resolve();
    };
    const onData = () => done();
    const timer = setTimeout(
      () => done(noFrame(`the video showed nothing within ${timeoutMs} ms (is the camera or screen share live?).`)),
      timeoutMs,
    );
    video.addEventListener('loadeddata', onData);
  });
}

/**
 * "Look at this": the current frame of a camera or a shared screen (a `MediaStream` with a video track, or a
 * `<video>` showing one) as an image `Blob`, ready for `session.sendMessage([{ type: 'input_image', image }])`.
 * Rejects with `invalid_image` when there is no live video to capture.
 */
export async function captureFrame(
  source: MediaStream | HTMLVideoElement,
  options: CaptureFrameOptions = {},
): Promise<Blob> {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const fromStream = 'getVideoTracks' in source;
  if (fromStream && !source.getVideoTracks().some((track) => track.readyState === 'live'))
    throw noFrame('the stream has no live video track (use getUserMedia({ video: true }) or getDisplayMedia()).');
  const video = fromStream ? document.createElement('video') : source;
  try {
    if (fromStream) {
      video.muted = true;
      video.playsInline = true;
      video.srcObject = source;
      await video.play();
    }
    await firstFrame(video, timeoutMs);
    const canvas = document.createElement('canvas');
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    const context = canvas.getContext('2d');
    if (!context) throw noFrame('this environment has no 2D canvas.');
    context.drawImage(video, 0, 0);
    const type = options.type ?? 'image/jpeg';
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(noFrame('the frame could not be encoded.'))),
        type,
        options.quality ?? 0.92,
      ),
    );
  } finally {
    if (fromStream) {
      video.pause();
      video.srcObject = null;
    }
  }
}
