import { attachToCall, type AttachOptions, type CallSession } from './attachToCall.js';
import { acceptCall, referCall, rejectCall, type CallControlOptions } from './callControl.js';
import type { ClientSecretSessionConfig } from './mintClientSecret.js';
import { readBounded, ReadDeadlineError } from './readBounded.js';
import { unwrapWebhook } from './unwrapWebhook.js';
import { WebhookError } from './WebhookError.js';

/** An incoming phone call, as `realtime.call.incoming` announces it; answer it with one of the methods. */
export interface IncomingCall {
  callId: string;
  /** The SIP headers OpenAI forwarded (`From`, `To`, ...). */
  sipHeaders: ReadonlyArray<{ name: string; value: string }>;
  /** The verified webhook event as sent. */
  event: Record<string, unknown>;
  accept(session: ClientSecretSessionConfig): Promise<void>;
  /** A SIP failure status (default 603 Decline; 486 Busy Here). */
  reject(status?: number): Promise<void>;
  /** Transfers the caller (SIP REFER) to a `tel:` or `sip:` URI. */
  refer(uri: string): Promise<void>;
  /** The sideband on this call (after `accept`): server tools, instructions, DTMF as `input_audio_buffer.dtmf_event_received`. */
  attach(options?: AttachOptions): Promise<CallSession>;
}

export interface SipWebhookHandlerOptions extends Pick<CallControlOptions, 'apiKey' | 'apiBaseUrl' | 'fetch'> {
  /** The webhook's signing secret (`whsec_…`) from OpenAI's dashboard. Default `process.env.OPENAI_WEBHOOK_SECRET`. */
  secret?: string;
  /**
   * Called for each verified `realtime.call.incoming`, after the 200 has gone back (OpenAI retries anything else,
   * so a slow answer must not look like a failure). A throw goes to `onError`.
   */
  onIncomingCall: (call: IncomingCall) => void | Promise<void>;
  /** Verification failures (answered 400) and `onIncomingCall` throws, for your logging. */
  onError?: (error: unknown) => void;
  /** Seconds a webhook's timestamp may be off; default 300. */
  toleranceSeconds?: number;
  /** Largest accepted body; default 65 536 bytes. */
  maxBodyBytes?: number;
}

const MAX_BODY = 64 * 1024;
const BODY_TIMEOUT_MS = 10_000;

/**
 * A Web-standard `(Request) => Promise<Response>` for OpenAI's SIP webhook: verifies the Standard Webhooks
 * signature on the raw body, answers 200 (400 when verification fails, with the reason), then hands each
 * `realtime.call.incoming` to `onIncomingCall` as a call to accept, reject, refer or attach to. Other event
 * types are acknowledged and ignored.
 */
export function createSipWebhookHandler(options: SipWebhookHandlerOptions): (request: Request) => Promise<Response> {
  if (typeof options?.onIncomingCall !== 'function')
    throw new TypeError('createSipWebhookHandler needs onIncomingCall(call).');
  const control: CallControlOptions = {
    ...('apiKey' in options ? { apiKey: options.apiKey } : {}),
    ...(options.apiBaseUrl === undefined ? {} : { apiBaseUrl: options.apiBaseUrl }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  };
  return async function handleSipWebhook(request: Request): Promise<Response> {
    if (request.method !== 'POST')
      return json(405, { error: { code: 'method_not_allowed', message: 'Webhooks are POSTed.' } });
    const secret =
      options.secret ??
      (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.OPENAI_WEBHOOK_SECRET;
    let event: { type?: unknown; data?: { call_id?: unknown; sip_headers?: unknown } };
    try {
      if (!secret)
        throw new WebhookError(
          'invalid_secret',
          'No webhook secret: set OPENAI_WEBHOOK_SECRET (or pass secret) to the whsec_ value OpenAI shows.',
        );
      const read = await readBounded(request.body, options.maxBodyBytes ?? MAX_BODY, BODY_TIMEOUT_MS);
      if (read.truncated)
        throw new WebhookError('invalid_payload', 'The webhook body is larger than the handler accepts.');
      event = unwrapWebhook(read.bytes, request.headers, {
        secret,
        ...(options.toleranceSeconds === undefined ? {} : { toleranceSeconds: options.toleranceSeconds }),
      });
    } catch (error) {
      options.onError?.(error);
      const code =
        error instanceof WebhookError
          ? error.code
          : error instanceof ReadDeadlineError
            ? 'request_timeout'
            : 'invalid_payload';
      const status = code === 'invalid_secret' ? 500 : 400;
      return json(status, {
        error: { code, message: error instanceof Error ? error.message : 'The webhook could not be read.' },
      });
    }
    const callId = event?.data?.call_id;
    if (event?.type === 'realtime.call.incoming' && typeof callId === 'string') {
      const sipHeaders = Array.isArray(event.data?.sip_headers)
        ? (event.data.sip_headers as IncomingCall['sipHeaders'])
        : [];
      const call: IncomingCall = {
        callId,
        sipHeaders,
        event: event,
        accept: (session) => acceptCall(callId, session, control),
        reject: (status) => rejectCall(callId, status === undefined ? {} : { status_code: status }, control),
        refer: (uri) => referCall(callId, { target_uri: uri }, control),
        attach: (attachOptions = {}) => attachToCall(callId, { ...control, ...attachOptions }),
      };
      // After the answer: OpenAI must not wait on (or retry because of) the app's own work.
      setTimeout(() => {
        Promise.resolve()
          .then(() => options.onIncomingCall(call))
          .catch((error: unknown) => options.onError?.(error));
      }, 0);
    }
    return new Response(null, { status: 200 });
  };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
  });
}
