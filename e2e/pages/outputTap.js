// A pass-through sink after the player: counts output frames that carry sound, so a test can compare what
// really left the player with the position the player reports. Plain JavaScript: loaded as a worklet as is.
class OutputTap extends AudioWorkletProcessor {
  constructor() {
    super();
    this.frames = 0;
    this.port.onmessage = () => this.port.postMessage(this.frames);
  }

  process(inputs, outputs) {
    const input = inputs[0] && inputs[0][0];
    const output = outputs[0] && outputs[0][0];
    if (input) {
      for (let i = 0; i < input.length; i++) if (Math.abs(input[i]) > 0.01) this.frames++;
      if (output) output.set(input);
    }
    return true;
  }
}
registerProcessor('talkwire-output-tap', OutputTap);
