import type { RealtimeFunctionTool, RealtimeSessionConfig } from '../../core/protocol/session.js';
import type { FunctionTool } from './types.js';

/** The GA `session.tools` entries for `tools` (handlers stay on the client). */
export function toolDefinitions(tools: readonly FunctionTool[]): RealtimeFunctionTool[] {
  return tools.map((tool) => {
    const definition: RealtimeFunctionTool = { type: 'function', name: tool.name };
    if (tool.description !== undefined) definition.description = tool.description;
    definition.parameters = tool.parameters ?? { type: 'object', properties: {} };
    return definition;
  });
}

/** `config` with the function tools added to whatever tools (MCP servers, say) it already declares. */
export function withToolDefinitions(
  config: Partial<RealtimeSessionConfig> | undefined,
  tools: readonly FunctionTool[],
): Partial<RealtimeSessionConfig> | undefined {
  if (tools.length === 0) return config;
  const declared = (config?.tools ?? []).filter(
    (tool) => tool.type !== 'function' || !tools.some((t) => t.name === tool.name),
  );
  return { ...config, tools: [...declared, ...toolDefinitions(tools)] };
}

/** Throws a TypeError naming the problem when two tools share a name or one lacks a handler. */
export function validateTools(tools: readonly FunctionTool[]): void {
  const seen = new Set<string>();
  for (const tool of tools) {
    if (typeof tool?.name !== 'string' || tool.name === '') throw new TypeError('Every tool needs a non-empty `name`.');
    if (typeof tool.handler !== 'function') throw new TypeError(`Tool "${tool.name}" needs a \`handler\` function.`);
    if (seen.has(tool.name)) throw new TypeError(`Two tools are named "${tool.name}"; tool names must be unique.`);
    seen.add(tool.name);
  }
}
