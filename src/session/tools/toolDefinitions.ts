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
