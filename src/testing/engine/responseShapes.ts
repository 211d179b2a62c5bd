import type { ScenarioCursor } from '../scenario.js';
import type { AssistantStep } from '../scenario.js';
import { outputVoice } from '../sessionConfig.js';
import type { SessionConfig } from '../sessionConfig.js';
import type { ChannelTrigger } from '../faults.js';
import type { AudioOutput, ConversationItem, ServerEvent } from './types.js';
import type { ItemStore } from './items.js';

export interface ActiveResponse {
  id: string;
  step: AssistantStep;
  textOnly: boolean;
  output: ConversationItem[];
  item: ConversationItem | undefined;
  deltas: string[];
  next: number;
  transcript: string;
  deltasSent: number;
  /** Every word is generated; over WebSocket the response completes once the last delta has left. */
  generated: boolean;
  timer: NodeJS.Timeout | undefined;
  metadata: unknown;
}

/** What responses need from the call that runs them. */
export interface ResponseHost {
  readonly session: SessionConfig;
  readonly items: ItemStore;
  readonly cursor: ScenarioCursor;
  readonly output: AudioOutput;
  readonly serverPlayback: boolean;
  readonly conversationId: string;
  /** How long the model 'thinks' after response.created before its first output (ms). */
  modelDelay(): number;
  send(event: ServerEvent): void;
  fireFaults(moment: Exclude<ChannelTrigger, 'now'>): void;
  /** Once audio was produced the voice can no longer change. */
  lockVoice(): void;
  /** Tokens spent so far, for `rate_limits.updated`. */
  tokensUsed: number;
  /** The idle timeout's clock (`idle_timeout_ms`). */
  readonly idle: { arm(): void; disarm(): void };
}

/** The token limit reported: GA traces show one `tokens` entry of 15,000,000 that resets within milliseconds. */
const TOKENS_PER_MINUTE = 15_000_000;

/** `rate_limits.updated` as GA traffic shows it: sent after `response.done`, one `tokens` entry. */
export function rateLimitsEvent(tokensUsed: number): ServerEvent {
  return {
    type: 'rate_limits.updated',
    rate_limits: [
      {
        name: 'tokens',
        limit: TOKENS_PER_MINUTE,
        remaining: Math.max(0, TOKENS_PER_MINUTE - tokensUsed),
        reset_seconds: 0.002,
      },
    ],
  };
}

export function responseObject(
  host: ResponseHost,
  r: ActiveResponse,
  status: string,
  statusDetails: unknown,
  usage: unknown,
): Record<string, unknown> {
  return {
    object: 'realtime.response',
    id: r.id,
    status,
    status_details: statusDetails,
    output: r.output,
    conversation_id: host.conversationId,
    output_modalities: [r.textOnly ? 'text' : 'audio'],
    max_output_tokens: host.session.max_output_tokens ?? 'inf',
    audio: { output: { format: { type: 'audio/pcm', rate: 24000 }, voice: outputVoice(host.session) } },
    usage,
    metadata: r.metadata,
  };
}

export function usageFor(r: ActiveResponse, itemCount: number): Record<string, unknown> {
  const outputTokens = Math.max(1, Math.round(r.transcript.length / 4));
  const audioTokens = r.textOnly ? 0 : outputTokens * 3;
  const inputTokens = 100 + itemCount * 20;
  return {
    total_tokens: inputTokens + outputTokens + audioTokens,
    input_tokens: inputTokens,
    output_tokens: outputTokens + audioTokens,
    input_token_details: {
      text_tokens: inputTokens,
      audio_tokens: 0,
      image_tokens: 0,
      cached_tokens: 0,
      cached_tokens_details: { text_tokens: 0, audio_tokens: 0, image_tokens: 0 },
    },
    output_token_details: { text_tokens: outputTokens, audio_tokens: audioTokens },
  };
}
