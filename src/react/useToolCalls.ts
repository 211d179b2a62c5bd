'use client';
import { useCallback } from 'react';
import { useStore } from 'zustand';
import { selectPendingToolCalls, selectToolCalls } from '../core/state/selectToolCalls.js';
import type { ToolCallState } from '../core/state/types.js';
import type { RealtimeSession } from '../session/types.js';
import { useEnsureRealtimeSession } from './useRealtimeSessionContext.js';

export interface ToolCallControls {
  /** Every function call of the conversation, in arrival order. */
  calls: readonly ToolCallState[];
  /** Calls waiting for the user (`needsApproval` tools). */
  pending: readonly ToolCallState[];
  approve: (callId: string) => void;
  /** Declines; the model is told the user declined (and why, when given). */
  reject: (callId: string, reason?: string) => void;
}

/** The session's function calls with their status (`state.toolCalls`), and approve/reject for the ones waiting. */
export function useToolCalls(sessionArg?: RealtimeSession): ToolCallControls {
  const session = useEnsureRealtimeSession(sessionArg);
  const calls = useStore(session.store, selectToolCalls);
  const pending = useStore(session.store, selectPendingToolCalls);
  const approve = useCallback((callId: string) => void session.approveToolCall(callId), [session]);
  const reject = useCallback(
    (callId: string, reason?: string) => void session.rejectToolCall(callId, reason),
    [session],
  );
  return { calls, pending, approve, reject };
}

export interface ToolCallPromptControls {
  /** The call to show: the one named by `callId`, or the oldest one waiting for approval. Null when none. */
  call: ToolCallState | null;
  approve: () => void;
  reject: (reason?: string) => void;
}

/** One function call, to show or approve before it runs. */
export function useToolCall(callId?: string, sessionArg?: RealtimeSession): ToolCallPromptControls {
  const { calls, pending, approve, reject } = useToolCalls(sessionArg);
  const call = (callId === undefined ? pending[0] : calls.find((c) => c.callId === callId)) ?? null;
  const id = call?.callId;
  return {
    call,
    approve: useCallback(() => {
      if (id !== undefined) approve(id);
    }, [approve, id]),
    reject: useCallback(
      (reason?: string) => {
        if (id !== undefined) reject(id, reason);
      },
      [reject, id],
    ),
  };
}
