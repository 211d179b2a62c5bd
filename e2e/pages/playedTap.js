// A pass-through sink between the session's audio and the speakers: counts every frame, notes the frame of the
// first sample with sound, and on 'mark' notes the frame reached, so a test measures how much was played from
// outside the player. Plain JavaScript: loaded as a worklet as is.
class PlayedTap extends AudioWorkletProcessor {
  constructor() {
    super();
    this.frames = 0;
    this.first = -1;
    this.mark = -1;
    this.port.onmessage = (event) => {
      if (event.data === 'mark') this.mark = this.frames;
      else if (event.data === 'reset') this.first = this.mark = -1;
      else this.port.postMessage({ frames: this.frames, first: this.first, mark: this.mark, rate: sampleRate });
    };
  }

  process(inputs, outputs) {
    const input = inputs[0] && inputs[0][0];
    const output = outputs[0] && outputs[0][0];
    if (input) {
      if (this.first < 0) {
        for (let i = 0; i < input.length; i++) {
          if (input[i] !== 0) {
            this.first = this.frames + i;
            break;
          }
        }
      }
      if (output) output.set(input);
    }
    this.frames += 128;
    return true;
  }
}
registerProcessor('talkwire-played-tap', PlayedTap);
