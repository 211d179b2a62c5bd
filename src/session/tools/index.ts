export {
  createToolRunner,
  toToolOutput,
  DEFAULT_TOOL_TIMEOUT_MS,
  type ToolRunner,
  type ToolRunnerOptions,
  type ToolTimers,
} from './createToolRunner.js';
export { toolDefinitions, withToolDefinitions } from './toolDefinitions.js';
export { validateTools } from './validateTools.js';
export type { FunctionTool, ToolCallContext, ToolCallDecision, ToolCallState, ToolCallStatus } from './types.js';
