/** What a handler gets besides its arguments. */
export interface ToolCallContext {
  /** The model's `call_id`; the output goes back under it. */
  callId: string;
  name: string;
  /** Id of the `function_call` conversation item. */
  itemId: string;
  /** Aborted when the call times out, is cancelled, or the session disconnects. */
  signal: AbortSignal;
}

/**
 * A function the model may call. `parameters` is the JSON Schema of the arguments object. The handler's result
 * goes back to the model as the call's output: strings as they are, anything else as JSON.
 */
// `any`, not `unknown`: a tool typed for its own arguments (`FunctionTool<{ city: string }>`) must fit in
// `tools: FunctionTool[]`, and a handler taking `{ city: string }` does not accept `unknown`.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface FunctionTool<Args = any> {
  name: string;
  description?: string;
  parameters?: unknown;
  handler: (args: Args, context: ToolCallContext) => unknown;
  /** How long the handler may take before the model is told it timed out (ms). Default: the session's `toolTimeoutMs`. */
  timeoutMs?: number;
  /** Wait for `approveToolCall()` / `rejectToolCall()` (or an `onToolCall` answer) before running. */
  needsApproval?: boolean;
}

export type { ToolCallState, ToolCallStatus } from '../../core/state/types.js';

/** `onToolCall`'s answer: run it (`true`/nothing), decline it (`false`), or decline with a reason for the model. */
export type ToolCallDecision = boolean | void | undefined | { approve: boolean; reason?: string };
