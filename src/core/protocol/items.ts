/** GA conversation items (`RealtimeConversationItem`). Beta assistant content `text`/`audio` is normalised. */

export type ItemStatusValue = 'completed' | 'incomplete' | 'in_progress';

interface ItemBase {
  id?: string;
  object?: 'realtime.item';
  status?: ItemStatusValue;
}

export interface InputTextContent {
  type: 'input_text';
  text?: string;
}

export interface InputAudioContent {
  type: 'input_audio';
  audio?: string;
  transcript?: string | null;
}

export interface InputImageContent {
  type: 'input_image';
  image_url?: string;
  detail?: 'auto' | 'low' | 'high';
}

export interface OutputTextContent {
  type: 'output_text';
  text?: string;
}

export interface OutputAudioContent {
  type: 'output_audio';
  audio?: string;
  transcript?: string | null;
}

export interface SystemMessageItem extends ItemBase {
  type: 'message';
  role: 'system';
  content: InputTextContent[];
}

export interface UserMessageItem extends ItemBase {
  type: 'message';
  role: 'user';
  content: Array<InputTextContent | InputAudioContent | InputImageContent>;
}

export interface AssistantMessageItem extends ItemBase {
  type: 'message';
  role: 'assistant';
  content: Array<OutputTextContent | OutputAudioContent>;
}

export interface FunctionCallItem extends ItemBase {
  type: 'function_call';
  name: string;
  arguments: string;
  call_id?: string;
}

export interface FunctionCallOutputItem extends ItemBase {
  type: 'function_call_output';
  call_id: string;
  output: string;
}

export interface McpCallItem {
  type: 'mcp_call';
  id: string;
  server_label: string;
  name: string;
  arguments: string;
  approval_request_id?: string | null;
  output?: string | null;
  error?: { type: string; message: string; code?: number } | null;
}

export interface McpListToolsItem {
  type: 'mcp_list_tools';
  id?: string;
  server_label: string;
  tools: Array<{ name: string; input_schema: unknown; description?: string | null; annotations?: unknown }>;
}

export interface McpApprovalRequestItem {
  type: 'mcp_approval_request';
  id: string;
  server_label: string;
  name: string;
  arguments: string;
}

export interface McpApprovalResponseItem {
  type: 'mcp_approval_response';
  id: string;
  approval_request_id: string;
  approve: boolean;
  reason?: string | null;
}

export type MessageItem = SystemMessageItem | UserMessageItem | AssistantMessageItem;

export type ConversationItem =
  | SystemMessageItem
  | UserMessageItem
  | AssistantMessageItem
  | FunctionCallItem
  | FunctionCallOutputItem
  | McpCallItem
  | McpListToolsItem
  | McpApprovalRequestItem
  | McpApprovalResponseItem;

/** `response.create` input may reference an existing item instead of repeating it. */
export interface ItemReference {
  type: 'item_reference';
  id: string;
}
