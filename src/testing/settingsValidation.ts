import type { ConfigProblem } from './sessionValidation.js';

// The session settings the emulator does not act on but checks as OpenAI documents them (GA `RealtimeSession`),
// so a client that sends a wrong value sees the `error` event it would get from OpenAI instead of a silent echo.

type Problem = ConfigProblem | null;
type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const shown = (value: unknown): string => (typeof value === 'string' ? value : String(JSON.stringify(value)));
const invalid = (param: string, message: string, code = 'invalid_value'): ConfigProblem => ({ param, message, code });
const quoted = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

function oneOf(value: unknown, allowed: readonly string[], param: string): Problem {
  if (value === undefined || (typeof value === 'string' && allowed.includes(value))) return null;
  return invalid(param, `Invalid '${param}': '${shown(value)}'. Supported values are: ${quoted(allowed)}.`);
}

function number(value: unknown, param: string, min: number, max: number, integer = false): Problem {
  if (value === undefined) return null;
  if (typeof value !== 'number' || !Number.isFinite(value) || (integer && !Number.isInteger(value)))
    return invalid(
      param,
      `Invalid type for '${param}': expected ${integer ? 'an integer' : 'a number'}.`,
      'invalid_type',
    );
  if (value < min || value > max)
    return invalid(
      param,
      `Invalid '${param}': ${value}. Expected a value ${max === Infinity ? `>= ${min}` : `between ${min} and ${max}`}.`,
    );
  return null;
}

function boolean(value: unknown, param: string): Problem {
  return value === undefined || typeof value === 'boolean'
    ? null
    : invalid(param, `Invalid type for '${param}': expected a boolean.`, 'invalid_type');
}

function record(value: unknown, param: string, nullable = true): Problem {
  if (value === undefined || (nullable && value === null) || isRecord(value)) return null;
  return invalid(
    param,
    `Invalid type for '${param}': expected an object${nullable ? ' or null' : ''}.`,
    'invalid_type',
  );
}

export const VOICES = ['alloy', 'ash', 'ballad', 'coral', 'echo', 'sage', 'shimmer', 'verse', 'marin', 'cedar'];
const EAGERNESS = ['low', 'medium', 'high', 'auto'];
const NOISE_REDUCTION = ['near_field', 'far_field'];
const EFFORTS = ['minimal', 'low', 'medium', 'high', 'xhigh'];
const INCLUDE = ['item.input_audio_transcription.logprobs'];
const CONNECTORS = [
  'connector_dropbox',
  'connector_gmail',
  'connector_googlecalendar',
  'connector_googledrive',
  'connector_microsoftteams',
  'connector_outlookcalendar',
  'connector_outlookemail',
  'connector_sharepoint',
];

/** A `turn_detection` object whose `type` is already known to be `server_vad` or `semantic_vad`. */
export function turnDetectionProblem(td: Json): Problem {
  const p = 'session.audio.input.turn_detection';
  const semantic = td.type === 'semantic_vad';
  if (semantic && td.idle_timeout_ms !== undefined && td.idle_timeout_ms !== null)
    return invalid(
      `${p}.idle_timeout_ms`,
      `Unknown parameter: '${p}.idle_timeout_ms'. The idle timeout is only supported with 'server_vad'.`,
      'unknown_parameter',
    );
  if (!semantic && td.eagerness !== undefined)
    return invalid(
      `${p}.eagerness`,
      `Unknown parameter: '${p}.eagerness'. Eagerness is a 'semantic_vad' setting.`,
      'unknown_parameter',
    );
  return (
    oneOf(td.eagerness, EAGERNESS, `${p}.eagerness`) ??
    (td.idle_timeout_ms === null ? null : number(td.idle_timeout_ms, `${p}.idle_timeout_ms`, 5000, 30000, true)) ??
    number(td.prefix_padding_ms, `${p}.prefix_padding_ms`, 0, Infinity, true) ??
    number(td.silence_duration_ms, `${p}.silence_duration_ms`, 0, Infinity, true) ??
    boolean(td.create_response, `${p}.create_response`) ??
    boolean(td.interrupt_response, `${p}.interrupt_response`)
  );
}

export function noiseReductionProblem(value: unknown): Problem {
  const p = 'session.audio.input.noise_reduction';
  return record(value, p) ?? (isRecord(value) ? oneOf(value.type, NOISE_REDUCTION, `${p}.type`) : null);
}

/** A built-in voice by name, or a custom one as `{ id }`. */
export function voiceProblem(value: unknown): Problem {
  const p = 'session.audio.output.voice';
  if (isRecord(value))
    return typeof value.id === 'string' && value.id.length > 0
      ? null
      : invalid(
          `${p}.id`,
          `Missing required parameter: '${p}.id' (a custom voice is { id: 'voice_…' }).`,
          'missing_required_parameter',
        );
  if (typeof value !== 'string' || !VOICES.includes(value))
    return invalid(
      p,
      `Invalid '${p}': '${shown(value)}'. Supported values are: ${VOICES.join(', ')}, or { id } for a custom voice.`,
    );
  return null;
}

function filterProblem(value: unknown, param: string): Problem {
  if (value === undefined) return null;
  if (!isRecord(value)) return invalid(param, `Invalid type for '${param}': expected an object.`, 'invalid_type');
  const names = value.tool_names;
  if (names !== undefined && !(Array.isArray(names) && names.every((n) => typeof n === 'string')))
    return invalid(
      `${param}.tool_names`,
      `Invalid type for '${param}.tool_names': expected an array of strings.`,
      'invalid_type',
    );
  return boolean(value.read_only, `${param}.read_only`);
}

function toolProblem(tool: unknown, i: number): Problem {
  const p = `session.tools[${i}]`;
  if (!isRecord(tool)) return invalid(p, `Invalid type for '${p}': expected an object.`, 'invalid_type');
  if (tool.type === 'function') {
    return typeof tool.name === 'string' && tool.name.length > 0
      ? null
      : invalid(`${p}.name`, `Missing required parameter: '${p}.name'.`, 'missing_required_parameter');
  }
  if (tool.type !== 'mcp') return oneOf(tool.type, ['function', 'mcp'], `${p}.type`);
  if (typeof tool.server_label !== 'string' || tool.server_label.length === 0)
    return invalid(
      `${p}.server_label`,
      `Missing required parameter: '${p}.server_label'.`,
      'missing_required_parameter',
    );
  if (tool.server_url === undefined && tool.connector_id === undefined)
    return invalid(
      p,
      `Invalid '${p}': one of 'server_url' or 'connector_id' is required.`,
      'missing_required_parameter',
    );
  const approval = tool.require_approval;
  const allowed = tool.allowed_tools;
  return (
    oneOf(tool.connector_id, CONNECTORS, `${p}.connector_id`) ??
    (typeof approval === 'string' || approval === undefined || approval === null
      ? oneOf(approval ?? undefined, ['always', 'never'], `${p}.require_approval`)
      : (filterProblem(approval, `${p}.require_approval`) ??
        filterProblem((approval as Json).always, `${p}.require_approval.always`) ??
        filterProblem((approval as Json).never, `${p}.require_approval.never`))) ??
    (Array.isArray(allowed) || allowed === null ? null : filterProblem(allowed, `${p}.allowed_tools`))
  );
}

/** The top-level settings of a realtime session patch: tools, truncation, tracing, prompt, include, reasoning. */
export function settingsProblem(patch: Json): Problem {
  if (Array.isArray(patch.tools))
    for (let i = 0; i < patch.tools.length; i++) {
      const problem = toolProblem(patch.tools[i], i);
      if (problem) return problem;
    }
  const truncation = patch.truncation;
  if (truncation !== undefined && truncation !== 'auto' && truncation !== 'disabled') {
    const p = 'session.truncation';
    if (!isRecord(truncation) || truncation.type !== 'retention_ratio')
      return invalid(p, `Invalid '${p}': use 'auto', 'disabled' or { type: 'retention_ratio', retention_ratio }.`);
    if (truncation.retention_ratio === undefined)
      return invalid(
        `${p}.retention_ratio`,
        `Missing required parameter: '${p}.retention_ratio'.`,
        'missing_required_parameter',
      );
    const limits = truncation.token_limits;
    const problem =
      number(truncation.retention_ratio, `${p}.retention_ratio`, 0, 1) ??
      record(limits, `${p}.token_limits`, false) ??
      (isRecord(limits)
        ? number(limits.post_instructions, `${p}.token_limits.post_instructions`, 0, Infinity, true)
        : null);
    if (problem) return problem;
  }
  const tracing = patch.tracing;
  if (tracing !== undefined && tracing !== null && tracing !== 'auto') {
    const p = 'session.tracing';
    if (!isRecord(tracing))
      return invalid(p, `Invalid '${p}': use 'auto', null or { workflow_name, group_id, metadata }.`);
    for (const key of ['workflow_name', 'group_id'])
      if (tracing[key] !== undefined && typeof tracing[key] !== 'string')
        return invalid(`${p}.${key}`, `Invalid type for '${p}.${key}': expected a string.`, 'invalid_type');
    const problem = record(tracing.metadata, `${p}.metadata`, false);
    if (problem) return problem;
  }
  const prompt = patch.prompt;
  if (prompt !== undefined && prompt !== null) {
    const p = 'session.prompt';
    if (!isRecord(prompt)) return invalid(p, `Invalid type for '${p}': expected an object or null.`, 'invalid_type');
    if (typeof prompt.id !== 'string' || prompt.id.length === 0)
      return invalid(`${p}.id`, `Missing required parameter: '${p}.id'.`, 'missing_required_parameter');
    if (prompt.version !== undefined && prompt.version !== null && typeof prompt.version !== 'string')
      return invalid(`${p}.version`, `Invalid type for '${p}.version': expected a string.`, 'invalid_type');
    const problem = record(prompt.variables, `${p}.variables`);
    if (problem) return problem;
  }
  const include = patch.include;
  if (include !== undefined && include !== null) {
    if (!Array.isArray(include))
      return invalid(
        'session.include',
        "Invalid type for 'session.include': expected an array or null.",
        'invalid_type',
      );
    for (const value of include) {
      const problem = oneOf(value, INCLUDE, 'session.include');
      if (problem) return problem;
    }
  }
  const reasoning = patch.reasoning;
  return (
    record(reasoning, 'session.reasoning', false) ??
    (isRecord(reasoning) ? oneOf(reasoning.effort, EFFORTS, 'session.reasoning.effort') : null) ??
    boolean(patch.parallel_tool_calls, 'session.parallel_tool_calls') ??
    (patch.max_output_tokens === 'inf'
      ? null
      : number(patch.max_output_tokens, 'session.max_output_tokens', 1, 4096, true))
  );
}
