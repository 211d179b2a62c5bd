import { isObject, own, type JsonObject } from '../protocol/guards.js';
import { copyItem } from './copyItem.js';
import type { ConversationItemState, ItemImage, ItemKind, ItemStatus, Role } from './types.js';

const KINDS: ReadonlySet<string> = new Set([
  'message',
  'function_call',
  'function_call_output',
  'mcp_call',
  'mcp_list_tools',
  'mcp_approval_request',
  'mcp_approval_response',
]);
const STATUSES: ReadonlySet<string> = new Set(['in_progress', 'completed', 'incomplete']);
const ROLES: ReadonlySet<string> = new Set(['user', 'assistant', 'system']);
const AUDIO_PARTS: ReadonlySet<string> = new Set(['input_audio', 'output_audio', 'audio']);
/** Most content arrays have one or two parts; anything longer than this is not a conversation item. */
const MAX_PARTS = 64;

export function isItemKind(value: unknown): value is ItemKind {
  return typeof value === 'string' && KINDS.has(value);
}

export function isItemStatus(value: unknown): value is ItemStatus {
  return typeof value === 'string' && STATUSES.has(value);
}

export interface MergeContext {
  /** The payload is a final version of the item (`*.done`, `retrieved`, `response.done` output). */
  done: boolean;
  responseId?: string | undefined;
  previousItemId?: string | null | undefined;
  /** Whether input transcription is on; decides if a user audio item waits for a transcript. */
  transcriptionOn: boolean;
}

/**
 * The item state after seeing an item payload (from `conversation.item.*`, `response.output_item.*`,
 * `response.done`). Values present in the payload win when the payload is final or when we had nothing yet;
 * text streamed from deltas is never replaced by an empty placeholder. Returns null for payloads that are not
 * items we can show.
 */
export function mergeItem(
  existing: ConversationItemState | undefined,
  payload: JsonObject,
  context: MergeContext,
): ConversationItemState | null {
  const id = own(payload, 'id');
  if (typeof id !== 'string') return null;
  const type = own(payload, 'type');
  // An item never changes kind; a payload claiming otherwise for a known id is ignored on that point.
  const kind: ItemKind | undefined = existing?.kind ?? (isItemKind(type) ? type : undefined);
  if (kind === undefined) return null;

  const rawStatus = own(payload, 'status');
  // Approval requests, MCP calls and function outputs carry no status: a final payload is what completes them.
  const status: ItemStatus = isItemStatus(rawStatus)
    ? rawStatus
    : context.done
      ? existing?.status === 'incomplete'
        ? 'incomplete'
        : 'completed'
      : (existing?.status ?? 'in_progress');

  const next = copyItem(existing ?? ({ text: '', final: false, audio: false } as ConversationItemState));
  next.id = id;
  next.kind = kind;
  next.role = roleOf(kind, own(payload, 'role'), existing?.role);
  next.status = status;
  if (context.responseId !== undefined) next.responseId = context.responseId;
  if (context.previousItemId !== undefined) next.previousItemId = context.previousItemId;

  if (kind === 'message') {
    mergeMessage(existing, payload, context, next);
  } else {
    mergeTool(kind, payload, context, next);
    next.text = summarize(next);
  }
  if (status !== 'in_progress' && next.transcription !== 'pending') next.final = true;
  return next;
}

function roleOf(kind: ItemKind, role: unknown, previous: Role | undefined): Role {
  if (kind === 'message') {
    if (typeof role === 'string' && ROLES.has(role)) return role as Role;
    return previous ?? 'assistant';
  }
  // Outputs and approvals are supplied by the client; calls come from the model.
  return kind === 'function_call_output' || kind === 'mcp_approval_response' ? 'user' : 'assistant';
}

function mergeMessage(
  existing: ConversationItemState | undefined,
  payload: JsonObject,
  context: MergeContext,
  next: ConversationItemState,
): void {
  const content = own(payload, 'content');
  if (!Array.isArray(content)) return;
  const parts = existing?.parts ? existing.parts.slice() : [];
  let userAudio = false;
  let transcriptSeen = false;
  let images: ItemImage[] | undefined;
  const count = Math.min(content.length, MAX_PARTS);
  for (let i = 0; i < count; i++) {
    const part: unknown = content[i];
    if (!isObject(part)) continue;
    const partType = own(part, 'type');
    const isAudio = typeof partType === 'string' && AUDIO_PARTS.has(partType);
    if (isAudio) next.audio = true;
    if (partType === 'input_audio') userAudio = true;
    // An item's content never changes: its first copy gives the images, and alt text added since stays.
    if (partType === 'input_image' && !existing?.images) {
      const url = own(part, 'image_url');
      (images ??= []).push(typeof url === 'string' ? { url } : {});
    }
    const text = own(part, 'text');
    const transcript = own(part, 'transcript');
    const value = typeof text === 'string' ? text : typeof transcript === 'string' ? transcript : undefined;
    if (isAudio && typeof transcript === 'string') transcriptSeen = true;
    while (parts.length <= i) parts.push('');
    if (value !== undefined && (context.done || parts[i] === '' || value.length >= (parts[i] ?? '').length)) {
      parts[i] = value;
    }
  }
  next.parts = parts;
  if (images) next.images = images;
  next.text = parts.length === 1 ? (parts[0] ?? '') : parts.join('');
  if (userAudio && next.role === 'user') {
    if (transcriptSeen && next.transcription !== 'failed') next.transcription = 'completed';
    else if (next.transcription === undefined && context.transcriptionOn) next.transcription = 'pending';
  }
}

function mergeTool(kind: ItemKind, payload: JsonObject, context: MergeContext, next: ConversationItemState): void {
  const name = own(payload, 'name');
  if (typeof name === 'string') next.name = name;
  const callId = own(payload, 'call_id');
  if (typeof callId === 'string') next.callId = callId;
  const args = own(payload, 'arguments');
  if (typeof args === 'string' && (context.done || args.length >= (next.arguments ?? '').length)) next.arguments = args;
  const output = own(payload, 'output');
  if (typeof output === 'string') next.output = output;
  const label = own(payload, 'server_label');
  if (typeof label === 'string') next.serverLabel = label;
  const error = own(payload, 'error');
  if (isObject(error) && typeof own(error, 'message') === 'string') next.error = own(error, 'message') as string;
  else if (typeof error === 'string') next.error = error;
  if (kind === 'mcp_list_tools') {
    const tools = own(payload, 'tools');
    if (Array.isArray(tools)) next.raw = { tools };
  } else if (kind === 'mcp_approval_response') {
    const approve = own(payload, 'approve');
    if (typeof approve === 'boolean') next.raw = { approve, approvalRequestId: own(payload, 'approval_request_id') };
  } else if (kind === 'mcp_approval_request' || kind === 'mcp_call') {
    const approvalRequestId = own(payload, 'approval_request_id');
    if (typeof approvalRequestId === 'string') next.raw = { approvalRequestId };
  }
}

/** A short readable line for tool items, shown as their transcript text. */
export function summarize(item: ConversationItemState): string {
  const call = `${item.serverLabel !== undefined ? `${item.serverLabel}.` : ''}${item.name ?? ''}(${item.arguments ?? ''})`;
  switch (item.kind) {
    case 'function_call':
      return call;
    case 'function_call_output':
      return item.output ?? '';
    case 'mcp_call':
      return item.output !== undefined ? `${call} -> ${item.output}` : call;
    case 'mcp_list_tools': {
      const tools = isObject(item.raw) ? own(item.raw, 'tools') : undefined;
      const count = Array.isArray(tools) ? tools.length : 0;
      return `${item.serverLabel ?? 'mcp'}: ${count} tool${count === 1 ? '' : 's'}`;
    }
    case 'mcp_approval_request':
      return `${call} awaits approval`;
    case 'mcp_approval_response': {
      const approve = isObject(item.raw) ? own(item.raw, 'approve') : undefined;
      return approve === true ? 'approved' : approve === false ? 'denied' : '';
    }
    default:
      return item.text;
  }
}
