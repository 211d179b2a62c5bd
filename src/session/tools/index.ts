export { createToolRunner, toToolOutput, DEFAULT_TOOL_TIMEOUT_MS, type ToolRunner, type ToolRunnerOptions, type ToolTimers } from './createToolRunner.js';
export { toolDefinitions, withToolDefinitions, validateTools } from './toolDefinitions.js';
export type { FunctionTool, ToolCallContext, ToolCallDecision, ToolCallState, ToolCallStatus } from './types.js';
