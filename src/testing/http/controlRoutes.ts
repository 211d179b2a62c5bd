import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorContext } from '../emulatorContext.js';
import { NO_CONDITIONS } from '../conditions.js';
import { toFault } from '../faults.js';
import { openAiError } from '../openAiError.js';
import { scenario as defaultScenario, toScenario } from '../scenario.js';
import type { IncomingSipOptions } from '../sip/SipCall.js';
import type { RealtimeEmulator } from '../startRealtimeEmulator.js';
import { HttpError, parseJson, readBody, sendJson } from './requests.js';

async function readObject(req: IncomingMessage, what: string): Promise<Record<string, unknown>> {
  const body = parseJson(await readBody(req));
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, openAiError(`Send a JSON object: ${what}.`, 'invalid_body'));
  }
  return body as Record<string, unknown>;
}

function target(body: Record<string, unknown>): { callId?: string } {
  if (body.callId === undefined) return {};
  if (typeof body.callId !== 'string')
    throw new HttpError(
      400,
      openAiError("'callId' must be a string (a call id from GET /__emulator/calls).", 'invalid_body', 'callId'),
    );
  return { callId: body.callId };
}

const notFound = (res: ServerResponse, callId: string) =>
  sendJson(res, 404, { error: openAiError(`No active call '${callId}'.`, 'call_not_found') });

/** The emulator's own control endpoints under `/__emulator`, for tests and the playground. */
export async function controlRoute(
  context: EmulatorContext,
  emulator: RealtimeEmulator,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<void> {
  const method = req.method ?? 'GET';
  const call = /^\/__emulator\/calls\/([^/]+)(?:\/(items|client-events|send))?$/.exec(path);
  if (call) {
    const [, callId, sub] = call as unknown as [string, string, string | undefined];
    if (method === 'POST' && sub === 'send') {
      const body = parseJson(await readBody(req));
      const messages = Array.isArray(body)
        ? body
        : typeof body === 'object' && body !== null
          ? (body as Record<string, unknown>).messages
          : undefined;
      if (!Array.isArray(messages) || !messages.every((m) => typeof m === 'string')) {
        return sendJson(res, 400, {
          error: openAiError(
            'Send a JSON array of strings (each sent as one message on the call).',
            'invalid_messages',
          ),
        });
      }
      if (!context.calls.has(callId)) return notFound(res, callId);
      return sendJson(res, 200, { sent: await emulator.calls.send(callId, messages) });
    }
    if (method === 'GET' && sub !== 'send') {
      const info = emulator.calls.get(callId);
      if (!info) return notFound(res, callId);
      if (sub === 'items') return sendJson(res, 200, { items: info.items });
      if (sub === 'client-events') {
        const type = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('type') ?? undefined;
        return sendJson(res, 200, { events: emulator.calls.clientEvents(callId, type) });
      }
      return sendJson(res, 200, info);
    }
  }
  if (method === 'POST' && path === '/__emulator/sip/incoming') {
    const body = await readObject(req, '{ webhookUrl, secret, words?, dtmf?, from? }');
    try {
      return sendJson(res, 200, await emulator.sip.incoming(body as unknown as IncomingSipOptions));
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
      return sendJson(res, 400, { error: openAiError(error.message, 'invalid_body') });
    }
  }
  const sip = /^\/__emulator\/sip\/([^/]+)$/.exec(path);
  if (method === 'GET' && sip) {
    const found = emulator.sip.get(sip[1]!);
    return found ? sendJson(res, 200, found) : notFound(res, sip[1]!);
  }
  if (method === 'GET' && path === '/__emulator/calls') return sendJson(res, 200, { calls: emulator.calls.list() });
  if (method === 'GET' && path === '/__emulator/stats') return sendJson(res, 200, emulator.stats());
  if (method === 'POST' && path === '/__emulator/scenario') {
    const body = await readObject(req, 'a scenario ({ steps, fallback }), or { scenario, callId }');
    const where = target(body);
    try {
      emulator.setScenario(toScenario(body.scenario ?? body), where);
    } catch (error) {
      return sendJson(res, 400, { error: openAiError((error as Error).message, 'invalid_scenario') });
    }
    return sendJson(res, 200, { ok: true });
  }
  if (method === 'POST' && path === '/__emulator/faults') {
    const body = await readObject(req, 'a fault ({ type, ... }), or { fault, callId }');
    const where = target(body);
    try {
      emulator.inject(toFault(body.fault ?? body), where);
    } catch (error) {
      return sendJson(res, 400, { error: openAiError((error as Error).message, 'invalid_fault') });
    }
    return sendJson(res, 200, { ok: true, faults: emulator.faults() });
  }
  if (method === 'GET' && path === '/__emulator/faults') return sendJson(res, 200, { faults: emulator.faults() });
  if (method === 'GET' && path === '/__emulator/conditions') return sendJson(res, 200, emulator.conditions());
  if (method === 'POST' && path === '/__emulator/conditions') {
    const body = await readObject(req, 'conditions ({ modelDelayMs?, delayMs?, jitterMs?, loss? })');
    try {
      return sendJson(res, 200, emulator.setConditions(body));
    } catch (error) {
      return sendJson(res, 400, { error: openAiError((error as Error).message, 'invalid_conditions') });
    }
  }
  if (method === 'DELETE' && path === '/__emulator/faults') {
    emulator.clearFaults();
    return sendJson(res, 200, { ok: true });
  }
  if (method === 'POST' && path === '/__emulator/reset') {
    emulator.clearFaults();
    emulator.setConditions(NO_CONDITIONS);
    context.scenario = defaultScenario();
    for (const active of [...context.calls.values()]) active.close('reset');
    return sendJson(res, 200, { ok: true });
  }
  return sendJson(res, 404, { error: openAiError(`Unknown emulator endpoint ${method} ${path}.`, 'not_found') });
}
