import { attachToCall, type AttachOptions, type CallSession } from './attachToCall.js';
import { authorizeRequest, type ClientSecretAuthorize } from './authorizeRequest.js';
import { wasHungUp } from './callRegistry.js';
import { ClientSecretError } from './ClientSecretError.js';
import { createRealtimeCall } from './createRealtimeCall.js';
import { defaultApiKey, type ClientSecretSessionConfig } from './mintClientSecret.js';
import { createRateLimiter, DEFAULT_RATE_LIMIT, type RateLimit } from './rateLimiter.js';
import { bodyTooLarge, errorResponse, failureResponse, JSON_HEADERS, readRequestText } from './handlerResponses.js';
import { redactCause } from './redactSecrets.js';

/** A call the handler created, for `onCall` (e.g. to attach a sideband with `attachToCall`). */
export interface StartedCall {
  callId: string;
  /** What `authorize` returned, as the rate limiter keys it (`user:<id>` or `anonymous:`). */
  identity: string;
  request: Request;
}

export interface CallHandlerOptions {
  /** Standard API key. Default `process.env.OPENAI_API_KEY`, read per request. */
  apiKey?: string | undefined;
  /** Session config of every call (model, instructions, voice, tools...). The browser cannot change it. */
  session?: ClientSecretSessionConfig;
  /** Default `https://api.openai.com/v1`. */
  apiBaseUrl?: string;
  /** Required, as for `createClientSecretHandler`: who may start a call (`'public'` for a demo). */
  authorize?: ClientSecretAuthorize;
  /** Calls per identity: default 10 per minute; 429 beyond. `false`: none. */
  rateLimit?: RateLimit | false;
  /** Call requests in flight upstream at once; default 16 (503 beyond). */
  maxConcurrent?: number;
  /** Time allowed for the offer to arrive; default 10 000 ms (408 beyond). */
  bodyTimeoutMs?: number;
  /** Largest accepted offer; default 32 768 bytes (413 beyond). */
  maxBodyBytes?: number;
  /** Upstream timeout, default 10 000 ms (504 beyond). */
  timeoutMs?: number;
  /**
   * Called once the call exists, before the answer goes back; the call id is what `attachToCall`, `hangupCall`
   * take. A throw is reported to `onError` and does not fail the call.
   */
  onCall?: (call: StartedCall) => void | Promise<void>;
  /**
   * Attach a server-side session (`attachToCall`) to every call, with these options (or the options a function
   * returns for this call; `undefined` skips it). It runs beside the answer, which does not wait for it; the key
   * and API base are the handler's. The session is handed to `onAttached`; a failure goes to `onError`.
   */
  attach?: AttachOptions | ((call: StartedCall) => AttachOptions | undefined);
  onAttached?: (session: CallSession, call: StartedCall) => void;
  /** Called with every failure (the key never appears in it), for your own logging. */
  onError?: (error: ClientSecretError, request: Request) => void;
  fetch?: typeof fetch;
}

const DEFAULT_MAX_BODY = 32 * 1024;
const DEFAULT_MAX_CONCURRENT = 16;
const DEFAULT_BODY_TIMEOUT_MS = 10_000;
const CALL_ID = /^[A-Za-z0-9_-]{1,200}$/;

/**
 * A Web-standard `(Request) => Promise<Response>` for `createRealtimeSession({ callUrl })`: takes the browser's
 * SDP offer (`Content-Type: application/sdp`), creates the call with the server's key (multipart
 * `POST /v1/realtime/calls`) and answers as OpenAI does: 201, the SDP answer, `Location` ending in the call id.
 * No key of any kind reaches the page. Errors are `{ error: { message, code } }`. Serve it from the page's origin.
 */
export function createCallHandler(options: CallHandlerOptions = {}): (request: Request) => Promise<Response> {
  const configuredKey = () => ('apiKey' in options ? options.apiKey : defaultApiKey());
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const bodyTimeoutMs = options.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS;
  const maxConcurrent = options.maxConcurrent ?? DEFAULT_MAX_CONCURRENT;
  const limiter = options.rateLimit === false ? null : createRateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT);
  let inFlight = 0;

  function attachInBackground(call: StartedCall): void {
    const chosen = typeof options.attach === 'function' ? options.attach(call) : options.attach;
    if (!chosen) return;
    const base = options.apiBaseUrl === undefined ? {} : { apiBaseUrl: options.apiBaseUrl };
    attachToCall(call.callId, { apiKey: configuredKey(), ...base, ...chosen }).then(
      (session) => options.onAttached?.(session, call),
      (cause: unknown) =>
        options.onError?.(
          new ClientSecretError(
            'internal_error',
            500,
            `Could not attach to call ${call.callId}; the call goes on without the server's tools.`,
            {
              cause: redactCause(cause, configuredKey()),
            },
          ),
          call.request,
        ),
    );
  }

  /**
   * `GET ?call_id=…`: the page asks after losing its call whether this server hung it up (`hangupCall`), so it can
   * end with `call_ended` instead of reconnecting. Same `authorize` as starting a call; answers no-store JSON.
   */
  async function answerHungUp(request: Request): Promise<Response> {
    const identity = await authorizeRequest(options.authorize, request, configuredKey());
    if (identity instanceof Response) return identity;
    const callId = new URL(request.url).searchParams.get('call_id') ?? '';
    if (!CALL_ID.test(callId)) {
      throw new ClientSecretError('invalid_request', 400, 'Pass the call id as ?call_id=rtc_… to ask about a call.');
    }
    return new Response(JSON.stringify({ call_id: callId, hung_up: wasHungUp(callId) }), {
      status: 200,
      headers: JSON_HEADERS,
    });
  }

  return async function handleCallRequest(request: Request): Promise<Response> {
    let holdsSlot = false;
    try {
      if (request.method === 'GET') return await answerHungUp(request);
      if (request.method !== 'POST') {
        return errorResponse(
          new ClientSecretError(
            'method_not_allowed',
            405,
            'Use POST with the SDP offer to start a call (GET ?call_id= asks whether this server hung a call up).',
          ),
          { Allow: 'POST, GET' },
        );
      }
      const declared = Number(request.headers.get('content-length') ?? '0');
      if (declared > maxBodyBytes) throw bodyTooLarge('The SDP offer', maxBodyBytes);
      const identity = await authorizeRequest(options.authorize, request, configuredKey());
      if (identity instanceof Response) return identity;
      const waitMs = limiter?.take(identity) ?? 0;
      if (waitMs > 0) {
        const seconds = String(Math.ceil(waitMs / 1000));
        throw new ClientSecretError('rate_limited', 429, `Too many voice calls started; try again in ${seconds} s.`, {
          retryAfter: seconds,
        });
      }
      if (!(request.headers.get('content-type') ?? '').toLowerCase().startsWith('application/sdp')) {
        throw new ClientSecretError(
          'invalid_request',
          415,
          'Send the SDP offer as the body with Content-Type: application/sdp.',
        );
      }
      const offer = await readOffer(request, maxBodyBytes, bodyTimeoutMs);
      if (!/^v=0\r?\n/.test(offer) || !/\r?\nm=audio /.test(offer)) {
        throw new ClientSecretError(
          'invalid_request',
          400,
          'The body is not a WebRTC SDP offer with an audio line; post what createOffer() produced.',
        );
      }
      if (inFlight >= maxConcurrent) {
        throw new ClientSecretError(
          'busy',
          503,
          'The server is starting too many voice calls at once; try again in a moment.',
          { retryAfter: '1' },
        );
      }
      inFlight++;
      holdsSlot = true;
      const call = await createRealtimeCall(offer, options.session, {
        apiKey: configuredKey(),
        ...(options.apiBaseUrl === undefined ? {} : { apiBaseUrl: options.apiBaseUrl }),
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
        ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
        signal: request.signal,
      });
      if (options.onCall) {
        try {
          await options.onCall({ callId: call.callId, identity, request });
        } catch (cause) {
          const failure = new ClientSecretError(
            'internal_error',
            500,
            `onCall failed for call ${call.callId}; the call goes on.`,
            { cause: redactCause(cause, configuredKey()) },
          );
          options.onError?.(failure, request);
        }
      }
      if (options.attach) attachInBackground({ callId: call.callId, identity, request });
      const location = `${new URL(request.url).pathname.replace(/\/+$/, '')}/${call.callId}`;
      return new Response(call.sdp, {
        status: 201,
        headers: { 'Content-Type': 'application/sdp', 'Cache-Control': 'no-store', Location: location },
      });
    } catch (error) {
      return failureResponse(request, error, 'call handler', configuredKey(), options.onError);
    } finally {
      if (holdsSlot) inFlight--;
    }
  };
}

function readOffer(request: Request, maxBodyBytes: number, bodyTimeoutMs: number): Promise<string> {
  if (request.bodyUsed)
    throw new ClientSecretError(
      'invalid_request',
      400,
      'The request body was already read (by authorize?); the handler needs the SDP offer.',
    );
  return readRequestText(request, maxBodyBytes, bodyTimeoutMs, 'The SDP offer');
}
