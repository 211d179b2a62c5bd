import type { FunctionTool } from './types.js';

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
