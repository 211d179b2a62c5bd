import type { ImageSeen } from './engine/images.js';
import type { AssistantStep, Scenario } from './scenario.js';

/** One call's position in a scenario. */
export class ScenarioCursor {
  private stepIndex = 0;
  private heardIndex = 0;
  private heardSlot = -1;
  private responses = 0;
  private lastHeard = '';
  private lastOutput = '';
  /** Images of the last user message, not answered yet. */
  private images: readonly ImageSeen[] = [];

  constructor(private readonly script: Scenario) {}

  /** The translation of the turn `nextHeard()` returned last, for `language`. */
  translationOf(language: string): string {
    const texts = this.heardSlot < 0 ? undefined : this.script.translations[this.heardSlot];
    return texts?.[language] ?? `[${language}] ${this.lastHeard}`;
  }

  nextHeard(): string {
    const text = this.script.heard[this.heardIndex] ?? this.script.heardFallback;
    this.heardSlot = this.heardIndex < this.script.heard.length ? this.heardIndex : -1;
    if (this.heardIndex < this.script.heard.length) this.heardIndex++;
    this.lastHeard = text;
    return text;
  }

  noteHeard(text: string): void {
    this.lastHeard = text;
  }

  /** The last `function_call_output` the client sent, for `{output}` in replies. */
  noteOutput(text: string): void {
    this.lastOutput = text;
  }

  /** A user message brought images: the next response answers with the scenario's `image` text. */
  noteImages(images: readonly ImageSeen[]): void {
    this.images = images;
  }

  /** The text of an out-of-band response asked with `instructions`. */
  asideText(instructions: string): string {
    return this.script.aside.replaceAll('{instructions}', instructions).replaceAll('{heard}', this.lastHeard);
  }

  nextStep(): AssistantStep {
    this.responses++;
    const image = this.images[0];
    if (image) {
      // Answered out of the script's order: the steps stay for the turns they were written for.
      const count = this.images.length;
      this.images = [];
      const text = this.script.image
        .replaceAll('{width}', String(image.width))
        .replaceAll('{height}', String(image.height))
        .replaceAll('{format}', image.type === 'png' ? 'PNG' : 'JPEG')
        .replaceAll('{count}', String(count))
        .replaceAll('{heard}', this.lastHeard);
      return { type: 'reply', text };
    }
    const step = this.script.steps[this.stepIndex];
    if (step) {
      this.stepIndex++;
      return step.type === 'reply' && step.text.includes('{output')
        ? { type: 'reply', text: this.quoteOutput(step.text) }
        : step;
    }
    const text = this.script.fallback
      .replaceAll('{n}', String(this.responses))
      .replaceAll('{heard}', this.lastHeard)
      .replaceAll('{output}', this.lastOutput);
    return { type: 'reply', text: this.quoteOutput(text) };
  }

  /**
   * `{output}` is the whole output; `{output.key}` one field of a JSON object output, so a reply can speak part
   * of a result as a model would (tests can then check the rest never reached the page).
   */
  private quoteOutput(text: string): string {
    const withFields = text.includes('{output.')
      ? text.replace(/\{output\.([A-Za-z0-9_]+)\}/g, (_, key: string) => {
          const value = this.outputFields()?.[key];
          return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
        })
      : text;
    return withFields.replaceAll('{output}', this.lastOutput);
  }

  private outputFields(): Record<string, unknown> | null {
    try {
      const parsed: unknown = JSON.parse(this.lastOutput);
      return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  }
}
