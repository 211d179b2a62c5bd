import { RealtimeError } from '../../src/core/errors.js';
import type { RealtimeErrorCode } from '../../src/core/errors.js';
import type { RealtimeStore } from '../../src/core/state/store.js';
import type { LocalAction } from '../../src/core/state/reduceLocalAction.js';
import type { ConnectionStatus } from '../../src/core/state/types.js';
import type { ServerEventJson } from './realtimeEvents.js';

/** One step of a script: a server event for the real store, a local action, or a pause. */
export type LocalStep =
  | { step: 'status'; status: ConnectionStatus }
  | { step: 'action'; action: LocalAction }
  | { step: 'wait'; ms: number }
  | { step: 'fail'; code: RealtimeErrorCode; message: string; status?: number };
export type ScriptStep = ServerEventJson | LocalStep;

export function isLocalStep(step: ScriptStep): step is LocalStep {
  return typeof (step as { step?: unknown }).step === 'string';
}

/** A scripted failure, as a real session records it: the error in the store (a denied mic also as denied). */
export function applyFailure(store: RealtimeStore, step: Extract<LocalStep, { step: 'fail' }>): RealtimeError {
  const error = new RealtimeError(step.code, step.message, step.status === undefined ? {} : { status: step.status });
  store.apply({
    type: 'error',
    error: {
      source: 'client',
      code: step.code,
      message: step.message,
      ...(step.status === undefined ? {} : { status: step.status }),
    },
  });
  if (step.code === 'mic_permission_denied') store.apply({ type: 'mic', patch: { permission: 'denied' } });
  return error;
}
