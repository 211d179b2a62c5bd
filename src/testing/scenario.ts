/**
 * Scripted conversations. A scenario is plain JSON (so tests in a browser can send one over HTTP) built with a
 * small chainable DSL:
 *
 *   scenario()
 *     .hears('What is the weather in Paris?')
 *     .callFunction('get_weather', { city: 'Paris' })
 *     .reply('It is sunny in Paris.')
 *
 * Each response the emulator produces takes the next assistant step; each user audio turn takes the next
 * `hears` text as its transcript. When the script runs out, `fallback` answers.
 */

export type AssistantStep =
  | { type: 'reply'; text: string }
  | { type: 'function_call'; name: string; arguments: string; call_id?: string }
  | { type: 'mcp_approval_request'; server_label: string; name: string; arguments: string }
  | { type: 'mcp_call'; server_label: string; name: string; arguments: string; output: string };

export interface ScenarioData {
  /** Assistant turns, one per response, in order. */
  steps: AssistantStep[];
  /** Transcripts for user audio turns, in order (the emulator does no speech recognition). */
  heard: string[];
  /**
   * Reply once `steps` is used up. `{n}` is the response number (1-based), `{heard}` the last user text (heard
   * or typed), `{output}` the last function output the client sent (`{output.key}`: one field of a JSON object
   * output). Reply steps fill in both too.
   */
  fallback: string;
  /** Translation sessions: for each heard turn in order, its translation per output language (`{ es: '...' }`). */
  translations?: Array<Record<string, string>>;
  /** Transcript for a user audio turn once `heard` is used up. */
  heardFallback: string;
  /**
   * Text of every out-of-band response (`response.create` with `conversation: 'none'`); `{instructions}` is that
   * request's instructions, `{heard}` the last user text. Default `Aside: {instructions}`.
   */
  aside?: string;
  /**
   * The reply to the first response after a user message with images (it takes no step). `{width}`, `{height}`
   * and `{format}` describe the first image, `{count}` says how many came, `{heard}` is the message's text.
   */
  image?: string;
}

export { ScenarioCursor } from './scenarioCursor.js';

export const DEFAULT_FALLBACK = 'You said something. This is reply {n}.';
export const DEFAULT_HEARD = '(speech)';
export const DEFAULT_ASIDE = 'Aside: {instructions}';
export const DEFAULT_IMAGE = 'I see your image: a {format} of {width} by {height} pixels.';

export class Scenario implements ScenarioData {
  readonly steps: AssistantStep[];
  readonly heard: string[];
  readonly fallback: string;
  readonly heardFallback: string;
  readonly translations: Array<Record<string, string>>;

  readonly aside: string;
  readonly image: string;

  constructor(data: Partial<ScenarioData> = {}) {
    this.aside = data.aside ?? DEFAULT_ASIDE;
    this.image = data.image ?? DEFAULT_IMAGE;
    this.translations = data.translations ?? [];
    this.steps = data.steps ?? [];
    this.heard = data.heard ?? [];
    this.fallback = data.fallback ?? DEFAULT_FALLBACK;
    this.heardFallback = data.heardFallback ?? DEFAULT_HEARD;
  }

  private with(patch: Partial<ScenarioData>): Scenario {
    return new Scenario({ ...this.toJSON(), ...patch });
  }

  /** The assistant speaks (or writes, in a text-only session) `text`. */
  reply(text: string): Scenario {
    return this.with({ steps: [...this.steps, { type: 'reply', text }] });
  }

  /** The assistant calls a function; the next step plays after the client's output and `response.create`. */
  callFunction(name: string, args: Record<string, unknown> | string = {}, options: { callId?: string } = {}): Scenario {
    const step: AssistantStep = {
      type: 'function_call',
      name,
      arguments: typeof args === 'string' ? args : JSON.stringify(args),
      ...(options.callId !== undefined ? { call_id: options.callId } : {}),
    };
    return this.with({ steps: [...this.steps, step] });
  }

  /** The assistant asks the client to approve an MCP tool call (answered with an `mcp_approval_response` item). */
  requestMcpApproval(serverLabel: string, name: string, args: Record<string, unknown> | string = {}): Scenario {
    const step: AssistantStep = {
      type: 'mcp_approval_request',
      server_label: serverLabel,
      name,
      arguments: typeof args === 'string' ? args : JSON.stringify(args),
    };
    return this.with({ steps: [...this.steps, step] });
  }

  /** The server runs an MCP tool (after an approval, say): an `mcp_call` item with its progress events. */
  mcpCall(serverLabel: string, name: string, args: Record<string, unknown> | string, output: string): Scenario {
    const step: AssistantStep = {
      type: 'mcp_call',
      server_label: serverLabel,
      name,
      arguments: typeof args === 'string' ? args : JSON.stringify(args),
      output,
    };
    return this.with({ steps: [...this.steps, step] });
  }

  /** What the emulator "hears" for the next user audio turn, reported as its input transcription. */
  hears(text: string): Scenario {
    return this.with({ heard: [...this.heard, text] });
  }

  /**
   * Translation sessions: the speaker says `source`; the translation is the text for the session's output
   * language at that moment (`[lang] source` when the map has none).
   */
  translates(source: string, byLanguage: Record<string, string>): Scenario {
    const translations = [...this.translations];
    translations[this.heard.length] = byLanguage;
    return this.with({ heard: [...this.heard, source], translations });
  }

  /** The next user audio turn fails to transcribe (`conversation.item.input_audio_transcription.failed`). */
  failsToHear(message = 'Audio could not be transcribed.'): Scenario {
    return this.with({ heard: [...this.heard, `${FAIL_MARK}${message}`] });
  }

  /** Reply used once the script runs out; `{n}` is the response number, `{heard}` the last user text. */
  otherwise(template: string): Scenario {
    return this.with({ fallback: template });
  }

  /** What out-of-band responses (side questions) answer; `{instructions}` is the request's instructions. */
  answersAside(template: string): Scenario {
    return this.with({ aside: template });
  }

  /** How the assistant answers a message with images; `{width}`, `{height}`, `{format}`, `{count}`, `{heard}`. */
  seesImage(template: string): Scenario {
    return this.with({ image: template });
  }

  toJSON(): ScenarioData {
    return {
      steps: this.steps,
      heard: this.heard,
      fallback: this.fallback,
      heardFallback: this.heardFallback,
      translations: this.translations,
      aside: this.aside,
      image: this.image,
    };
  }
}

/** Starts a scenario. With no steps it answers every turn with "You said something. This is reply N." */
export function scenario(data: Partial<ScenarioData> = {}): Scenario {
  return new Scenario(data);
}

/** Accepts a Scenario or its JSON form (as posted to `/__emulator/scenario`); throws a TypeError on nonsense. */
export function toScenario(input: unknown): Scenario {
  if (input instanceof Scenario) return input;
  if (typeof input !== 'object' || input === null)
    throw new TypeError('A scenario must be an object like { steps: [...] }.');
  const data = input as Partial<Record<keyof ScenarioData, unknown>>;
  const steps = data.steps ?? [];
  if (!Array.isArray(steps)) throw new TypeError('scenario.steps must be an array.');
  const parsed = steps.map((raw, i): AssistantStep => {
    const step = raw as Record<string, unknown>;
    const argsOf = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v ?? {}));
    if (step?.type === 'reply' && typeof step.text === 'string') return { type: 'reply', text: step.text };
    if (step?.type === 'function_call' && typeof step.name === 'string') {
      return {
        type: 'function_call',
        name: step.name,
        arguments: argsOf(step.arguments),
        ...(typeof step.call_id === 'string' ? { call_id: step.call_id } : {}),
      };
    }
    if (
      step?.type === 'mcp_approval_request' &&
      typeof step.name === 'string' &&
      typeof step.server_label === 'string'
    ) {
      return {
        type: 'mcp_approval_request',
        server_label: step.server_label,
        name: step.name,
        arguments: argsOf(step.arguments),
      };
    }
    if (step?.type === 'mcp_call' && typeof step.name === 'string' && typeof step.server_label === 'string') {
      const output = typeof step.output === 'string' ? step.output : '';
      return {
        type: 'mcp_call',
        server_label: step.server_label,
        name: step.name,
        arguments: argsOf(step.arguments),
        output,
      };
    }
    throw new TypeError(
      `scenario.steps[${i}] is not a step: use { type: 'reply', text } | { type: 'function_call', name, arguments } | { type: 'mcp_approval_request', server_label, name, arguments } | { type: 'mcp_call', server_label, name, arguments, output }.`,
    );
  });
  const heard = data.heard ?? [];
  if (!Array.isArray(heard) || heard.some((h) => typeof h !== 'string'))
    throw new TypeError('scenario.heard must be an array of strings.');
  const str = (v: unknown, d: string) => (typeof v === 'string' ? v : d);
  const translations = data.translations ?? [];
  const isMap = (t: unknown) =>
    t === null || (typeof t === 'object' && !Array.isArray(t) && Object.values(t).every((v) => typeof v === 'string'));
  if (!Array.isArray(translations) || !translations.every(isMap)) {
    throw new TypeError('scenario.translations must be an array of { language: text } objects.');
  }
  return new Scenario({
    steps: parsed,
    translations: translations.map((t) => (t ?? {}) as Record<string, string>),
    heard: heard as string[],
    fallback: str(data.fallback, DEFAULT_FALLBACK),
    heardFallback: str(data.heardFallback, DEFAULT_HEARD),
    aside: str(data.aside, DEFAULT_ASIDE),
    image: str(data.image, DEFAULT_IMAGE),
  });
}

/** A `heard` entry that fails instead of transcribing (kept a string so scenarios stay plain JSON). */
const FAIL_MARK = '\u0000fail:';

export function transcriptionFailure(heard: string): string | null {
  return heard.startsWith(FAIL_MARK) ? heard.slice(FAIL_MARK.length) : null;
}

/**
 * `hears('A: Hello. B: Hi!')` names speakers for diarizing models: each `Label:` starts a turn. Text without
 * labels is one turn of speaker `A`. Other models get the text without the labels.
 */
export function speakerTurns(heard: string): Array<{ speaker: string; text: string }> {
  const turns: Array<{ speaker: string; text: string }> = [];
  const pattern = /(?:^|\s)([A-Z][A-Za-z0-9_]{0,15}):\s/g;
  const marks = [...heard.matchAll(pattern)];
  if (marks.length === 0 || marks[0]!.index !== 0) {
    const first = marks.length === 0 ? heard : heard.slice(0, marks[0]!.index);
    if (first.trim()) turns.push({ speaker: 'A', text: first.trim() });
  }
  marks.forEach((mark, i) => {
    const from = mark.index + mark[0].length;
    const to = i + 1 < marks.length ? marks[i + 1]!.index : heard.length;
    const text = heard.slice(from, to).trim();
    if (text) turns.push({ speaker: mark[1]!, text });
  });
  return turns.length > 0 ? turns : [{ speaker: 'A', text: heard }];
}
