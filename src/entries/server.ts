/**
 * `talkwire/server` (Node 20+ and edge runtimes): ephemeral key minting that keeps the API key on the server
 * (`createClientSecretHandler`, a Web-standard `Request -> Response` handler, and `mintClientSecret`), plus
 * `toNodeListener` for Node's `http`, call control (`hangupCall`, `acceptCall`, `rejectCall`, `referCall`) and
 * Standard Webhooks verification (`unwrapWebhook`).
 */
export { createClientSecretHandler } from '../server/createClientSecretHandler.js';
export type { ClientSecretHandlerOptions, SessionOverridePolicy } from '../server/createClientSecretHandler.js';
export { mintClientSecret } from '../server/mintClientSecret.js';
export type { ClientSecret, ClientSecretSessionConfig, MintClientSecretOptions } from '../server/mintClientSecret.js';
export type {
  ClientSecretKind,
  TranscriptionSecretSessionConfig,
  TranslationSecretSessionConfig,
} from '../server/mintClientSecret.js';
export { ClientSecretError } from '../server/ClientSecretError.js';
export type { ClientSecretErrorCode } from '../server/ClientSecretError.js';
export { toNodeListener } from '../server/toNodeListener.js';
export type { AuthorizeVerdict, ClientSecretAuthorize, ClientSecretIdentity } from '../server/authorizeRequest.js';
export type { RateLimit } from '../server/rateLimiter.js';
export { unwrapWebhook } from '../server/unwrapWebhook.js';
export type { UnwrapWebhookOptions, WebhookHeaders } from '../server/unwrapWebhook.js';
export { WebhookError } from '../server/WebhookError.js';
export type { WebhookErrorCode } from '../server/WebhookError.js';
export { acceptCall, hangupCall, referCall, rejectCall } from '../server/callControl.js';
export type { CallControlOptions } from '../server/callControl.js';
export { CallControlError } from '../server/CallControlError.js';
export type { CallControlErrorCode } from '../server/CallControlError.js';
export { createRealtimeRelay } from '../server/createRealtimeRelay.js';
export type { RealtimeRelay, RealtimeRelayOptions } from '../server/createRealtimeRelay.js';
export { createCallHandler } from '../server/createCallHandler.js';
export type { CallHandlerOptions, StartedCall } from '../server/createCallHandler.js';
export { createRealtimeCall } from '../server/createRealtimeCall.js';
export type { CreateRealtimeCallOptions } from '../server/createRealtimeCall.js';
export { attachToCall } from '../server/attachToCall.js';
export type { AttachOptions, CallSession } from '../server/attachToCall.js';
export { createSipWebhookHandler } from '../server/createSipWebhookHandler.js';
export type { IncomingCall, SipWebhookHandlerOptions } from '../server/createSipWebhookHandler.js';
